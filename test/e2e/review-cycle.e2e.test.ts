import { DateTime } from 'luxon';
import type { Person } from '../../src/domain/person';
import { reviewReconciler } from '../../src/jobs/review.job';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { startTimedCadence, type TimedCadence } from '../support/nudges';
import { waitFor } from '../support/redis';
import { QUESTIONS } from '../support/reviews';

jest.setTimeout(600_000);

/**
 * A review cycle from launch to every sign-off, on the sandbox's clock, through the real app and
 * the Slack emulator: a manager in London and three reports in London, New York (whose clocks go
 * forward on 14 March, between the self-assessment's D-7 and D-1) and Tokyo. People act through the
 * review services; every message is Cadence's own, sent by its jobs through the delivery ledger.
 */
const maya = { id: 'U0MAYA', name: 'maya', realName: 'Maya Manager', email: 'maya@example.com', tz: 'Europe/London' };
const ana = { id: 'U0ANA', name: 'ana', realName: 'Ana London', email: 'ana@example.com', tz: 'Europe/London' };
const ben = { id: 'U0BEN', name: 'ben', realName: 'Ben NewYork', email: 'ben@example.com', tz: 'America/New_York' };
const chie = { id: 'U0CHIE', name: 'chie', realName: 'Chie Tokyo', email: 'chie@example.com', tz: 'Asia/Tokyo' };
const dana = { id: 'U0DANA', name: 'dana', realName: 'Dana HR', email: 'dana@example.com', tz: 'Europe/London' };
const everyone = [maya, ana, ben, chie, dana];

