import { DEFAULT_PEOPLE, DEFAULT_TEAM_ID, type SlackMessage } from '../../sandbox';
import type { Person } from '../../src/domain/person';
import type { GoalDetail } from '../../src/services/goal.service';
import { AssistantAction, CheckinAction, CheckinCallbackId } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { linkManager } from '../support/factories';
import { waitFor } from '../support/redis';

const alice = DEFAULT_PEOPLE.alice.id;
const bob = DEFAULT_PEOPLE.bob.id;
const charu = DEFAULT_PEOPLE.charu.id;

describe('the DM assistant without a model, through the Slack emulator', () => {
  let h: CadenceHarness;
  let churn: GoalDetail;
  let alicePerson: Person;
  const db = () => h.database.db;
  const person = (slackUserId: string) => h.cadence.deps.people.resolveActor(DEFAULT_TEAM_ID, slackUserId);
  const churnKr = () => db().selectFrom('key_result').select(['id', 'current_value as current']).where('goal_id', '=', churn.goal.id).executeTakeFirstOrThrow();
  const eventsOf = (goalId: string) => db().selectFrom('goal_event').select(['kind', 'changes']).where('goal_id', '=', goalId).orderBy('id').execute();
  const goalRow = (goalId: string) => db().selectFrom('goal').select(['progress', 'status']).where('id', '=', goalId).executeTakeFirstOrThrow();

  /** Sends a DM and waits for the assistant's answer in that message's thread. */
  async function ask(user: string, text: string, expected: (m: SlackMessage) => boolean = () => true): Promise<SlackMessage> {
    const sent = await h.driver.sendDm({ user, text });
    expect(sent.status).toBe(200);
    return h.emulator.waitForDm(user, (m) => m.thread_ts === sent.message.ts && m.ts !== sent.message.ts && expected(m));
  }
  const proposalId = (m: SlackMessage) =>
    (m.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }> | undefined)
      ?.flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === AssistantAction.Confirm)?.value;
  const click = (user: string, m: SlackMessage, actionId: string) => h.driver.clickButton({ user, actionId, source: { message: { channel: m.channel, ts: m.ts } } });

  beforeAll(async () => {
    h = await startCadenceHarness();
    alicePerson = await person(alice);
    const [bobPerson] = await Promise.all([person(bob), person(charu)]);
    await linkManager(db(), alicePerson.id, bobPerson.id);
    const created = await h.cadence.deps.goals.create(alicePerson, {
      title: 'Reduce churn',
      description: null,
      category: 'performance',
      targetDate: null,
      visibility: 'private',
      keyResults: [{ title: 'Monthly churn', kind: 'percent', start: '8', target: '4', unit: null, weight: null }],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    churn = created.value;
    const roadmap = await h.cadence.deps.goals.create(alicePerson, { title: 'Publish the roadmap', description: null, category: 'development', targetDate: null, visibility: 'public' });
    if (!roadmap.ok) throw new Error(JSON.stringify(roadmap.errors));
  });
  afterAll(() => h.stop());

  it('answers a read at once, in the thread, from the person’s own goals, and says plainly what it can do', async () => {
    const answer = await ask(alice, 'goals');
    expect(answer.text).toContain('Your goals');
    expect(answer.text).toContain('Reduce churn');
    expect(answer.text).toContain('Monthly churn: 8% → 4%, now *8%* (0%)');
    expect(answer.text).toContain('Publish the roadmap');

    const help = await ask(alice, 'hello?');
    for (const phrase of ['`goals`', '`goal <name>`', '`why <goal>`', '`progress <key result or goal> <value>`', '`status <goal> <status>: <note>`', '`checkin`', '`draft self-assessment`', '`feedback @peer @peer …`', '`waiting`'])
      expect(help.text).toContain(phrase);
    expect(help.text).toContain('Sorry, I did not understand that');
  });

  it('answers a message Slack delivers twice once', async () => {
    const sent = await h.driver.sendDm({ user: alice, text: 'goal reduce churn' });
    await h.emulator.waitForDm(alice, (m) => m.thread_ts === sent.message.ts && m.text.includes('Reduce churn'));
    await h.driver.resendLastEvent({ retryNum: 1, retryReason: 'http_timeout' });
    // A later message is answered after anything the retry could have caused.
    await ask(alice, 'waiting');
    expect(h.emulator.dms(alice).filter((m) => m.thread_ts === sent.message.ts && m.ts !== sent.message.ts)).toHaveLength(1);
  });

  it('proposes a progress update and changes nothing until Confirm; Confirm applies it once, with history and roll-up', async () => {
    const before = await eventsOf(churn.goal.id);
    const proposal = await ask(alice, 'progress monthly churn 5.2', (m) => m.text.includes('once you confirm'));
    expect(proposal.text).toContain('set *Monthly churn* on *Reduce churn* from 8% to *5.2%*');
    expect(proposalId(proposal)).toBeDefined();
    expect((await churnKr()).current).toBe(8);
    expect(await eventsOf(churn.goal.id)).toHaveLength(before.length);

    await click(alice, proposal, AssistantAction.Confirm);
    const done = await h.emulator.waitForDm(alice, (m) => m.ts === proposal.ts && m.text.includes('Confirmed and done'));
    expect(done.text).toContain('is now at');
    expect((await churnKr()).current).toBe(5.2);
    // (8 - 5.2) / (8 - 4) = 70%: the goal's progress rolled up from its key result.
    expect(await goalRow(churn.goal.id)).toMatchObject({ progress: 70 });
    const events = await eventsOf(churn.goal.id);
    expect(events).toHaveLength(before.length + 1);
    expect(events[events.length - 1]).toMatchObject({ kind: 'progress', changes: expect.arrayContaining([expect.objectContaining({ type: 'kr_value', from: 8, to: 5.2 })]) });
  });

  it('applies a confirmation clicked twice only once', async () => {
    const before = await eventsOf(churn.goal.id);
    const proposal = await ask(alice, 'progress monthly churn 5', (m) => m.text.includes('once you confirm'));
    // The emulator's message changes in place when it is replaced: the id is read first.
    const id = proposalId(proposal)!;
    const answered = h.emulator.calls('response_url').length;
    const clicks = await Promise.all([click(alice, proposal, AssistantAction.Confirm), click(alice, proposal, AssistantAction.Confirm)]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    // Both clicks answered (one "done", one "already confirmed"), each in place of the proposal.
    await waitFor(() => h.emulator.calls('response_url').length >= answered + 2, { what: 'both clicks to be answered', timeoutMs: 15_000 });
    const texts = h.emulator.calls('response_url').slice(answered).map((c) => JSON.stringify(c.params));
    expect(texts.filter((t) => t.includes('Confirmed and done'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('already confirmed'))).toHaveLength(1);
    expect((await churnKr()).current).toBe(5);
    expect(await eventsOf(churn.goal.id)).toHaveLength(before.length + 1);
    // And once more, on the answer a late click would find.
    const again = await h.cadence.deps.assistant.confirm(alicePerson, id);
    expect(again).toEqual({ kind: 'already', status: 'applied' });
    expect(await eventsOf(churn.goal.id)).toHaveLength(before.length + 1);
  });

  it('changes nothing when the proposal is cancelled', async () => {
    const before = await eventsOf(churn.goal.id);
    const proposal = await ask(alice, 'progress monthly churn 4.5', (m) => m.text.includes('once you confirm'));
    const id = proposalId(proposal)!;
    await click(alice, proposal, AssistantAction.Cancel);
    await h.emulator.waitForDm(alice, (m) => m.ts === proposal.ts && m.text.includes('Cancelled. Nothing changed.'));
    expect((await churnKr()).current).toBe(5);
    expect(await eventsOf(churn.goal.id)).toHaveLength(before.length);
    // A cancelled proposal cannot be confirmed afterwards.
    expect(await h.cadence.deps.assistant.confirm(alicePerson, id)).toEqual({ kind: 'already', status: 'cancelled' });
    expect((await churnKr()).current).toBe(5);
  });

  it('refuses a stale confirmation and shows the goal as it now stands', async () => {
    const proposal = await ask(alice, 'status reduce churn deferred: vendor is late', (m) => m.text.includes('once you confirm'));
    expect(proposal.text).toMatch(/change the status of \*Reduce churn\* from On track to \*Deferred\*, noting “vendor is late”/);
    // Meanwhile the goal moves on through the form's path.
    const moved = await h.cadence.deps.goals.updateProgress(alicePerson, churn.goal.id, { status: 'at_risk', note: 'vendor slipped', values: [] });
    expect(moved.ok).toBe(true);
    const before = await eventsOf(churn.goal.id);
    await click(alice, proposal, AssistantAction.Confirm);
    const refused = await h.emulator.waitForDm(alice, (m) => m.ts === proposal.ts && m.text.includes('changed since I proposed this'));
    expect(refused.text).toContain('At risk');
    expect(refused.text).toContain('Monthly churn');
    expect(await goalRow(churn.goal.id)).toMatchObject({ status: 'at_risk' });
    expect(await eventsOf(churn.goal.id)).toHaveLength(before.length);

    // A key result moved by her manager in the meantime makes a proposal as stale as a status does.
    const valueProposal = await ask(alice, 'progress monthly churn 4.2', (m) => m.text.includes('once you confirm'));
    const kr = await churnKr();
    const bobPerson = await person(bob);
    expect((await h.cadence.deps.goals.updateProgress(bobPerson, churn.goal.id, { status: 'at_risk', note: null, values: [{ keyResultId: kr.id, value: '4.6' }] })).ok).toBe(true);
    await click(alice, valueProposal, AssistantAction.Confirm);
    const stale = await h.emulator.waitForDm(alice, (m) => m.ts === valueProposal.ts && m.text.includes('changed since I proposed this'));
    expect(stale.text).toContain('now *4.6%*');
    expect((await churnKr()).current).toBe(4.6);
    // Put back as the later tests expect it.
    expect((await h.cadence.deps.goals.updateProgress(alicePerson, churn.goal.id, { status: 'at_risk', note: null, values: [{ keyResultId: kr.id, value: '5' }] })).ok).toBe(true);
  });

  it('lets a manager read a report’s goals, and refuses a peer with the same words as for a goal that does not exist', async () => {
    const managers = await ask(bob, `goals <@${alice}>`);
    expect(managers.text).toContain(`Goals of <@${alice}>`);
    expect(managers.text).toContain('Reduce churn');
    const why = await ask(bob, 'why reduce churn');
    expect(why.text).toContain('weighted mean of its 1 key result');
    expect(why.text).toContain('Monthly churn: 8% → 4%, now 5% = 75%');

    // The peer sees Alice's public goal only, and nothing of the private one.
    const peers = await ask(charu, `goals <@${alice}>`);
    expect(peers.text).toContain('Publish the roadmap');
    expect(peers.text).not.toContain('Reduce churn');
    const hidden = await ask(charu, 'goal reduce churn');
    const missing = await ask(charu, 'goal grow revenue');
    expect(hidden.text).toBe('I can’t find a goal matching “reduce churn” that you can see.');
    expect(missing.text.replace('grow revenue', 'reduce churn')).toBe(hidden.text);
    // By id too: a private goal and an id that names nothing read the same.
    const byId = await ask(charu, `goal ${churn.goal.id}`);
    const noId = await ask(charu, 'goal 00000000-0000-4000-8000-000000000000');
    expect(noId.text.replace('00000000-0000-4000-8000-000000000000', churn.goal.id)).toBe(byId.text);
    // Nor may the peer change it.
    const write = await ask(charu, 'progress reduce churn 1');
    expect(write.text).not.toContain('once you confirm');
    expect((await churnKr()).current).toBe(5);
  });

  it('opens the check-in form, drafts a self-assessment from the person’s records, and asks peers under /feedback request’s rules', async () => {
    const checkin = await ask(alice, 'checkin');
    expect(JSON.stringify(checkin.blocks)).toContain(CheckinAction.Open);
    await click(alice, checkin, CheckinAction.Open);
    await h.emulator.waitForModal(alice, (v) => v.callback_id === CheckinCallbackId.Form);

    const draft = await ask(alice, 'draft self-assessment');
    expect(draft.text).toContain('Draft self-assessment');
    expect(draft.text).toContain('built from your records');
    expect(draft.text).toMatch(/Reduce churn[^\n]*_\[[^\]]+\]_/);
    expect(draft.text).toContain('What metrics improved? Who did you work with? What was the hardest part?');

    const tooFew = await ask(alice, `feedback <@${charu}>`);
    expect(tooFew.text).toContain('Ask at least 2 people');
    // Bob, Alice's manager, reads the summary: the request's own rules refuse him, at Confirm, and nothing is sent.
    const withManager = await ask(alice, `feedback <@${bob}> <@${charu}>`, (m) => m.text.includes('once you confirm'));
    await click(alice, withManager, AssistantAction.Confirm);
    const refused = await h.emulator.waitForDm(alice, (m) => m.ts === withManager.ts && m.text.includes('Nothing changed'));
    expect(refused.text).toContain('Leave Bob Example out');
    expect(await db().selectFrom('feedback_request').select('id').execute()).toEqual([]);

    const proposal = await ask(alice, `ask for feedback from <@${charu}> and <@${DEFAULT_PEOPLE.dana.id}>`, (m) => m.text.includes('once you confirm'));
    expect(proposal.text).toContain(`ask <@${charu}> and <@${DEFAULT_PEOPLE.dana.id}> for feedback about you`);
    await click(alice, proposal, AssistantAction.Confirm);
    await h.emulator.waitForDm(alice, (m) => m.ts === proposal.ts && m.text.includes('Confirmed and done'));
    const requests = await db().selectFrom('feedback_request').innerJoin('feedback_invitation', 'feedback_invitation.request_id', 'feedback_request.id').select('feedback_invitation.peer_id').execute();
    expect(requests).toHaveLength(2);
  });

  it('will not let anyone else confirm a person’s proposal', async () => {
    const proposal = await ask(alice, 'progress monthly churn 4.9', (m) => m.text.includes('once you confirm'));
    const charuPerson = await person(charu);
    await expect(h.cadence.deps.assistant.confirm(charuPerson, proposalId(proposal)!)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect((await churnKr()).current).toBe(5);
  });

});
