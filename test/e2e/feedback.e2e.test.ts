import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { defaultWorkspace, type SlackMessage, type SlackView } from '../../sandbox';
import type { FeedbackStepKind } from '../../src/domain/feedback';
import { feedbackStepJob } from '../../src/jobs/feedback.job';
import { recurringJobs } from '../../src/jobs';
import { TimeMachine } from '../../src/jobs/time-machine';
import { OffsetClock } from '../../src/lib/clock';
import { FeedbackBlock as B } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { linkManager } from '../support/factories';
import { waitFor } from '../support/redis';

/** A team in one timezone, so every reminder lands at a time the test can name. */
const LONDON = 'Europe/London';
const person = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: name.toLowerCase(),
  realName: `${name} Example`,
  email: `${name.toLowerCase()}@example.com`,
  tz: LONDON,
  ...extra,
});
const ana = 'U0ANA';
const max = 'U0MAX'; // Ana's and Raj's manager
const pia = 'U0PIA';
const raj = 'U0RAJ';
const sam = 'U0SAM';
const teo = 'U0TEO';
const uma = 'U0UMA';
const hr = 'U0HR';
const robot = 'U0ROBOT';
const gone = 'U0GONE';
const PEOPLE = [ana, max, pia, raj, sam, teo, uma, hr];

const blockText = (view: { blocks?: unknown[] } | undefined) => JSON.stringify(view?.blocks ?? []);
const at = (message: SlackMessage) => ({ message: { channel: message.channel, ts: message.ts } });

