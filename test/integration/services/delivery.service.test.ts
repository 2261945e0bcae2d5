import { ManualClock } from '../../../src/lib/clock';
import { sql } from 'kysely';
import { NotDeliveredError, PermanentError, RateLimitedError, RunLaterError } from '../../../src/lib/errors';
import { claimDelivery, listDeliveryProblems } from '../../../src/repositories/delivery.repository';
import { createDeliveryService } from '../../../src/services/delivery.service';
import type { Notifier, OutboundMessage } from '../../../src/services/ports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';
import { findPersonalSettings, updatePersonalSettings } from '../../../src/repositories/settings.repository';

/**
 * Slack is the edge: this notifier records what it was asked to post (with its ledger key, as
 * Slack keeps message metadata), or fails as told. `lostAnswers`: Slack posts, the answer is lost.
 */
function notifier(failures: Error[] = [], lostAnswers = 0): Notifier & { sent: OutboundMessage[]; keys: string[]; historyReads: number } {
  const sent: OutboundMessage[] = [];
  const keys: string[] = [];
  let lost = lostAnswers;
  const slack = {
    sent,
    keys,
    historyReads: 0,
    sendDm: async (_w: string, _u: string, message: OutboundMessage, key: string) => {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(message);
      keys.push(key);
      if (lost > 0) {
        lost -= 1;
        throw new Error('no answer within 5000 ms');
      }
      return { channel: 'D0001', ts: `${sent.length}.000100` };
    },
    findDm: async (_w: string, _u: string, key: string) => {
      slack.historyReads += 1;
      const index = keys.indexOf(key);
      return index < 0 ? undefined : { channel: 'D0001', ts: `${index + 1}.000100` };
    },
  };
  return slack;
}

