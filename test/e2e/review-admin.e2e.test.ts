import { DateTime } from 'luxon';
import type { Person } from '../../src/domain/person';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { GoalBlock, ReviewAdminAction, ReviewAdminBlock, ReviewAdminCallbackId, reviewPhaseBlock, templateQuestionBlock } from '../../src/views/ids';
import { HR_ONLY } from '../../src/views/review-admin/hub.modal';
import { startTimedCadence, type TimedCadence } from '../support/nudges';
import { waitFor } from '../support/redis';

jest.setTimeout(300_000);

/**
 * HR admins run review cycles from Slack, through the emulator on the sandbox clock: the
 * competency, template, question and cycle forms (each with its inline errors, storing nothing),
 * launch, "nudge all late" at most once per item per day, extend, export, close and reopen.
 */
const maya = { id: 'U0MAYA', name: 'maya', realName: 'Maya Manager', email: 'maya@example.com', tz: 'Europe/London' };
const ana = { id: 'U0ANA', name: 'ana', realName: 'Ana London', email: 'ana@example.com', tz: 'Europe/London' };
const ben = { id: 'U0BEN', name: 'ben', realName: 'Ben NewYork', email: 'ben@example.com', tz: 'America/New_York', title: 'Site Reliability Engineer' };
const dana = { id: 'U0DANA', name: 'dana', realName: 'Dana HR', email: 'dana@example.com', tz: 'Europe/London' };

