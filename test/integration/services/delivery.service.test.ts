import { ManualClock } from '../../../src/lib/clock';
import { NotDeliveredError, PermanentError, RateLimitedError, RunLaterError } from '../../../src/lib/errors';
import { createDeliveryService } from '../../../src/services/delivery.service';
import type { Notifier, OutboundMessage } from '../../../src/services/ports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';
import { findPersonalSettings, updatePersonalSettings } from '../../../src/repositories/settings.repository';

/** Slack is the edge: this notifier records what it was asked to post, or fails as told. */
function notifier(failures: Error[] = []): Notifier & { sent: OutboundMessage[] } {
  const sent: OutboundMessage[] = [];
  return {
    sent,
    sendDm: async (_w, _u, message) => {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(message);
      return { channel: 'D0001', ts: `${sent.length}.000100` };
    },
  };
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

  it('sends once however often the same message is asked for, even concurrently', async () => {
    const slack = notifier();
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor('once');
    const results = await Promise.all([1, 2, 3].map(() => delivery.sendOnce(claim, () => ({ text: 'hello' }))));
    expect(results.sort()).toEqual(['already-handled', 'already-handled', 'sent']);
    expect(await delivery.sendOnce(claim, () => ({ text: 'hello' }))).toBe('already-handled');
    expect(slack.sent).toEqual([{ text: 'hello' }]);
    expect(await ledger('once')).toMatchObject({ status: 'sent', slack_channel: 'D0001', slack_ts: '1.000100' });
  });

  it.each([
    ['rate limited', new RateLimitedError(1000)],
    ['refused by Slack', new NotDeliveredError('Slack refused: internal_error')],
  ])('lets a retry send a message that was %s', async (_label, failure) => {
    const slack = notifier([failure]);
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor(`retry-${failure.name}`);
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBe(failure);
    expect(await ledger(claim.dedupeKey)).toMatchObject({ status: 'retry', last_error: failure.message });
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('sent');
    expect(await ledger(claim.dedupeKey)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up for good on a permanent error', async () => {
    const failure = new PermanentError('Slack refused: user_not_found');
    const delivery = createDeliveryService({ db: t.db, notifier: notifier([failure]), clock });
    const claim = await claimFor('permanent');
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBe(failure);
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('already-handled');
    expect(await ledger('permanent')).toMatchObject({ status: 'failed', last_error: 'Slack refused: user_not_found' });
  });

  it('never retries when it cannot tell whether the message arrived', async () => {
    const slack = notifier([new Error('socket hang up')]);
    const delivery = createDeliveryService({ db: t.db, notifier: slack, clock });
    const claim = await claimFor('unknown');
    await expect(delivery.sendOnce(claim, () => ({ text: 'x' }))).rejects.toBeInstanceOf(PermanentError);
    expect(await delivery.sendOnce(claim, () => ({ text: 'x' }))).toBe('already-handled');
    expect(slack.sent).toEqual([]);
    expect(await ledger('unknown')).toMatchObject({ status: 'failed', last_error: 'outcome unknown: socket hang up' });
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
