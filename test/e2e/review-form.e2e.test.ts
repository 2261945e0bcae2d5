import type { Person } from '../../src/domain/person';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { ReviewAction, ReviewBlock, ReviewPeerIds, reviewQuestionBlock, ReviewSignOffIds } from '../../src/views/ids';
import { startTimedCadence, type TimedCadence } from '../support/nudges';
import { waitFor } from '../support/redis';
import { QUESTIONS } from '../support/reviews';

jest.setTimeout(120_000);

/** `/review` and its forms through the Slack emulator: what is waiting, who reads each answer, inline errors. */
const maya = { id: 'U0MAYA', name: 'maya', realName: 'Maya Manager', email: 'maya@example.com', tz: 'Europe/London' };
const ben = { id: 'U0BEN', name: 'ben', realName: 'Ben NewYork', email: 'ben@example.com', tz: 'America/New_York' };
const dana = { id: 'U0DANA', name: 'dana', realName: 'Dana HR', email: 'dana@example.com', tz: 'Europe/London' };
const pia = { id: 'U0PIA', name: 'pia', realName: 'Pia Peer', email: 'pia@example.com', tz: 'Europe/Berlin' };

describe('/review', () => {
  let c: TimedCadence;
  const blockText = (blocks: unknown) => JSON.stringify(blocks ?? []);

  beforeAll(async () => {
    c = await startTimedCadence('2027-03-08T15:00:00Z', { people: [maya, ben, dana, pia], env: { ADMIN_SLACK_IDS: dana.id } });
    const db = c.h.database.db;
    const person = async (id: string): Promise<Person> => (await findPersonBySlackId(db, 'T0CADENCE', id))!;
    await waitFor(async () => (await person(dana.id))?.isAdmin === true, { what: 'Dana to be an admin' });
    const hr = await person(dana.id);
    const linked = await c.h.cadence.deps.org.setManager(hr, ben.id, maya.id);
    if (!linked.ok) throw new Error(JSON.stringify(linked.errors));
    const admin = c.h.cadence.deps.reviewAdmin;
    const template = await admin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await admin.createCycle(hr, {
      name: 'H1 2027',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [(await person(ben.id)).id] },
      phases: { self_assessment: '2027-03-19', peer_feedback: '2027-03-26', manager_review: '2027-03-26', conversation: '2027-04-02', sign_off: '2027-04-09' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await admin.launch(hr, cycle.value.id);
  });
  afterAll(() => c.h.stop());

  const responses = () => c.h.database.db.selectFrom('review_response').select(['role', 'answers', 'submitted_at']).execute();

  it('answers help, and usage for what it does not know', async () => {
    await c.h.driver.command({ user: ben.id, command: '/review', text: 'help' });
    await c.h.emulator.waitForEphemeral(ben.id, (m) => blockText(m.blocks).includes('`/review help` shows this.'));
    await c.h.driver.command({ user: ben.id, command: '/review', text: 'calibrate' });
    await c.h.emulator.waitForEphemeral(ben.id, (m) => m.text.startsWith("I don't know `/review calibrate`"));
  });

  it('lists what is waiting and opens the self-assessment with who reads each answer', async () => {
    await c.h.driver.command({ user: ben.id, command: '/review' });
    const list = await c.h.emulator.waitForEphemeral(ben.id, (m) => blockText(m.blocks).includes('Your self-assessment'));
    expect(blockText(list.blocks)).toContain('H1 2027');
    await c.h.driver.clickButton({ user: ben.id, actionId: ReviewAction.Open, source: { message: { channel: list.channel, ts: list.ts } } });
    const modal = await c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === 'review_form');
    expect(blockText(modal.blocks)).toContain('Who reads this: you, your manager');
    expect(blockText(modal.blocks)).toContain('Who reads this: you, your manager, HR · Up to 10 words');
    expect(blockText(modal.blocks)).not.toContain('Notes for HR');
  });

  it('opens the evidence beside the self-assessment, over the form, which keeps its place', async () => {
    const db = c.h.database.db;
    const employee = (await findPersonBySlackId(db, 'T0CADENCE', ben.id))!;
    const goal = await c.h.cadence.deps.goals.create(employee, { title: 'Cut churn to 3%', description: null, category: 'performance', targetDate: '2027-06-30' });
    expect(goal.ok).toBe(true);
    await c.h.driver.clickButton({ user: ben.id, actionId: ReviewAction.Evidence, source: { modal: true } });
    const pushed = await c.h.emulator.waitForModal(ben.id, (view) => blockText(view.title).includes('Evidence'));
    expect(blockText(pushed.blocks)).toContain('Cut churn to 3%');
    expect(blockText(pushed.blocks)).toContain('No check-ins in the period.');
    // Back to the form underneath: it is still the one being filled in.
    await c.h.driver.closeView({ user: ben.id });
    await c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === 'review_form');
  });

  it('shows what waits on the Home tab, and HR the cycle’s completion', async () => {
    await c.h.driver.appHomeOpened({ user: ben.id });
    const home = await c.h.emulator.waitForHome(ben.id, (view) => blockText(view.blocks).includes('*Reviews*'));
    expect(blockText(home.blocks)).toContain('Your self-assessment');
    expect(blockText(home.blocks)).toContain(ReviewAction.Open);
    await c.h.driver.appHomeOpened({ user: dana.id });
    const admin = await c.h.emulator.waitForHome(dana.id, (view) => blockText(view.blocks).includes('Running cycles'));
    expect(blockText(admin.blocks)).toContain('*H1 2027*: self-assessments 0/1, manager reviews 0/1, conversations 0/1, employee sign-offs 0/1, manager sign-offs 0/1');
  });

  it('keeps the form open with an error beside each question that needs one, and stores nothing', async () => {
    const result = await c.h.driver.submitView({ user: ben.id, values: { [reviewQuestionBlock('wins')]: 'one two three four five six seven eight nine ten eleven' } });
    expect(result.outcome).toEqual({
      kind: 'errors',
      errors: { [reviewQuestionBlock('impact')]: 'Answer this question before submitting.', [reviewQuestionBlock('wins')]: 'Keep this to 10 words (it has 11).' },
    });
    expect(await responses()).toEqual([]);
  });

  it('saves a draft, then submits', async () => {
    const draft = await c.h.driver.submitView({ user: ben.id, values: { [reviewQuestionBlock('wins')]: 'Shipped it', [ReviewBlock.Draft]: ['draft'] } });
    expect(draft.outcome).toMatchObject({ kind: 'updated' });
    expect(await responses()).toEqual([{ role: 'self', answers: { wins: { text: 'Shipped it' } }, submitted_at: null }]);

    const before = c.h.emulator.ephemerals(ben.id).length;
    await c.h.driver.command({ user: ben.id, command: '/review' });
    const list = await c.h.emulator.waitForEphemeral(ben.id, (m) => c.h.emulator.ephemerals(ben.id).indexOf(m) >= before && blockText(m.blocks).includes('Your self-assessment'));
    await c.h.driver.clickButton({ user: ben.id, actionId: ReviewAction.Open, source: { message: { channel: list.channel, ts: list.ts } } });
    // The draft is where it was left.
    await c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === 'review_form' && blockText(view.blocks).includes('Shipped it'));
    const submitted = await c.h.driver.submitView({ user: ben.id, values: { [reviewQuestionBlock('impact')]: '3', [reviewQuestionBlock('wins')]: 'Shipped it' } });
    expect(submitted.outcome).toMatchObject({ kind: 'updated' });
    const [row] = await responses();
    expect({ answers: row?.answers, submitted: row?.submitted_at !== null }).toEqual({ answers: { impact: { rating: 3 }, wins: { text: 'Shipped it' } }, submitted: true });
  });

  it('takes the employee’s peer nomination, never their manager, asks the manager in a DM, and makes their approval in Slack a 360 request', async () => {
    // Ben has submitted his self-assessment, so he nominates through the service; his manager approves in Slack.
    const db = c.h.database.db;
    const employee = (await findPersonBySlackId(db, 'T0CADENCE', ben.id))!;
    const participant = (await db.selectFrom('review_participant').select('id').executeTakeFirstOrThrow()).id;
    const peers = c.h.cadence.deps.reviewPeers;
    expect(await peers.nominate(employee, participant, [pia.id, maya.id])).toEqual({ ok: false, errors: { peers: 'Maya Manager manages Ben NewYork: a manager reads the peer summary and is never a peer.' } });
    expect(await peers.nominate(employee, participant, [pia.id, dana.id])).toMatchObject({ ok: true, value: { requestId: null } });
    expect(await c.h.database.db.selectFrom('feedback_request').select('id').execute()).toEqual([]);

    // Maya is asked in a DM (it is 15:00 in London), and approves from it.
    await c.moveTo(c.clock.now().plus({ minutes: 1 }).toISO() ?? '');
    const ask = await c.h.emulator.waitForDm(maya.id, (m) => m.text === 'Peers are waiting for your approval for Ben NewYork\'s review.');
    await c.h.driver.clickButton({ user: maya.id, actionId: ReviewAction.Peers, source: { message: { channel: ask.channel, ts: ask.ts } } });
    const approval = await c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === ReviewPeerIds.Callback);
    expect(blockText(approval.blocks)).toContain('Nominated by Ben NewYork');
    expect((await c.h.driver.submitView({ user: maya.id })).outcome).toMatchObject({ kind: 'updated' });
    const request = await c.h.database.db.selectFrom('feedback_request').innerJoin('person', 'person.id', 'feedback_request.subject_id').select(['person.name', 'feedback_request.id']).executeTakeFirstOrThrow();
    expect(request.name).toBe('ben');
    const invited = await c.h.database.db.selectFrom('feedback_invitation').innerJoin('person', 'person.id', 'feedback_invitation.peer_id').select('person.name').where('request_id', '=', request.id).execute();
    expect(invited.map((i) => i.name).sort()).toEqual(['dana', 'pia']);
  });

  it('shows the manager their review to write, with who reads each of their answers', async () => {
    await c.h.driver.command({ user: maya.id, command: '/review' });
    const list = await c.h.emulator.waitForEphemeral(maya.id, (m) => blockText(m.blocks).includes('Your review of'));
    await c.h.driver.clickButton({ user: maya.id, actionId: ReviewAction.Open, source: { message: { channel: list.channel, ts: list.ts } } });
    const modal = await c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === 'review_form');
    expect(blockText(modal.blocks)).toContain('Who reads this: the employee, their manager');
    expect(blockText(modal.blocks)).toContain('Who reads this: their manager, HR');
  });
  it('takes the employee and the manager through sign-off from the DM, to a locked review', async () => {
    const db = c.h.database.db;
    const person = async (id: string): Promise<Person> => (await findPersonBySlackId(db, 'T0CADENCE', id))!;
    const [manager, participant] = [await person(maya.id), (await db.selectFrom('review_participant').select('id').executeTakeFirstOrThrow()).id];
    const reviews = c.h.cadence.deps.reviews;
    expect(await reviews.save(manager, participant, 'manager', { impact: { rating: 2 }, private: { text: 'Ready for more' } }, true)).toMatchObject({ ok: true });
    expect(await reviews.share(manager, participant, { agreed: 'A strong half', nextSteps: ['Lead the Q2 launch'] })).toMatchObject({ ok: true });

    const request = await c.h.emulator.waitForDm(ben.id, (m) => m.text === 'A review summary is ready to sign off.');
    await c.h.driver.clickButton({ user: ben.id, actionId: ReviewSignOffIds.Open, source: { message: { channel: request.channel, ts: request.ts } } });
    const modal = await c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === ReviewSignOffIds.Callback);
    expect(blockText(modal.blocks)).toContain('A strong half');
    expect(blockText(modal.blocks)).toContain('Lead the Q2 launch');
    // The employee reads the questions the template gives them, not the manager's notes for HR.
    expect(blockText(modal.blocks)).not.toContain('Ready for more');
    expect((await c.h.driver.submitView({ user: ben.id, values: {} })).outcome).toEqual({ kind: 'errors', errors: { [ReviewSignOffIds.Comment]: 'Write a comment, or sign off.' } });
    expect((await c.h.driver.submitView({ user: ben.id, values: { [ReviewSignOffIds.Sign]: ['sign'] } })).outcome).toMatchObject({ kind: 'updated' });

    const managerRequest = await c.h.emulator.waitForDm(maya.id, (m) => m.text === 'A review summary is ready to sign off.');
    await c.h.driver.clickButton({ user: maya.id, actionId: ReviewSignOffIds.Open, source: { message: { channel: managerRequest.channel, ts: managerRequest.ts } } });
    await c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === ReviewSignOffIds.Callback && blockText(view.blocks).includes('signed off on'));
    const signed = await c.h.driver.submitView({ user: maya.id, values: { [ReviewSignOffIds.Sign]: ['sign'], [ReviewSignOffIds.Comment]: 'Thanks, Ben' } });
    expect(signed.outcome).toMatchObject({ kind: 'updated' });
    const rows = await db.selectFrom('review_sign_off').select(['side', 'comment']).where('signed_at', 'is not', null).orderBy('side').execute();
    expect(rows).toEqual([
      { side: 'employee', comment: null },
      { side: 'manager', comment: 'Thanks, Ben' },
    ]);
    expect((await reviews.read(manager, participant)).locked).toBe(true);
  });
});