describe('delivery service', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  async function claimFor(key: string) {
    const person = await createPerson(t.db);
    return { workspaceId: person.workspaceId, personId: person.id, slackUserId: person.slackUserId, dedupeKey: key, kind: 'test', timing: 'reply' as const };
  }
  const ledger = (key: string) => t.db.selectFrom('delivery').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();
  const clock = new ManualClock('2026-11-23T10:00:00Z');

  it('sends once however often the same message is asked for; a copy running meanwhile is told to come back', async () => {
    const slack = notifier();
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor('once');
    const results = await Promise.allSettled([1, 2, 3].map(() => delivery.sendOnce(claim, () => ({ text: 'hello' }))));
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason instanceof RunLaterError ? 'run later' : r.reason));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'sent' || o === 'already-handled' || o === 'run later')).toBe(true);
    expect(await delivery.sendOnce(claim, () => ({ text: 'hello' }))).toBe('already-handled');
    expect(slack.keys).toEqual(['once']);
    expect(slack.sent).toEqual([{ text: 'hello' }]);
    expect(await ledger('once')).toMatchObject({ status: 'sent', slack_channel: 'D0001', slack_ts: '1.000100' });
  });

  it.each([
    ['rate limited', new RateLimitedError(1000)],
    ['refused by Slack', new NotDeliveredError('Slack refused: internal_error')],
  ])('lets a retry send a message that was %s, without reading the history', async (_label, failure) => {
    const slack = notifier([failure]);
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor(`retry-${failure.name}`);
    const error = await delivery.sendOnce(claim, () => ({ text: 'x' })).catch((e: unknown) => e);
    // A 429 pauses the queue; a refusal comes back after a wait.
    if (failure instanceof RateLimitedError) expect(error).toBe(failure);
    else expect(error).toBeInstanceOf(RunLaterError);
    expect(await ledger(claim.dedupeKey)).toMatchObject({ status: 'retry', last_error: failure.message });
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('sent');
    expect(await ledger(claim.dedupeKey)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(slack.historyReads).toBe(0);
  });

  it('retries a refused message until it stops being useful, then records it as failed', async () => {
    const refused = () => new NotDeliveredError('Slack answered HTTP 503');
    const slack = notifier([refused(), refused(), refused()]);
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = { ...(await claimFor('until-useful')), usefulUntil: clock.now().plus({ seconds: 3 }) };
    // First retry after about a second, then about two: still inside the three seconds.
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(RunLaterError);
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(RunLaterError);
    // The third wait (about four seconds) would end after the message stopped being useful.
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(PermanentError);
    expect(await ledger('until-useful')).toMatchObject({ status: 'failed', last_error: 'gave up: Slack answered HTTP 503', attempts: 3 });
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('already-handled');
    expect(slack.sent).toEqual([]);
  });

  it('gives up for good on a permanent error', async () => {
    const failure = new PermanentError('Slack refused: user_not_found');
    const delivery = createDeliveryService({ db: t.db, notifier: notifier([failure]), clock });
    const claim = await claimFor('permanent');
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBe(failure);
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('already-handled');
    expect(await ledger('permanent')).toMatchObject({ status: 'failed', last_error: 'Slack refused: user_not_found' });
  });

  it('after a lost answer, finds the message in Slack and records it sent without posting again', async () => {
    const slack = notifier([], 1);
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor('lost-but-posted');
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(RunLaterError);
    expect(await ledger('lost-but-posted')).toMatchObject({ status: 'unknown', unknown_outcomes: 1, last_error: 'outcome unknown: no answer within 5000 ms' });
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('sent');
    expect(slack.sent).toHaveLength(1);
    expect(slack.historyReads).toBe(1);
    expect(await ledger('lost-but-posted')).toMatchObject({ status: 'sent', slack_channel: 'D0001', slack_ts: '1.000100' });
  });

  it('after a lost answer, posts again only when Slack does not have the message', async () => {
    const slack = notifier([new Error('Slack answered HTTP 502')]);
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor('lost-not-posted');
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(RunLaterError);
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('sent');
    expect(slack.sent).toEqual([{ text: 'x' }]);
    expect(slack.historyReads).toBe(1);
  });

  it('stays unknown, sending nothing, while Slack history cannot be read', async () => {
    const slack = notifier([new Error('socket hang up')]);
    slack.findDm = async () => {
      throw new NotDeliveredError('Slack answered HTTP 503');
    };
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor('unreadable');
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(RunLaterError);
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(RunLaterError);
    expect(slack.sent).toEqual([]);
    expect(await ledger('unreadable')).toMatchObject({ status: 'unknown', unknown_outcomes: 1, last_error: "could not check Slack's history: Slack answered HTTP 503" });
  });

  it('leaves a live claim alone, and checks the history once its lease has run out (the sender died)', async () => {
    const slack = notifier();
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor('sender-died');
    // A sender claimed and posted, then was killed before recording it.
    const taken = await claimDelivery(t.db, claim);
    if (taken.state !== 'claimed') throw new Error('not claimed');
    await slack.sendDm(claim.workspaceId, claim.slackUserId, { text: 'x' }, claim.dedupeKey);
    const held = await delivery.sendOnce(claim, () => ({ text: 'x' })).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(RunLaterError);
    // Told to check back, and finding the lease still held, nothing is sent.
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(RunLaterError);
    expect(slack.historyReads).toBe(0);
    await t.db.updateTable('delivery').set({ lease_until: sql<Date>`now() - interval '1 second'` }).where('id', '=', taken.id).execute();
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('sent');
    expect(slack.sent).toHaveLength(1);
    expect(await ledger('sender-died')).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('delivery to people who left', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('sends nothing to a deactivated person and claims nothing, so a reactivation can still be told', async () => {
    const slack = notifier();
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock: new ManualClock('2026-11-23T10:00:00Z') });
    const gone = await createPerson(t.db, { deactivated: true });
    const claim = { workspaceId: gone.workspaceId, personId: gone.id, slackUserId: gone.slackUserId, dedupeKey: 'gone', kind: 'test', timing: 'working-time' as const };
    expect(await delivery.sendOnce(claim, () => ({ text: 'hello' }))).toBe('recipient-inactive');
    expect(slack.sent).toEqual([]);
    expect(await t.db.selectFrom('delivery').select('id').where('dedupe_key', '=', 'gone').execute()).toEqual([]);
  });
});