describe('360 feedback through the Slack emulator, with time under control', () => {
  let h: CadenceHarness;
  let clock: OffsetClock;
  let time: TimeMachine;

  beforeAll(async () => {
    clock = new OffsetClock();
    const workspace = defaultWorkspace();
    workspace.people = [
      person(ana, 'Ana'),
      person(max, 'Max'),
      person(pia, 'Pia'),
      person(raj, 'Raj'),
      person(sam, 'Sam'),
      person(teo, 'Teo'),
      person(uma, 'Uma'),
      person(hr, 'Hana'),
      person(robot, 'Robot', { isBot: true }),
      person(gone, 'Gone', { deleted: true }),
    ];
    h = await startCadenceHarness({
      clock,
      emulator: { workspaces: [workspace], now: () => clock.now().toMillis() },
      env: { ADMIN_SLACK_IDS: hr },
      // A Redis that lost its data gets its recurring jobs back within moments, not a minute.
      schedulerCheckMs: 200,
    });
    time = new TimeMachine({ clock, jobs: h.cadence.deps.jobs, logger: h.cadence.deps.logger });
    const ids = await waitFor(
      async () => {
        const rows = await h.database.db.selectFrom('person').select(['id', 'slack_user_id']).where('slack_user_id', 'in', PEOPLE).execute();
        return rows.length === PEOPLE.length && new Map(rows.map((r) => [r.slack_user_id, r.id]));
      },
      { what: 'the directory sync at start' },
    );
    await linkManager(h.database.db, ids.get(ana) ?? '', ids.get(max) ?? '');
    await linkManager(h.database.db, ids.get(raj) ?? '', ids.get(max) ?? '');
  });
  afterAll(() => h.stop());

  /** Moves the app's clock to the next Thursday, 10:00 in London: a follow-up 5 days later lands on a Tuesday. */
  async function toThursdayMorning(): Promise<void> {
    const now = clock.now().setZone(LONDON);
    let target = now.set({ weekday: 4, hour: 10, minute: 0, second: 0, millisecond: 0 });
    if (target <= now.plus({ minutes: 1 })) target = target.plus({ weeks: 1 });
    await time.advance(target.toMillis() - clock.now().toMillis());
  }

  async function advanceTo(moment: DateTime): Promise<void> {
    await time.advance(Math.max(0, moment.toMillis() - clock.now().toMillis()) + 1000);
  }

  const requestsAbout = (slackUserId: string) =>
    h.database.db
      .selectFrom('feedback_request as r')
      .innerJoin('person as p', 'p.id', 'r.subject_id')
      .selectAll('r')
      .where('p.slack_user_id', '=', slackUserId)
      .orderBy('r.created_at', 'desc')
      .execute();

  /** When a request's steps of one kind are due, from the rows Postgres keeps. */
  async function stepTimes(requestId: string, kind: FeedbackStepKind): Promise<DateTime[]> {
    const rows = await h.database.db.selectFrom('feedback_step').select('due_at').where('request_id', '=', requestId).where('kind', '=', kind).execute();
    return rows.map((r) => DateTime.fromJSDate(r.due_at)).sort((a, b) => a.toMillis() - b.toMillis());
  }

  async function openRequestForm(user: string, text = 'request'): Promise<SlackView> {
    await h.driver.command({ user, command: '/feedback', text });
    return h.emulator.waitForModal(user, (view) => view.callback_id === 'feedback_request');
  }

  async function ask(user: string, values: Record<string, string | string[]>, text = 'request') {
    await openRequestForm(user, text);
    const result = await h.driver.submitView({
      user,
      values: { [B.FocusAreas]: ['Communication', 'Ownership'], ...values },
    });
    expect(result.outcome).toMatchObject({ kind: 'updated' });
    return result;
  }

  const inviteFor = (user: string, from: string) => h.emulator.waitForDm(user, (m) => m.text.includes('asked for your feedback') && m.text.startsWith(from));

  async function answer(user: string, invite: SlackMessage, values: Record<string, string>): Promise<SlackView> {
    await h.driver.clickButton({ user, actionId: 'feedback_answer', source: at(invite) });
    const modal = await h.emulator.waitForModal(user, (view) => view.callback_id === 'feedback_answer');
    const result = await h.driver.submitView({ user, values });
    expect(result.outcome).toMatchObject({ kind: 'updated' });
    return modal;
  }

  const followUps = (user: string) => h.emulator.dms(user).filter((m) => m.text.startsWith('A reminder:'));

  it('releases the summary once the 3 people asked have all answered, to the subject and their manager, with no names', async () => {
    await toThursdayMorning();
    const sent = await ask(ana, {
      [B.Peers]: [pia, raj, sam],
      [B.CustomQuestion]: 'What should I stop doing?',
      [B.Note]: 'Be blunt, please.',
    });
    expect(blockText(sent.outcome.kind === 'updated' ? sent.outcome.view : undefined)).toContain('Rate yourself');
    // The subject rates themself on the same focus areas, for the comparison in the summary.
    await h.driver.clickButton({ user: ana, actionId: 'feedback_rate_self', source: { modal: true } });
    await h.emulator.waitForModal(ana, (view) => view.callback_id === 'feedback_self_rating');
    await h.driver.submitView({ user: ana, values: { [`${B.RatingPrefix}0`]: '3', [`${B.RatingPrefix}1`]: '5' } });
    await h.driver.closeView({ user: ana });

    const [request] = await requestsAbout(ana);
    expect(request).toMatchObject({ status: 'open', focus_areas: ['Communication', 'Ownership'] });
    expect(request?.due_on).toBe(clock.now().setZone(LONDON).plus({ days: 7 }).toISODate());

    const written: Record<string, string> = { [pia]: 'Pia-comment explains things twice', [raj]: 'Raj-comment owns the pager', [sam]: 'Sam-comment ships on time' };
    for (const peer of [pia, raj, sam]) {
      const invite = await inviteFor(peer, 'Ana Example asked for your feedback');
      expect(blockText(invite)).toContain('Be blunt, please.');
      expect(blockText(invite)).toContain('*Communication* and *Ownership*');
      const modal = await answer(peer, invite, {
        [`${B.RatingPrefix}0`]: peer === sam ? '3' : '5',
        [`${B.CommentPrefix}0`]: written[peer] ?? '',
        [`${B.RatingPrefix}1`]: peer === pia ? 'na' : '4',
        [B.CustomAnswer]: `${peer}-custom stop the long meetings`,
        [B.Strengths]: `${peer}-strength calm under pressure`,
      });
      // Before anything is sent, the form says who reads the answer and in what form.
      expect(blockText(modal)).toContain('Who sees your answer');
      expect(blockText(modal)).toContain(`<@${ana}> and <@${max}>, only inside an anonymous summary`);
      // The invitation gives way to the outcome, with nothing in it that leads back to the answer.
      const thanks = await h.emulator.waitForDm(peer, (m) => m.ts === invite.ts && m.text.startsWith('Thanks'));
      expect(blockText(thanks)).not.toContain('feedback_edit_answer');
      if (peer === pia) {
        // Changed from the confirmation, the one place the edit key is ever shown.
        await h.driver.clickButton({ user: pia, actionId: 'feedback_edit_answer', source: { modal: true } });
        const editing = await h.emulator.waitForModal(pia, (view) => view.callback_id === 'feedback_answer_edit');
        expect(blockText(editing)).toContain(written[pia]);
        written[pia] = 'Pia-comment, on reflection, explains things well';
        await h.driver.submitView({ user: pia, values: { [`${B.CommentPrefix}0`]: written[pia] ?? '' } });
      }
      await h.driver.closeView({ user: peer });
    }

    const ready = await h.emulator.waitForDm(ana, (m) => m.text === 'The feedback summary about you is ready.');
    await h.emulator.waitForDm(max, (m) => m.text === 'The feedback summary about Ana Example is ready.');
    expect((await requestsAbout(ana))[0]?.status).toBe('released');

    await h.driver.clickButton({ user: ana, actionId: 'feedback_view_summary', source: at(ready) });
    const summary = await h.emulator.waitForModal(ana, (view) => blockText(view).includes('Feedback about'));
    const text = blockText(summary);
    expect(text).toContain('Average *4.3* from 3 ratings');
    expect(text).toContain('Average *4.0* from 2 ratings (1 N/A)');
    for (const comment of Object.values(written)) expect(text).toContain(comment);
    expect(text).toContain('What should I stop doing?');
    expect(text).not.toContain('explains things twice');
    expect(text).toContain('You rated yourself 3: others’ average is 1.3 higher.');
    for (const peer of [pia, raj, sam]) {
      expect(text).not.toContain(`<@${peer}>`);
      expect(text).not.toMatch(new RegExp(`${peer.slice(3)} Example`, 'i'));
    }
    await h.driver.closeView({ user: ana });

    // Refused, not an empty summary, for anyone else (an HR admin included).
    await h.driver.command({ user: hr, command: '/feedback', text: `list <@${ana}>` });
    const refused = await h.emulator.waitForEphemeral(hr, (m) => m.text.startsWith(':warning:') || m.text.startsWith("You can't"));
    expect(refused.text).toContain("You can't see that.");

    // Whoever holds the bot token and the database: the ledger points at each peer's DM, and the bot
    // can read it; nothing there hashes to an answer's edit key, and the queues hold none of the words.
    const hashes = new Set(
      (await h.database.db.selectFrom('feedback_answer').select('edit_key_hash').execute()).flatMap((r) => (r.edit_key_hash ? [r.edit_key_hash] : [])),
    );
    expect(hashes.size).toBe(3);
    for (const peer of [pia, raj, sam]) {
      const tokens = JSON.stringify(h.emulator.dms(peer)).match(/[A-Za-z0-9_-]{20,}/g) ?? [];
      expect(tokens.filter((token) => hashes.has(createHash('sha256').update(token).digest('hex')))).toEqual([]);
    }
    const stored = await h.redis.stored(h.database.url);
    expect(stored.length).toBeGreaterThan(0);
    for (const comment of Object.values(written)) expect(stored.join('\n')).not.toContain(comment);
  });

  it('does not release with 2 answers: the requester reads why; the day-5 follow-up goes only to the one who has not answered, once', async () => {
    await toThursdayMorning();
    const form = await openRequestForm(max, `request <@${raj}>`);
    expect(blockText(form)).toContain('Feedback about');
    await h.driver.submitView({ user: max, values: { [B.Peers]: [pia, sam, teo], [B.FocusAreas]: ['Delivery'] } });
    const [request] = await requestsAbout(raj);
    expect(request).toMatchObject({ status: 'open' });
    // The subject hears that their manager asked, and may rate themself.
    await h.emulator.waitForDm(raj, (m) => m.text === 'Max Example asked for feedback about you.');

    for (const peer of [pia, sam]) {
      const invite = await inviteFor(peer, 'Max Example asked for your feedback about Raj Example');
      await answer(peer, invite, { [`${B.RatingPrefix}0`]: '4' });
    }
    await inviteFor(teo, 'Max Example asked for your feedback about Raj Example');

    await h.driver.command({ user: max, command: '/feedback', text: `list <@${raj}>` });
    const list = await h.emulator.waitForEphemeral(max, (m) => m.text === 'Feedback about Raj Example');
    // While answers can still come, the requester is not told how many came: counts would date them.
    expect(blockText(list)).toContain('3 asked · answers are counted when the request closes');
    expect(blockText(list)).not.toContain('2 of 3');
    await h.driver.clickButton({
      user: max,
      actionId: 'feedback_view_summary',
      blockId: `fb_request_${request?.id}`,
      source: { message: { channel: list.channel, ts: list.ts } },
    });
    const progress = await h.emulator.waitForModal(max, (view) => blockText(view).includes('Feedback about'));
    expect(blockText(progress)).toContain('The summary is shared once at least 3 people have answered');
    expect(blockText(progress)).not.toContain('Average');
    await h.driver.closeView({ user: max });

    const [followUpAt] = await stepTimes(request?.id ?? '', 'follow_up');
    expect(followUpAt?.setZone(LONDON).toFormat('ccc HH:mm')).toBe('Tue 10:00');
    await advanceTo(followUpAt ?? clock.now());
    await h.emulator.waitForDm(teo, (m) => m.text.startsWith('A reminder:'));
    // Time passes up to the day before the last reminder; running the job again changes nothing.
    await time.advance(12 * 3_600_000);
    const [step] = await h.database.db
      .selectFrom('feedback_step as s')
      .innerJoin('feedback_invitation as i', 'i.id', 's.invitation_id')
      .innerJoin('person as p', 'p.id', 'i.peer_id')
      .select(['s.id', 's.state'])
      .where('s.request_id', '=', request?.id ?? '')
      .where('s.kind', '=', 'follow_up')
      .where('p.slack_user_id', '=', teo)
      .execute();
    expect(step?.state).toBe('done');
    await h.cadence.deps.jobs.queueFor('slack').remove(`feedback-step-${step?.id}`);
    await h.cadence.deps.jobs.enqueue(feedbackStepJob, { stepId: step?.id ?? '' });
    await waitFor(async () => (await h.cadence.deps.jobs.getJobState(feedbackStepJob, { stepId: step?.id ?? '' })) === 'completed', { what: 'the re-run step' });

    expect(followUps(teo)).toHaveLength(1);
    expect(followUps(pia)).toHaveLength(0);
    expect(followUps(sam)).toHaveLength(0);
    expect((await requestsAbout(raj))[0]?.status).toBe('open');

    // One request at a time per person: Raj is shown the open one instead of a new form.
    await h.driver.command({ user: raj, command: '/feedback', text: '' });
    const open = await h.emulator.waitForModal(raj, (view) => view.callback_id === 'feedback_result');
    expect(blockText(open)).toContain('A feedback request about you is open');
    await h.driver.closeView({ user: raj });
  });

  it('sends the day-5 follow-up once even when Redis lost everything between the request and day 5', async () => {
    await toThursdayMorning();
    await ask(uma, { [B.Peers]: [sam, teo, pia] });
    const [request] = await requestsAbout(uma);
    const invite = await inviteFor(sam, 'Uma Example asked for your feedback');
    await answer(sam, invite, { [`${B.RatingPrefix}0`]: '5', [`${B.RatingPrefix}1`]: '4' });
    await inviteFor(teo, 'Uma Example asked for your feedback');
    await inviteFor(pia, 'Uma Example asked for your feedback');
    const before = { teo: followUps(teo).length, pia: followUps(pia).length, sam: followUps(sam).length };

    expect(await h.redis.wipe(h.database.url)).toBeGreaterThan(0);
    expect(await time.next()).toBeUndefined();
    // The workers' watch brings the recurring jobs back; the reconciler among them runs at once.
    await waitFor(
      async () => {
        const schedulers = await h.cadence.deps.jobs.queueFor('default').getJobSchedulers();
        return recurringJobs.every((job) => job.definition.queue !== 'default' || schedulers.some((s) => s.key === job.schedulerId));
      },
      { what: 'the recurring jobs to be restored' },
    );

    const [followUpAt] = await stepTimes(request?.id ?? '', 'follow_up');
    await advanceTo(followUpAt ?? clock.now());
    await h.emulator.waitForDm(teo, (m) => m.text.startsWith('A reminder:') && m.text.includes('Uma'), 10_000);
    await h.emulator.waitForDm(pia, (m) => m.text.startsWith('A reminder:') && m.text.includes('Uma'), 10_000);

    // Lost again after it went out, and queued again by the reconciler: still once.
    await h.redis.wipe(h.database.url);
    await h.cadence.deps.feedbackSteps.reconcile();
    await time.advance(60_000);
    // The positive signal: every queue is idle, so whatever the reconciler queued has run.
    await time.settle();
    expect(followUps(teo).length - before.teo).toBe(1);
    expect(followUps(pia).length - before.pia).toBe(1);
    expect(followUps(sam).length - before.sam).toBe(0);
  });

  it.each([
    ['1 peer', [pia], undefined, B.Peers, 'Pick at least 2 people (you picked 1).'],
    ['7 peers', [pia, raj, sam, uma, max, hr, ana], undefined, B.Peers, 'Pick at most 6 people (you picked 7).'],
    ['yourself', [pia, raj, sam], true, B.Peers, 'Leave yourself out: ask others for feedback about you.'],
    ['a bot', [pia, raj, robot], undefined, B.Peers, 'Robot Example is a bot, not a person.'],
    ['a deactivated person', [pia, raj, gone], undefined, B.Peers, 'Gone Example is deactivated in Slack.'],
    ['a due date tomorrow', [pia, raj], 'tomorrow', B.DueOn, undefined],
  ] as const)('keeps the request form open with an inline error for %s, and stores nothing', async (_label, peers, twist, block, message) => {
    const before = (await h.database.db.selectFrom('feedback_request').select('id').execute()).length;
    await openRequestForm(teo);
    const today = clock.now().setZone(LONDON);
    const values: Record<string, string | string[]> = {
      [B.Peers]: twist === true ? [...peers, teo] : [...peers],
      [B.FocusAreas]: ['Delivery'],
      ...(twist === 'tomorrow' ? { [B.DueOn]: today.plus({ days: 1 }).toISODate() ?? '' } : {}),
    };
    const result = await h.driver.submitView({ user: teo, values, skipClientValidation: true });
    const expected = message ?? `Pick a date at least 3 days away (${today.plus({ days: 3 }).toISODate()} or later), so people have time to answer.`;
    expect(result.body).toEqual({ response_action: 'errors', errors: { [block]: expected } });
    expect(h.emulator.openModal(teo)?.callback_id).toBe('feedback_request');
    expect((await h.database.db.selectFrom('feedback_request').select('id').execute()).length).toBe(before);
    await h.driver.closeView({ user: teo });
  });

  it('a peer declines with a reason; the requester hears it and asks someone else in their place', async () => {
    await toThursdayMorning();
    await ask(teo, { [B.Peers]: [pia, raj, sam] });
    const invite = await inviteFor(raj, 'Teo Example asked for your feedback');
    await h.driver.clickButton({ user: raj, actionId: 'feedback_decline', source: at(invite) });
    const modal = await h.emulator.waitForModal(raj, (view) => view.callback_id === 'feedback_decline');
    expect(blockText(modal)).toContain(`<@${teo}> sees that you declined`);
    await h.driver.submitView({ user: raj, values: { [B.DeclineReason]: 'On leave all month' } });
    await h.emulator.waitForDm(raj, (m) => m.ts === invite.ts && m.text.startsWith('You declined'));

    const notice = await h.emulator.waitForDm(teo, (m) => m.text === 'Raj Example declined your feedback request.');
    expect(blockText(notice)).toContain('On leave all month');
    await h.driver.clickButton({ user: teo, actionId: 'feedback_ask_more', source: at(notice) });
    await h.emulator.waitForModal(teo, (view) => view.callback_id === 'feedback_ask_more');
    const again = await h.driver.submitView({ user: teo, values: { [B.Peers]: [pia] } });
    expect(again.body).toEqual({ response_action: 'errors', errors: { [B.Peers]: 'Pia Example was asked already.' } });
    const added = await h.driver.submitView({ user: teo, values: { [B.Peers]: [uma] } });
    expect(added.outcome).toMatchObject({ kind: 'updated' });
    await inviteFor(uma, 'Teo Example asked for your feedback');
  });

  it('gives continuous feedback: the form names who will read it before sending; shared with the manager only when ticked', async () => {
    await h.driver.command({ user: pia, command: '/feedback', text: `give <@${raj}>` });
    const modal = await h.emulator.waitForModal(pia, (view) => view.callback_id === 'feedback_give');
    expect(blockText(modal)).toContain(`only <@${raj}>, with your name. If you tick the box, their manager <@${max}> sees it too.`);
    await h.driver.submitView({ user: pia, values: { [B.Body]: 'Your incident write-up was superb.', [B.Share]: ['share'] } });
    await h.emulator.waitForDm(raj, (m) => m.text === 'Feedback from Pia Example.');
    await h.emulator.waitForDm(max, (m) => m.text === 'Pia Example shared feedback for Raj Example with you.');

    await h.driver.command({ user: sam, command: '/feedback', text: `give <@${raj}>` });
    await h.emulator.waitForModal(sam, (view) => view.callback_id === 'feedback_give');
    await h.driver.submitView({ user: sam, values: { [B.Body]: 'Thanks for pairing with me on Friday.' } });
    await h.emulator.waitForDm(raj, (m) => m.text === 'Feedback from Sam Example.');
    // The same job would tell the manager after Raj: once the queues are idle, it has finished.
    await time.settle();
    expect(h.emulator.dms(max).filter((m) => JSON.stringify(m.blocks).includes('pairing with me'))).toHaveLength(0);

    await h.driver.command({ user: max, command: '/feedback', text: `list <@${raj}>` });
    const list = await h.emulator.waitForEphemeral(max, (m) => m.text === 'Feedback about Raj Example' && blockText(m).includes('incident write-up'));
    expect(blockText(list)).toContain('incident write-up');
    expect(blockText(list)).not.toContain('pairing with me');
  });

  it('after the last reminder, the requester sees how many have not answered, never who, and may ask someone else', async () => {
    const [request] = await requestsAbout(teo);
    const [lastReminderAt] = await stepTimes(request?.id ?? '', 'last_reminder');
    await advanceTo(lastReminderAt ?? clock.now());
    for (const peer of [pia, sam, uma]) await h.emulator.waitForDm(peer, (m) => m.text.startsWith('Last reminder:') && m.text.includes('Teo'));
    expect(h.emulator.dms(raj).filter((m) => m.text.startsWith('Last reminder:') && m.text.includes('Teo'))).toHaveLength(0);

    const status = await h.emulator.waitForDm(teo, (m) => m.text === 'Your feedback request: 3 not answered yet.');
    const text = blockText(status);
    expect(text).toContain('0 of 4 answered · 1 declined · 3 not yet');
    for (const peer of [pia, sam, uma]) expect(text).not.toContain(peer);
    await h.driver.clickButton({ user: teo, actionId: 'feedback_ask_more', source: at(status) });
    const form = await h.emulator.waitForModal(teo, (view) => view.callback_id === 'feedback_ask_more');
    expect(blockText(form)).toContain('The due date moves to');
    await h.driver.submitView({ user: teo, values: { [B.Peers]: [max] } });
    const invite = await inviteFor(max, 'Teo Example asked for your feedback');
    expect(blockText(invite)).toContain('(in 3 days)');
  });

  it('from the Home tab: picking whom feedback is for names their manager before anything is sent', async () => {
    await h.driver.appHomeOpened({ user: sam });
    await h.emulator.waitForHome(sam, (view) => blockText(view).includes('feedback_give'));
    await h.driver.clickButton({ user: sam, actionId: 'feedback_give', source: { home: true } });
    await h.emulator.waitForModal(sam, (view) => view.callback_id === 'feedback_give');
    await h.driver.selectOption({ user: sam, actionId: 'value', blockId: B.Recipient, value: ana, source: { modal: true } });
    const updated = await h.emulator.waitForModal(sam, (view) => blockText(view).includes(`their manager <@${max}> sees it too`));
    expect(blockText(updated)).toContain('Also share with their manager (Max Example)');
    await h.driver.closeView({ user: sam });
  });

  it('an HR admin edits the focus areas: a bad list is refused inline, a good one is offered in new requests', async () => {
    await h.driver.appHomeOpened({ user: hr });
    await h.emulator.waitForHome(hr, (view) => blockText(view).includes('feedback_focus_areas'));
    await h.driver.clickButton({ user: hr, actionId: 'feedback_focus_areas', source: { home: true } });
    const modal = await h.emulator.waitForModal(hr, (view) => view.callback_id === 'feedback_focus_areas');
    expect(blockText(modal)).toContain('Communication');
    const refused = await h.driver.submitView({ user: hr, values: { [B.FocusAreaList]: 'Craft\ncraft' } });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { [B.FocusAreaList]: '“craft” is listed twice.' } });
    const saved = await h.driver.submitView({ user: hr, values: { [B.FocusAreaList]: 'Craft\nMentoring\nDelivery' } });
    expect(saved.outcome).toEqual({ kind: 'closed' });
    const form = await openRequestForm(hr);
    expect(blockText(form)).toContain('Mentoring');
    expect(blockText(form)).not.toContain('Communication');
    await h.driver.closeView({ user: hr });
    // Only HR admins: anyone else is told so.
    await h.driver.appHomeOpened({ user: sam });
    expect(blockText(h.emulator.home(sam))).not.toContain('feedback_focus_areas');
  });

  it('answers /feedback help and unknown subcommands with the usage', async () => {
    await h.driver.command({ user: sam, command: '/feedback', text: 'frobnicate' });
    const reply = await h.emulator.waitForEphemeral(sam, (m) => m.text.startsWith("I don't know `/feedback frobnicate`"));
    expect(blockText(reply)).toContain('/feedback give @person');
  });

  it('shows feedback on the Home tab: the ways in, and what waits for an answer', async () => {
    await h.driver.appHomeOpened({ user: pia });
    const home = await h.emulator.waitForHome(pia, (view) => blockText(view).includes(`<@${teo}> asked for your feedback`));
    expect(blockText(home)).toContain('Ask for feedback');
    expect(blockText(home)).toContain('feedback_answer');
  });
});