describe('review cycles, run by HR admins in Slack', () => {
  let c: TimedCadence;
  const text = (value: unknown) => JSON.stringify(value ?? []);
  const db = () => c.h.database.db;
  const modal = (predicate: (blocks: string, callbackId: string | undefined) => boolean) =>
    c.h.emulator.waitForModal(dana.id, (view) => predicate(text(view.blocks), view.callback_id));
  const click = (actionId: string, value?: string, user = dana.id) =>
    c.h.driver.clickButton({ user, actionId, source: { modal: true }, ...(value !== undefined ? { value } : {}) });
  const submit = (values: Record<string, string | readonly string[] | null>, user = dana.id) => c.h.driver.submitView({ user, values });

  /** Steps through everything scheduled until the clock reaches `iso`. */
  async function until(iso: string) {
    const target = DateTime.fromISO(iso);
    for (;;) {
      const next = await c.time.next();
      if (!next || next.at > target) break;
      await c.step();
    }
    if (c.clock.now() < target) await c.moveTo(iso);
    await c.settle();
  }

  async function openHub(user = dana.id) {
    await c.h.driver.command({ user, command: '/review', text: 'admin' });
    return c.h.emulator.waitForModal(user, (view) => view.callback_id === ReviewAdminCallbackId.Hub);
  }

  beforeAll(async () => {
    c = await startTimedCadence('2027-03-08T15:00:00Z', { people: [maya, ana, ben, dana], env: { ADMIN_SLACK_IDS: dana.id } });
    const person = async (id: string): Promise<Person | undefined> => findPersonBySlackId(db(), 'T0CADENCE', id);
    await waitFor(async () => (await person(dana.id))?.isAdmin === true, { what: 'Dana to be an admin' });
    const hr = (await person(dana.id))!;
    for (const report of [ana, ben]) {
      const linked = await c.h.cadence.deps.org.setManager(hr, report.id, maya.id);
      if (!linked.ok) throw new Error(JSON.stringify(linked.errors));
    }
  });
  afterAll(() => c.h.stop());

  it('refuses the tools to anyone but an HR admin, with a clear message', async () => {
    await c.h.driver.command({ user: maya.id, command: '/review', text: 'admin' });
    await c.h.emulator.waitForEphemeral(maya.id, (m) => m.text.includes(HR_ONLY));
    expect(c.h.emulator.openModal(maya.id)).toBeUndefined();
  });

  it('opens the review tools from the admin section of the Home tab', async () => {
    await c.h.driver.appHomeOpened({ user: dana.id });
    await c.h.emulator.waitForHome(dana.id, (view) => text(view.blocks).includes(ReviewAdminAction.OpenHub));
    await c.h.driver.clickButton({ user: dana.id, actionId: ReviewAdminAction.OpenHub, source: { home: true } });
    const hub = await modal((_, id) => id === ReviewAdminCallbackId.Hub);
    expect(text(hub.blocks)).toContain('*Cycles* (0)');
    await c.h.driver.closeView({ user: dana.id });
  });

  it('defines competencies, for everyone, a team or a role, with inline errors for too few levels, a name taken, a team of nobody and a title nobody has', async () => {
    await openHub();
    await click(ReviewAdminAction.NewCompetency);
    await modal((_, id) => id === ReviewAdminCallbackId.Competency);
    expect((await submit({ [ReviewAdminBlock.Name]: 'Ownership', [ReviewAdminBlock.Levels]: 'Starting\nStrong' })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Levels]: 'Describe 3 to 7 levels.' },
    });
    expect(await db().selectFrom('review_competency').select('name').execute()).toEqual([]);
    const saved = await submit({ [ReviewAdminBlock.Name]: 'Ownership', [ReviewAdminBlock.Description]: 'Takes things to the end', [ReviewAdminBlock.Levels]: 'Starting\n\nGrowing\nStrong\n' });
    expect(saved.outcome).toEqual({ kind: 'closed' });
    // Back on the hub, redrawn with the new competency.
    await modal((blocks, id) => id === ReviewAdminCallbackId.Hub && blocks.includes('*Ownership*: 3 levels'));
    expect(await db().selectFrom('review_competency').select(['name', 'levels']).execute()).toEqual([{ name: 'Ownership', levels: ['Starting', 'Growing', 'Strong'] }]);

    await click(ReviewAdminAction.NewCompetency);
    await modal((_, id) => id === ReviewAdminCallbackId.Competency);
    expect((await submit({ [ReviewAdminBlock.Name]: 'ownership', [ReviewAdminBlock.Levels]: 'A\nB\nC' })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Name]: 'There is a competency of that name already.' },
    });
    // Scoped to a team: the person picked must have someone under them.
    const mentoring = { [ReviewAdminBlock.Name]: 'Mentoring', [ReviewAdminBlock.Levels]: 'Learns\nShares\nGrows others' };
    expect((await submit({ ...mentoring, [ReviewAdminBlock.Team]: ana.id })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Team]: 'Nobody reports to that person: pick a manager, or leave it for the whole workspace.' },
    });
    expect((await submit({ ...mentoring, [ReviewAdminBlock.Team]: maya.id })).outcome).toEqual({ kind: 'closed' });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Hub && blocks.includes('*Mentoring*: 3 levels · for Maya Manager’s team'));

    // Scoped to a role: the job title on Slack profiles (Ben's, from the directory), in any case.
    await click(ReviewAdminAction.NewCompetency);
    await modal((_, id) => id === ReviewAdminCallbackId.Competency);
    const onCall = { [ReviewAdminBlock.Name]: 'On-call', [ReviewAdminBlock.Levels]: 'Shadows\nLeads\nImproves' };
    expect((await submit({ ...onCall, [ReviewAdminBlock.Role]: 'Astronaut' })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Role]: 'Nobody active in Cadence has that job title on their Slack profile: check the spelling, or leave it for every role.' },
    });
    expect((await submit({ ...onCall, [ReviewAdminBlock.Role]: 'site reliability engineer' })).outcome).toEqual({ kind: 'closed' });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Hub && blocks.includes('*On-call*: 3 levels · for the role “site reliability engineer”'));
  });

  it('builds a template question by question: inline errors per input, then order and removal', async () => {
    await modal((_, id) => id === ReviewAdminCallbackId.Hub);
    await click(ReviewAdminAction.NewTemplate);
    await modal((_, id) => id === ReviewAdminCallbackId.Template);
    const first = { [ReviewAdminBlock.Name]: 'Half-year', [ReviewAdminBlock.Prompt]: 'Impact this half', [ReviewAdminBlock.Kind]: 'rating', [ReviewAdminBlock.AnsweredBy]: ['self', 'manager'], [ReviewAdminBlock.ReadableBy]: ['employee', 'manager'] };
    expect((await submit({ ...first, [ReviewAdminBlock.Scale]: 'Below\nAbove' })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Scale]: 'A rating scale needs 3 to 7 points (it has 2).' },
    });
    expect((await submit({ ...first, [ReviewAdminBlock.Name]: '   ', [ReviewAdminBlock.Scale]: 'Below\nMeets\nAbove' })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Name]: 'Name the template.' },
    });
    expect(await db().selectFrom('review_template').select('id').execute()).toEqual([]);
    const created = await submit({ ...first, [ReviewAdminBlock.Scale]: 'Below\nMeets\nAbove' });
    expect(created.outcome).toMatchObject({ kind: 'updated' });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Template && blocks.includes('*1. Impact this half*') && blocks.includes('3-point rating'));

    await click(ReviewAdminAction.AddQuestion);
    // Who answers: the employee, peers (in their 360 request) or the manager.
    await modal((blocks, id) => id === ReviewAdminCallbackId.Question && blocks.includes('Peers (anonymously, in their 360 request)'));
    const wins = { [ReviewAdminBlock.Prompt]: 'Your wins', [ReviewAdminBlock.Kind]: 'text', [ReviewAdminBlock.AnsweredBy]: ['self'], [ReviewAdminBlock.ReadableBy]: ['employee', 'manager', 'hr'] };
    expect((await submit(wins)).outcome).toEqual({ kind: 'errors', errors: { [ReviewAdminBlock.WordLimit]: 'Set a word limit from 1 to 2000.' } });
    // Peers' answers are read as the 360 summary: never by HR.
    expect((await submit({ ...wins, [ReviewAdminBlock.WordLimit]: '50', [ReviewAdminBlock.AnsweredBy]: ['self', 'peer'] })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.ReadableBy]: 'Peers’ answers are read as the 360 summary, by the employee and their managers, never HR: choose the employee and the manager.' },
    });
    expect((await submit({ ...wins, [ReviewAdminBlock.WordLimit]: '50' })).outcome).toEqual({ kind: 'closed' });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Template && blocks.includes('*2. Your wins*') && blocks.includes('text, up to 50 words'));

    await click(ReviewAdminAction.AddQuestion);
    await modal((_, id) => id === ReviewAdminCallbackId.Question);
    const ownership = { [ReviewAdminBlock.Prompt]: 'Ownership', [ReviewAdminBlock.Kind]: 'competency', [ReviewAdminBlock.AnsweredBy]: ['manager'], [ReviewAdminBlock.ReadableBy]: ['manager', 'hr'] };
    expect((await submit({ ...ownership, [ReviewAdminBlock.AnsweredBy]: ['manager', 'peer'] })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.AnsweredBy]: 'Peers answer rating and text questions only: they answer in their 360 request.' },
    });
    expect((await submit(ownership)).outcome).toEqual({ kind: 'errors', errors: { [ReviewAdminBlock.Competency]: 'Pick a competency of the framework.' } });
    const competency = await db().selectFrom('review_competency').select('id').where('name', '=', 'Ownership').executeTakeFirstOrThrow();
    expect((await submit({ ...ownership, [ReviewAdminBlock.Competency]: competency.id, [ReviewAdminBlock.AllowNa]: ['na'] })).outcome).toEqual({ kind: 'closed' });
    const three = await modal((blocks, id) => id === ReviewAdminCallbackId.Template && blocks.includes('*3. Ownership*'));
    expect(text(three.blocks)).toContain('competency: Ownership, N/A allowed');

    // The competency question moves up, then the text question goes.
    const questions = async () => (await db().selectFrom('review_template_version').select(['version', 'questions']).execute()).map((v) => ({ version: v.version, prompts: (v.questions as Array<{ prompt: string }>).map((q) => q.prompt) }));
    const ids = (await db().selectFrom('review_template_version').select('questions').executeTakeFirstOrThrow()).questions as Array<{ id: string }>;
    const menu = (verb: string, id: string) =>
      c.h.driver.selectOption({ user: dana.id, actionId: ReviewAdminAction.QuestionMenu, blockId: templateQuestionBlock(id), value: `${verb}:${id}`, source: { modal: true } });
    await menu('up', ids[2]!.id);
    await modal((blocks) => blocks.includes('*2. Ownership*'));
    expect(await questions()).toEqual([{ version: 1, prompts: ['Impact this half', 'Ownership', 'Your wins'] }]);
    await menu('remove', ids[1]!.id);
    await modal((blocks) => blocks.includes('Removed the question') && !blocks.includes('Your wins'));
    expect(await questions()).toEqual([{ version: 1, prompts: ['Impact this half', 'Ownership'] }]);
    expect((await submit({ [ReviewAdminBlock.Name]: 'Half-year 2027' })).outcome).toEqual({ kind: 'closed' });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Hub && blocks.includes('*Half-year 2027* · version 1 · 2 questions'));
  });

  let cycleId = '';

  it('creates a cycle: a phase due before the previous one, a date in the past and nobody taking part are refused inline', async () => {
    await click(ReviewAdminAction.NewCycle);
    await modal((_, id) => id === ReviewAdminCallbackId.NewCycle);
    const version = await db().selectFrom('review_template_version').select('id').executeTakeFirstOrThrow();
    const dates = {
      [reviewPhaseBlock('self_assessment')]: '2027-03-10',
      [reviewPhaseBlock('peer_feedback')]: '2027-03-15',
      [reviewPhaseBlock('manager_review')]: '2027-03-17',
      [reviewPhaseBlock('conversation')]: '2027-03-24',
      [reviewPhaseBlock('sign_off')]: '2027-03-31',
    };
    const form = { [ReviewAdminBlock.Name]: 'H1 2027', [ReviewAdminBlock.Template]: version.id, [ReviewAdminBlock.Participants]: 'list', ...dates };
    const refused = await submit({ ...form, [reviewPhaseBlock('self_assessment')]: '2027-03-05', [reviewPhaseBlock('conversation')]: '2027-03-12' });
    expect(refused.outcome).toEqual({
      kind: 'errors',
      errors: {
        [ReviewAdminBlock.People]: 'Add at least one participant.',
        [reviewPhaseBlock('self_assessment')]: 'That date is in the past: pick today or later.',
        [reviewPhaseBlock('conversation')]: 'This is due before the manager review (2027-03-17): pick 2027-03-17 or later.',
      },
    });
    const peersFirst = await submit({ ...form, [ReviewAdminBlock.Participants]: 'team', [ReviewAdminBlock.Team]: maya.id, [reviewPhaseBlock('peer_feedback')]: '2027-03-09' });
    expect(peersFirst.outcome).toEqual({
      kind: 'errors',
      errors: { [reviewPhaseBlock('peer_feedback')]: 'This is due before the self-assessment (2027-03-10): pick 2027-03-10 or later.' },
    });
    const team = await submit({ ...form, [ReviewAdminBlock.Participants]: 'team' });
    expect(team.outcome).toEqual({ kind: 'errors', errors: { [ReviewAdminBlock.Team]: 'Pick the manager whose team takes part.' } });
    const nobodyUnder = await submit({ ...form, [ReviewAdminBlock.Participants]: 'team', [ReviewAdminBlock.Team]: ana.id });
    expect(nobodyUnder.outcome).toEqual({ kind: 'errors', errors: { [ReviewAdminBlock.Team]: 'Nobody reports to that person, directly or further down: pick another manager.' } });
    expect(await db().selectFrom('review_cycle').select('id').execute()).toEqual([]);

    const created = await submit({ ...form, [ReviewAdminBlock.Participants]: 'team', [ReviewAdminBlock.Team]: maya.id });
    expect(created.outcome).toMatchObject({ kind: 'updated' });
    const view = await modal((blocks, id) => id === ReviewAdminCallbackId.Cycle && blocks.includes('Created as a draft'));
    expect(text(view.blocks)).toContain('2 participants');
    cycleId = (await db().selectFrom('review_cycle').select(['id', 'status']).executeTakeFirstOrThrow()).id;
    await click(ReviewAdminAction.Launch, cycleId);
    await modal((blocks) => blocks.includes('Launched'));
    expect(await db().selectFrom('review_cycle').select('status').execute()).toEqual([{ status: 'active' }]);
  });

  it('keeps a running cycle on its template version when the template is edited', async () => {
    const versionOf = async () => (await db().selectFrom('review_cycle').select('template_version_id').executeTakeFirstOrThrow()).template_version_id;
    const before = await versionOf();
    const template = await db().selectFrom('review_template').select('id').executeTakeFirstOrThrow();
    const question = ((await db().selectFrom('review_template_version').select('questions').executeTakeFirstOrThrow()).questions as Array<{ id: string }>)[0]!;
    await c.h.driver.closeView({ user: dana.id });
    await modal((_, id) => id === ReviewAdminCallbackId.Hub);
    await click(ReviewAdminAction.EditTemplate, template.id);
    await modal((_, id) => id === ReviewAdminCallbackId.Template);
    await c.h.driver.selectOption({ user: dana.id, actionId: ReviewAdminAction.QuestionMenu, blockId: templateQuestionBlock(question.id), value: `edit:${question.id}`, source: { modal: true } });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Question && blocks.includes('Impact this half'));
    expect((await submit({ [ReviewAdminBlock.Prompt]: 'Impact this year' })).outcome).toEqual({ kind: 'closed' });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Template && blocks.includes('Saved as version 2: running cycles keep version 1.'));
    expect(await versionOf()).toBe(before);
    await c.h.driver.closeView({ user: dana.id });
  });

  /** Late nudges in the ledger, per person, as "local day time". */
  async function lateNudges(): Promise<Record<string, string[]>> {
    const rows = await db()
      .selectFrom('delivery')
      .innerJoin('person', 'person.id', 'delivery.person_id')
      .select(['person.name', 'person.timezone', 'delivery.status', 'delivery.sent_at'])
      .where('delivery.kind', '=', 'review-late-nudge')
      .orderBy('delivery.sent_at')
      .execute();
    const out: Record<string, string[]> = {};
    for (const row of rows) (out[row.name] ??= []).push(row.sent_at ? DateTime.fromJSDate(row.sent_at).setZone(row.timezone).toFormat('ccc dd HH:mm') : row.status);
    return out;
  }

  async function openCycle() {
    await openHub();
    await modal((blocks, id) => id === ReviewAdminCallbackId.Hub && blocks.includes(ReviewAdminAction.OpenCycle));
    await click(ReviewAdminAction.OpenCycle, cycleId);
    return modal((_, id) => id === ReviewAdminCallbackId.Cycle);
  }

  it('shows who is late by phase and team, and nudges each late item at most once a day, in its owner’s working hours', async () => {
    await until('2027-03-11T10:00:00Z');
    const view = await openCycle();
    expect(text(view.blocks)).toContain('Self-assessment (due 2027-03-10): 0/2 done, 2 pending · :warning: 2 late');
    expect(text(view.blocks)).toContain('Maya Manager’s team: 0/10 items done');
    expect(text(view.blocks)).toContain(`<@${ana.id}>: self-assessment`);

    await click(ReviewAdminAction.NudgeLate, cycleId);
    await modal((blocks) => blocks.includes('Nudging 2 late items'));
    await click(ReviewAdminAction.NudgeLate, cycleId);
    await modal((blocks) => blocks.includes('every late item was nudged today already'));
    // Ben is in New York, where it is 05:00: his nudge waits for his working day.
    await until('2027-03-11T20:00:00Z');
    await click(ReviewAdminAction.NudgeLate, cycleId);
    await modal((blocks) => blocks.includes('No nudge sent') && blocks.includes('Nudging') === false);
    expect(await lateNudges()).toEqual({ ana: ['Thu 11 10:00'], ben: ['Thu 11 09:00'] });

    // Ana submits; the next day only Ben is nudged, once however often HR clicks.
    const participant = await db().selectFrom('review_participant').innerJoin('person', 'person.id', 'review_participant.person_id').select('review_participant.id').where('person.name', '=', 'ana').executeTakeFirstOrThrow();
    const anaPerson = (await findPersonBySlackId(db(), 'T0CADENCE', ana.id))!;
    const version = await db().selectFrom('review_cycle').innerJoin('review_template_version', 'review_template_version.id', 'review_cycle.template_version_id').select('questions').executeTakeFirstOrThrow();
    const [impact] = version.questions as Array<{ id: string }>;
    expect(await c.h.cadence.deps.reviews.save(anaPerson, participant.id, 'self', { [impact!.id]: { rating: 2 } }, true)).toEqual({ ok: true, value: 'submitted' });
    await until('2027-03-12T15:00:00Z');
    await click(ReviewAdminAction.NudgeLate, cycleId);
    await modal((blocks) => blocks.includes('Nudging 1 late item,'));
    await click(ReviewAdminAction.NudgeLate, cycleId);
    await modal((blocks) => blocks.includes('No nudge sent'));
    await until('2027-03-12T16:00:00Z');
    expect(await lateNudges()).toEqual({ ana: ['Thu 11 10:00'], ben: ['Thu 11 09:00', 'Fri 12 10:00'] });
    const dm = await c.h.emulator.waitForDm(ben.id, (m) => m.text === 'A review item is late.');
    expect(text(dm.blocks)).toContain('HR asks you to finish your self-assessment');
  });

  it('extends a phase: an earlier date is refused inline, a later one moves its reminders', async () => {
    await click(ReviewAdminAction.Extend, cycleId);
    await modal((_, id) => id === ReviewAdminCallbackId.Extend);
    expect((await submit({ [ReviewAdminBlock.Phase]: 'manager_review', [ReviewAdminBlock.Date]: '2027-03-16' })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Date]: 'Extending moves the date later than 2027-03-17.' },
    });
    expect((await submit({ [ReviewAdminBlock.Phase]: 'manager_review', [ReviewAdminBlock.Date]: '2027-03-26' })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.Date]: 'This is due before the manager review (2027-03-26): pick 2027-03-26 or later.' },
    });
    expect((await submit({ [ReviewAdminBlock.Phase]: 'manager_review', [ReviewAdminBlock.Date]: '2027-03-19' })).outcome).toEqual({ kind: 'closed' });
    const view = await modal((blocks, id) => id === ReviewAdminCallbackId.Cycle && blocks.includes('Manager review is now due 2027-03-19'));
    expect(text(view.blocks)).toContain('Manager review (due 2027-03-19)');
    const phase = await db().selectFrom('review_phase').select('due_on').where('cycle_id', '=', cycleId).where('phase', '=', 'manager_review').executeTakeFirstOrThrow();
    expect(String(phase.due_on)).toBe('2027-03-19');
    // Maya's D-1 reminders for the two manager reviews are now the day before the new date, in London.
    const reminders = await db().selectFrom('review_step').select('due_at').where('item', '=', 'manager_review').where('kind', '=', 'due_in_1_day').where('state', '=', 'scheduled').execute();
    expect(reminders.map((r) => DateTime.fromJSDate(r.due_at).setZone('Europe/London').toISODate())).toEqual(['2027-03-18', '2027-03-18']);
  });

  it('exports the completion as CSV to the admin’s DM', async () => {
    await click(ReviewAdminAction.Export, cycleId);
    await modal((blocks) => blocks.includes('The CSV is on its way'));
    const csv = await c.h.emulator.waitForDm(dana.id, (m) => m.text.includes('person_slack_id'));
    const lines = csv.text.replace(/^```|```$/g, '').split('\n');
    expect(lines).toEqual([
      'cycle,person_slack_id,person,manager_slack_id,manager,self_assessment,manager_review,conversation,employee_sign_off,manager_sign_off,late',
      expect.stringMatching(/^H1 2027,U0(ANA|BEN),/),
      expect.stringMatching(/^H1 2027,U0(ANA|BEN),/),
    ]);
    expect(lines).toContain('H1 2027,U0ANA,Ana London,U0MAYA,Maya Manager,done,pending,pending,waiting,waiting,');
    expect(lines).toContain('H1 2027,U0BEN,Ben NewYork,U0MAYA,Maya Manager,pending,pending,pending,waiting,waiting,self_assessment');
    const audit = await db().selectFrom('audit_event').select('action').where('action', '=', 'review.exported').execute();
    expect(audit).toHaveLength(1);
  });

  it('adds someone who joined later from the cycle view: refused until they joined Cadence, then invited at once', async () => {
    const lou = { id: 'U0LOU', name: 'lou', realName: 'Lou Later', email: 'lou@example.com', tz: 'Europe/London' };
    c.h.emulator.addPerson(lou);
    await click(ReviewAdminAction.AddPeople, cycleId);
    await modal((_, id) => id === ReviewAdminCallbackId.AddPeople);
    expect((await submit({ [ReviewAdminBlock.People]: [lou.id] })).outcome).toEqual({
      kind: 'errors',
      errors: { [ReviewAdminBlock.People]: 'Someone you picked has not joined Cadence yet: they can be added once they have.' },
    });
    await c.h.driver.appHomeOpened({ user: lou.id });
    await waitFor(async () => (await findPersonBySlackId(db(), 'T0CADENCE', lou.id)) !== undefined, { what: 'Lou to join Cadence' });
    expect((await submit({ [ReviewAdminBlock.People]: [ana.id] })).outcome).toEqual({ kind: 'errors', errors: { [ReviewAdminBlock.People]: 'They take part in this cycle already.' } });
    expect((await submit({ [ReviewAdminBlock.People]: [lou.id, ana.id] })).outcome).toEqual({ kind: 'closed' });
    const view = await modal((blocks, id) => id === ReviewAdminCallbackId.Cycle && blocks.includes(`Added <@${lou.id}>.`));
    expect(text(view.blocks)).toContain('3 participants');
    // The self-assessment was due on the 10th: Lou is invited at once (it is 16:00 in London), and only once.
    await until('2027-03-12T18:00:00Z');
    await c.h.emulator.waitForDm(lou.id, (m) => m.text === 'Your self-assessment for H1 2027 is open.');
    const sent = await db().selectFrom('delivery').innerJoin('person', 'person.id', 'delivery.person_id').select('delivery.kind').where('person.slack_user_id', '=', lou.id).execute();
    expect(sent).toHaveLength(1);
  });

  it('closes the cycle, then reopens it for one participant only', async () => {
    await click(ReviewAdminAction.Close, cycleId);
    await modal((blocks) => blocks.includes('Closed: what was not done'));
    await click(ReviewAdminAction.Reopen, cycleId);
    await modal((_, id) => id === ReviewAdminCallbackId.Reopen);
    expect((await submit({ [ReviewAdminBlock.Person]: dana.id })).outcome).toEqual({ kind: 'errors', errors: { [ReviewAdminBlock.Person]: 'That person is not in this cycle.' } });
    expect((await submit({ [ReviewAdminBlock.Person]: ben.id })).outcome).toEqual({ kind: 'closed' });
    await modal((blocks, id) => id === ReviewAdminCallbackId.Cycle && blocks.includes(`Reopened for <@${ben.id}>`));
    const reopened = await db()
      .selectFrom('review_participant')
      .innerJoin('person', 'person.id', 'review_participant.person_id')
      .select(['person.name', 'review_participant.reopened_at'])
      .orderBy('person.name')
      .execute();
    expect(reopened.map((r) => [r.name, r.reopened_at !== null])).toEqual([
      ['ana', false],
      ['ben', true],
      ['lou', false],
    ]);
  });

  it('tags a development goal with a competency of the owner’s framework, and shows it on the goal', async () => {
    const options = async (user: string) => {
      await c.h.driver.command({ user, command: '/goal', text: '' });
      const form = await c.h.emulator.waitForModal(user, (view) => view.callback_id === 'goal_new');
      return text(form.blocks);
    };
    // Mentoring is for Maya's team: Ben is in it, Dana is not. On-call is for Ben's role only.
    const bens = await options(ben.id);
    expect([bens.includes('Ownership'), bens.includes('Mentoring'), bens.includes('On-call')]).toEqual([true, true, true]);
    const danas = await options(dana.id);
    expect([danas.includes('Ownership'), danas.includes('Mentoring'), danas.includes('On-call')]).toEqual([true, false, false]);
    await c.h.driver.closeView({ user: dana.id });

    const mentoring = await db().selectFrom('review_competency').select('id').where('name', '=', 'Mentoring').executeTakeFirstOrThrow();
    const saved = await c.h.driver.submitView({
      user: ben.id,
      values: { [GoalBlock.Title]: 'Mentor two new joiners', [GoalBlock.Category]: 'development', [GoalBlock.Competency]: mentoring.id },
    });
    expect(saved.outcome).toEqual({ kind: 'closed' });
    const goal = await db().selectFrom('goal').select(['id', 'competency_id']).where('title', '=', 'Mentor two new joiners').executeTakeFirstOrThrow();
    expect(goal.competency_id).toBe(mentoring.id);
    const benPerson = (await findPersonBySlackId(db(), 'T0CADENCE', ben.id))!;
    expect((await c.h.cadence.deps.goals.details(benPerson, goal.id)).competencyName).toBe('Mentoring');
    // And on the goal's card in his Home tab.
    await c.h.driver.appHomeOpened({ user: ben.id });
    await c.h.emulator.waitForHome(ben.id, (view) => text(view.blocks).includes('Mentor two new joiners') && text(view.blocks).includes('_Develops Mentoring_'));
    // Dana may not tag her goal with another team's competency, even by a crafted value the form did not offer.
    const danaPerson = (await findPersonBySlackId(db(), 'T0CADENCE', dana.id))!;
    const refused = await c.h.cadence.deps.goals.create(danaPerson, { title: 'Grow people', description: null, category: 'development', targetDate: null, competencyId: mentoring.id });
    expect(refused).toEqual({ ok: false, errors: { competency: 'Pick a competency from the list: that one is not part of this person’s framework.' } });
  });
});