describe('a review cycle on everyone’s own calendar', () => {
  let c: TimedCadence;
  const people: Record<string, Person> = {};
  const participantOf: Record<string, string> = {};

  beforeAll(async () => {
    // The worker checks for lost recurring jobs every 200 ms here instead of every minute.
    c = await startTimedCadence('2027-03-01T10:00:00Z', { people: everyone, env: { ADMIN_SLACK_IDS: dana.id }, schedulerCheckMs: 200 });
    const db = c.h.database.db;
    for (const p of everyone) {
      const found = await findPersonBySlackId(db, 'T0CADENCE', p.id);
      if (!found) throw new Error(`${p.id} was not synced`);
      people[p.name] = found;
    }
    await waitFor(async () => (await findPersonBySlackId(db, 'T0CADENCE', dana.id))?.isAdmin === true, { what: 'Dana to be an admin' });
    people.dana = (await findPersonBySlackId(db, 'T0CADENCE', dana.id))!;
    for (const report of [ana, ben, chie]) {
      const result = await c.h.cadence.deps.org.setManager(people.dana!, report.id, maya.id);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
    }
  });
  afterAll(() => c.h.stop());

  const deps = () => c.h.cadence.deps;
  const now = () => c.clock.now();
  /** Steps through everything scheduled (any feature's) until the clock reaches `iso`. */
  async function until(iso: string) {
    const target = DateTime.fromISO(iso);
    for (;;) {
      const next = await c.time.next();
      if (!next || next.at > target) break;
      await c.step();
    }
    if (now() < target) await c.moveTo(iso);
  }

  /** Every review message sent, per person, as "kind @ local time", from the ledger. */
  async function reviewDeliveries(): Promise<Record<string, string[]>> {
    const rows = await c.h.database.db
      .selectFrom('delivery')
      .innerJoin('person', 'person.id', 'delivery.person_id')
      .select(['person.name', 'person.timezone', 'delivery.kind', 'delivery.status', 'delivery.sent_at'])
      .where('delivery.kind', 'like', 'review-%')
      .orderBy('delivery.sent_at')
      .execute();
    const out: Record<string, string[]> = {};
    for (const row of rows) {
      const at = row.sent_at ? DateTime.fromJSDate(row.sent_at).setZone(row.timezone).toFormat('ccc dd LLL HH:mm') : row.status;
      (out[row.name] ??= []).push(`${row.kind.replace('review-', '')} @ ${at}`);
    }
    return out;
  }

  it('sends each invitation, reminder, prep pack and sign-off message once, in working hours, Redis flush and all', async () => {
    const admin = deps().reviewAdmin;
    const template = await admin.saveTemplate(people.dana!, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await admin.createCycle(people.dana!, {
      name: 'H1 2027',
      templateVersionId: template.value.id,
      participants: { kind: 'team', managerId: people.maya!.id },
      phases: { self_assessment: '2027-03-19', peer_feedback: '2027-03-26', manager_review: '2027-03-26', conversation: '2027-04-02', sign_off: '2027-04-09' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await admin.launch(people.dana!, cycle.value.id);
    for (const row of await c.h.database.db.selectFrom('review_participant').select(['id', 'person_id']).where('cycle_id', '=', cycle.value.id).execute()) {
      const name = Object.values(people).find((p) => p.id === row.person_id)?.name;
      if (name) participantOf[name] = row.id;
    }
    expect(Object.keys(participantOf).sort()).toEqual(['ana', 'ben', 'chie']);
    const self = { impact: { rating: 3 }, wins: { text: 'Shipped it' } };
    const reviews = deps().reviews;

    // Ana finishes early, once her invitation is in.
    await until('2027-03-08T10:00:00Z');
    expect(await reviews.save(people.ana!, participantOf.ana!, 'self', self, true)).toEqual({ ok: true, value: 'submitted' });

    // Redis loses everything: the delayed review steps and the schedulers themselves.
    await until('2027-03-10T12:00:00Z');
    expect(await c.h.redis.wipe(c.h.database.url)).toBeGreaterThan(0);
    const reconcilers = async () => (await deps().jobs.queueFor('default').getJobSchedulers()).filter((s) => s.key === reviewReconciler.schedulerId);
    await waitFor(async () => (await reconcilers()).length === 1, { what: 'the scheduler watch to restore the review reconciler' });
    const scheduled = await c.h.database.db.selectFrom('review_step').select('id').where('state', '=', 'scheduled').execute();
    expect(scheduled.length).toBeGreaterThan(0);
    const queuedSteps = async () => (await deps().jobs.queueFor('slack').getDelayed()).filter((job) => job.name === 'review-step').length;
    await waitFor(async () => (await queuedSteps()) === scheduled.length, { what: 'the reconciler to queue every scheduled review step again' });
    await c.settle();

    // Ben and Chie finish after their D-1 reminders.
    await until('2027-03-19T03:00:00Z');
    for (const name of ['ben', 'chie']) expect(await reviews.save(people[name]!, participantOf[name]!, 'self', self, true)).toMatchObject({ ok: true });

    // Maya writes the three reviews after their D-7 and books the conversations.
    await until('2027-03-22T10:00:00Z');
    for (const name of ['ana', 'ben', 'chie']) {
      expect(await reviews.save(people.maya!, participantOf[name]!, 'manager', { impact: { rating: 2 }, private: { text: 'Solid' } }, true)).toMatchObject({ ok: true });
      const at = name === 'chie' ? '2027-03-31T08:00:00Z' : '2027-03-31T14:00:00Z';
      expect(await reviews.scheduleConversation(people.maya!, participantOf[name]!, DateTime.fromISO(at))).toMatchObject({ ok: true });
    }

    // After the conversations she shares the summaries; Ana signs at once.
    await until('2027-03-31T15:00:00Z');
    for (const name of ['ana', 'ben', 'chie']) expect(await reviews.share(people.maya!, participantOf[name]!, { agreed: 'A good half', nextSteps: [] })).toMatchObject({ ok: true });
    await until('2027-03-31T15:30:00Z');
    expect(await reviews.signOff(people.ana!, participantOf.ana!, { sign: true, comment: null })).toEqual({ ok: true, value: { locked: false } });

    // Maya signs the next morning, before her reminder; Ben and Chie after theirs.
    await until('2027-04-01T09:00:00Z');
    for (const name of ['ana', 'ben', 'chie']) expect(await reviews.signOff(people.maya!, participantOf[name]!, { sign: true, comment: null })).toMatchObject({ ok: true });
    await until('2027-04-02T05:00:00Z');
    for (const name of ['ben', 'chie']) expect(await reviews.signOff(people[name]!, participantOf[name]!, { sign: true, comment: null })).toEqual({ ok: true, value: { locked: true } });
    await until('2027-04-12T12:00:00Z');

    const completion = await admin.completion(people.dana!, cycle.value.id);
    expect(completion.rows.map((row) => Object.values(row.states).every((s) => s === 'done'))).toEqual([true, true, true]);

    expect(await reviewDeliveries()).toEqual({
      // Finished early: the invitation and the sign-off request, no self-assessment reminder. Nobody
      // nominated peers here, so everyone is reminded to, 7 days before peer feedback is due.
      ana: ['invitation @ Fri 05 Mar 09:00', 'peer-nomination-reminder @ Fri 19 Mar 17:59', 'conversation-notice @ Mon 22 Mar 10:00', 'sign-off-request @ Wed 31 Mar 16:00'],
      // 17:59 on both sides of New York's change to summer time.
      // The conversation, booked at 06:00 his time, is announced when his working day starts.
      ben: [
        'invitation @ Fri 05 Mar 09:00',
        'due-in-7-days @ Fri 12 Mar 17:59',
        'due-in-1-day @ Thu 18 Mar 17:59',
        'peer-nomination-reminder @ Fri 19 Mar 17:59',
        'conversation-notice @ Mon 22 Mar 09:00',
        'sign-off-request @ Wed 31 Mar 11:00',
        'sign-off-reminder @ Thu 01 Apr 11:00',
      ],
      // Shared at midnight in Tokyo: the request waits for her working day, the reminder comes 24 hours on, in working time.
      chie: [
        'invitation @ Fri 05 Mar 09:00',
        'due-in-7-days @ Fri 12 Mar 17:59',
        'due-in-1-day @ Thu 18 Mar 17:59',
        'peer-nomination-reminder @ Fri 19 Mar 17:59',
        'conversation-notice @ Tue 23 Mar 09:00',
        'sign-off-request @ Thu 01 Apr 09:00',
        'sign-off-reminder @ Fri 02 Apr 09:00',
      ],
      maya: [
        ...Array(3).fill('due-in-7-days @ Fri 19 Mar 17:59'),
        ...Array(3).fill('due-in-7-days @ Fri 26 Mar 17:59'),
        'prep-pack @ Mon 29 Mar 09:00',
        ...Array(2).fill('prep-pack @ Mon 29 Mar 15:00'),
        ...Array(3).fill('sign-off-request @ Wed 31 Mar 16:00'),
      ],
    });
    // Slack received each of them once.
    const isReview = (text: string) => /self-assessment for|A reminder: a review item|nominate peers|prep pack|ready to sign off|waiting for your sign-off|review conversation is on/.test(text);
    expect(Object.fromEntries(everyone.map((p) => [p.name, c.h.emulator.dms(p.id).filter((m) => isReview(m.text)).length]))).toEqual({ maya: 12, ana: 4, ben: 7, chie: 7, dana: 0 });
  });
});