describe('messages Cadence starts wait for the recipient’s working time', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const claimTo = (person: { workspaceId: string; id: string; slackUserId: string }, key: string, timing: 'reply' | 'working-time') => ({
    workspaceId: person.workspaceId,
    personId: person.id,
    slackUserId: person.slackUserId,
    dedupeKey: key,
    kind: 'test',
    timing,
  });
  const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

  it('holds a message that would reach New York at 03:30 until 09:00 there, and claims nothing meanwhile', async () => {
    // Tuesday 08:30 UTC is 03:30 in New York: inside quiet hours (20:00-08:00) and before working hours.
    const clock = new ManualClock('2026-11-24T08:30:00Z');
    const slack = notifier();
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const manager = await createPerson(t.db, { timezone: 'America/New_York' });
    const error = await rejection(delivery.sendOnce(claimTo(manager, 'summary-ready', 'working-time'), () => ({ text: 'The feedback summary is ready.' })));
    expect(error).toBeInstanceOf(RunLaterError);
    expect((error as RunLaterError).delayMs).toBe(5.5 * 3_600_000);
    expect(slack.sent).toEqual([]);
    expect(await t.db.selectFrom('delivery').select('id').where('dedupe_key', '=', 'summary-ready').execute()).toEqual([]);

    clock.set(clock.now().plus({ hours: 5.5 }));
    expect(await delivery.sendOnce(claimTo(manager, 'summary-ready', 'working-time'), () => ({ text: 'The feedback summary is ready.' }))).toBe('sent');
  });

  it('sends nothing more than the clock-drift tolerance before working time: 2 s early waits 2 s, half a second early goes', async () => {
    // 09:00 in New York is 14:00 UTC. The same tolerance as a job's (src/domain/job-timing.ts): a DM
    // at 08:59 for 09:00 would be visibly early, so only clock drift between processes is forgiven.
    const clock = new ManualClock('2026-11-24T13:59:58.000Z');
    const slack = notifier();
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const person = await createPerson(t.db, { timezone: 'America/New_York' });
    const error = await rejection(delivery.sendOnce(claimTo(person, 'just-early', 'working-time'), () => ({ text: 'x' })));
    expect(error).toBeInstanceOf(RunLaterError);
    expect((error as RunLaterError).delayMs).toBe(2000);
    expect(slack.sent).toEqual([]);

    clock.set(clock.now().plus({ milliseconds: 1500 }));
    expect(await delivery.sendOnce(claimTo(person, 'just-early', 'working-time'), () => ({ text: 'x' }))).toBe('sent');
  });

  it('sends an answer to the person’s own action at once, whatever the hour', async () => {
    const delivery = createDeliveryService({ db: t.db, notifier: notifier(), clock: new ManualClock('2026-11-24T08:30:00Z') });
    const person = await createPerson(t.db, { timezone: 'America/New_York' });
    expect(await delivery.sendOnce(claimTo(person, 'own-answer', 'reply'), () => ({ text: 'Saved.' }))).toBe('sent');
  });

  it('holds a message to someone on a pause until the working morning after it', async () => {
    // Tuesday 10:00 in London; paused until Wednesday: the message waits until Thursday 09:00.
    const delivery = createDeliveryService({ db: t.db, notifier: notifier(), clock: new ManualClock('2026-11-24T10:00:00Z') });
    const person = await createPerson(t.db, { timezone: 'Europe/London' });
    const settings = await findPersonalSettings(t.db, person.id);
    if (!settings) throw new Error('no settings');
    await updatePersonalSettings(t.db, person.id, { ...settings, pausedUntil: '2026-11-25' });
    const error = await rejection(delivery.sendOnce(claimTo(person, 'paused', 'working-time'), () => ({ text: 'x' })));
    expect((error as RunLaterError).delayMs).toBe((2 * 24 - 1) * 3_600_000);
  });
});

describe('what admins see as delivery problems', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('lists what failed for good and what nobody has tried for an hour, not what is still being retried', async () => {
    const person = await createPerson(t.db);
    const row = (key: string, status: 'sent' | 'failed' | 'retry' | 'sending' | 'unknown', lastTried: string) =>
      t.db
        .insertInto('delivery')
        .values({ workspace_id: person.workspaceId, person_id: person.id, dedupe_key: key, kind: key, status, lease_until: sql<Date>`now() - ${lastTried}::interval` })
        .execute();
    await row('failed', 'failed', '1 minute');
    await row('retrying-through-an-outage', 'retry', '1 minute');
    await row('answer-lost-just-now', 'unknown', '1 minute');
    await row('sender-died-long-ago', 'sending', '2 hours');
    await row('delivered', 'sent', '2 hours');
    const problems = await listDeliveryProblems(t.db, person.workspaceId, 7, 10);
    expect(problems.map((p) => p.kind).sort()).toEqual(['failed', 'sender-died-long-ago']);
  });
});
