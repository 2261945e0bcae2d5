import type { SlackMessage } from '../../sandbox';
import { CheckinAction, CheckinBlock } from '../../src/views/ids';
import { startTimedCadence, type TimedCadence, ZONED } from '../support/nudges';

const { alice, bob, kiran, lena } = ZONED;
const nameOf: Record<string, string> = { [alice.id]: 'alice', [bob.id]: 'bob', [kiran.id]: 'kiran', [lena.id]: 'lena' };

/**
 * Every check-in DM from Thursday 11 March to Friday 9 April 2027, with the UTC instant it is due
 * at, worked out by hand from each zone's rules: Fridays at 15:00 local, follow-ups on Monday at
 * 09:30 local. New York moves to EDT on 14 March, London to BST on 28 March, and Lord Howe back
 * from +11 to +10:30 on 4 April; Kathmandu stays at +05:45.
 * In the first week Kiran snoozes (a second nudge two hours later), Alice checks in and Bob skips
 * (neither gets a follow-up).
 */
const EXPECTED: Array<[string, 'nudge' | 'follow_up', number, string]> = [
  ['lena', 'nudge', 0, '2027-03-12T04:00:00.000Z'],
  ['kiran', 'nudge', 0, '2027-03-12T09:15:00.000Z'],
  ['kiran', 'nudge', 1, '2027-03-12T11:15:00.000Z'],
  ['alice', 'nudge', 0, '2027-03-12T15:00:00.000Z'],
  ['bob', 'nudge', 0, '2027-03-12T20:00:00.000Z'],
  ['lena', 'follow_up', 0, '2027-03-14T22:30:00.000Z'],
  ['kiran', 'follow_up', 0, '2027-03-15T03:45:00.000Z'],

  ['lena', 'nudge', 0, '2027-03-19T04:00:00.000Z'],
  ['kiran', 'nudge', 0, '2027-03-19T09:15:00.000Z'],
  ['alice', 'nudge', 0, '2027-03-19T15:00:00.000Z'],
  ['bob', 'nudge', 0, '2027-03-19T19:00:00.000Z'],
  ['lena', 'follow_up', 0, '2027-03-21T22:30:00.000Z'],
  ['kiran', 'follow_up', 0, '2027-03-22T03:45:00.000Z'],
  ['alice', 'follow_up', 0, '2027-03-22T09:30:00.000Z'],
  ['bob', 'follow_up', 0, '2027-03-22T13:30:00.000Z'],

  ['lena', 'nudge', 0, '2027-03-26T04:00:00.000Z'],
  ['kiran', 'nudge', 0, '2027-03-26T09:15:00.000Z'],
  ['alice', 'nudge', 0, '2027-03-26T15:00:00.000Z'],
  ['bob', 'nudge', 0, '2027-03-26T19:00:00.000Z'],
  ['lena', 'follow_up', 0, '2027-03-28T22:30:00.000Z'],
  ['kiran', 'follow_up', 0, '2027-03-29T03:45:00.000Z'],
  ['alice', 'follow_up', 0, '2027-03-29T08:30:00.000Z'],
  ['bob', 'follow_up', 0, '2027-03-29T13:30:00.000Z'],

  ['lena', 'nudge', 0, '2027-04-02T04:00:00.000Z'],
  ['kiran', 'nudge', 0, '2027-04-02T09:15:00.000Z'],
  ['alice', 'nudge', 0, '2027-04-02T14:00:00.000Z'],
  ['bob', 'nudge', 0, '2027-04-02T19:00:00.000Z'],
  ['lena', 'follow_up', 0, '2027-04-04T23:00:00.000Z'],
  ['kiran', 'follow_up', 0, '2027-04-05T03:45:00.000Z'],
  ['alice', 'follow_up', 0, '2027-04-05T08:30:00.000Z'],
  ['bob', 'follow_up', 0, '2027-04-05T13:30:00.000Z'],

  ['lena', 'nudge', 0, '2027-04-09T04:30:00.000Z'],
  ['kiran', 'nudge', 0, '2027-04-09T09:15:00.000Z'],
  ['alice', 'nudge', 0, '2027-04-09T14:00:00.000Z'],
  ['bob', 'nudge', 0, '2027-04-09T19:00:00.000Z'],
];

/** Up to two minutes of real time may pass between the clock reaching a slot and Slack receiving the DM. */
const SLACK_LAG_MS = 120_000;

jest.setTimeout(120_000);

describe('check-in nudges at each person’s local time, across DST changes, through the emulator', () => {
  let c: TimedCadence;
  beforeAll(async () => {
    c = await startTimedCadence('2027-03-11T12:00:00Z');
  });
  afterAll(() => c.h.stop());

  const latestDm = (user: string): SlackMessage => {
    const dm = c.h.emulator.dms(user).at(-1);
    if (!dm) throw new Error(`no DM to ${user}`);
    return dm;
  };
  const click = async (user: string, actionId: string) => {
    const dm = latestDm(user);
    const result = await c.h.driver.clickButton({ user, actionId, source: { message: { channel: dm.channel, ts: dm.ts } } });
    expect(result.status).toBe(200);
    return dm;
  };

  it('sends nothing before the first slot', async () => {
    await c.moveTo('2027-03-12T03:59:00Z');
    expect(c.h.emulator.calls('chat.postMessage')).toEqual([]);
  });

  it('nudges Lena at 15:00 Lord Howe time and Kiran at 15:00 Kathmandu time; Kiran snoozes two hours', async () => {
    // A one-minute jump: shorter than the dispatcher's interval, so its tick runs because the
    // time machine promotes the scheduler the nudge source names.
    await c.step();
    expect(latestDm(lena.id).text).toBe('Time for your check-in for the week of Friday 12 March. It takes two minutes.');
    await c.step();
    const nudge = await click(kiran.id, CheckinAction.Snooze);
    await c.h.emulator.waitForDm(kiran.id, (m) => m.ts === nudge.ts && m.text === 'Snoozed. I will ask again Fri 12 Mar, 17:00 (your time).');
    await c.step();
    expect(c.h.emulator.dms(kiran.id).map((m) => m.text)).toEqual([
      'Snoozed. I will ask again Fri 12 Mar, 17:00 (your time).',
      'Time for your check-in for the week of Friday 12 March. It takes two minutes.',
    ]);
  });

  it('nudges Alice at 15:00 London time, and "Check in now" opens the form whose answers are stored', async () => {
    await c.moveTo('2027-03-12T14:59:00Z');
    expect(c.h.emulator.dms(alice.id)).toEqual([]);
    await c.step();
    const nudge = await click(alice.id, CheckinAction.Open);
    const modal = await c.h.emulator.waitForModal(alice.id, (view) => view.callback_id === 'checkin_form');
    expect(JSON.stringify(modal.blocks)).toContain('the week of Friday 12 March');
    const submitted = await c.h.driver.submitView({
      user: alice.id,
      values: {
        [CheckinBlock.Wins]: 'Shipped the importer',
        [CheckinBlock.Blockers]: 'Waiting on the legal review',
        [CheckinBlock.Confidence]: '7',
        [CheckinBlock.Mood]: '4',
      },
    });
    expect(submitted.outcome).toMatchObject({ kind: 'updated' });
    const stored = await c.h.database.db
      .selectFrom('checkin as c')
      .innerJoin('checkin_period as p', 'p.id', 'c.period_id')
      .innerJoin('person', 'person.id', 'p.person_id')
      .select(['p.period', 'p.status', 'c.wins', 'c.blockers', 'c.confidence', 'c.mood', 'c.mood_shared'])
      .where('person.slack_user_id', '=', alice.id)
      .execute();
    expect(stored).toEqual([
      { period: '2027-03-12', status: 'checked_in', wins: 'Shipped the importer', blockers: 'Waiting on the legal review', confidence: 7, mood: 4, mood_shared: false },
    ]);
    await c.h.emulator.waitForDm(alice.id, (m) => m.ts === nudge.ts && m.text === 'You checked in. Thank you!');
  });

  it('nudges Bob at 15:00 New York time (still EST), who skips the week', async () => {
    await c.step();
    const nudge = await click(bob.id, CheckinAction.Skip);
    await c.h.emulator.waitForDm(bob.id, (m) => m.ts === nudge.ts && m.text.startsWith('Skipped.'));
  });

  it('then runs five weeks of nudges and follow-ups at the right UTC instants, each once', async () => {
    // Until Bob's nudge on 9 April, the last expected DM.
    while (c.clock.now().toISO()! < '2027-04-09T19:00:00.000Z') await c.step();

    const sent = await c.h.database.db
      .selectFrom('checkin_reminder as r')
      .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
      .innerJoin('person', 'person.id', 'p.person_id')
      .select(['person.slack_user_id', 'r.kind', 'r.seq', 'r.due_at'])
      .where('r.state', '=', 'sent')
      .orderBy('r.due_at')
      .execute();
    expect(sent.map((r) => [nameOf[r.slack_user_id], r.kind, r.seq, r.due_at.toISOString()])).toEqual(EXPECTED);

    // Slack got exactly those, each when it was due.
    const deliveries = await c.h.database.db
      .selectFrom('delivery')
      .innerJoin('person', 'person.id', 'delivery.person_id')
      .select(['person.slack_user_id', 'delivery.slack_ts', 'delivery.status'])
      .where('delivery.kind', 'in', ['checkin-nudge', 'checkin-follow-up'])
      .execute();
    expect(deliveries).toHaveLength(EXPECTED.length);
    const reminderDms = (user: string) => c.h.emulator.dms(user).filter((m) => !m.text.startsWith('Checked in for'));
    for (const [name, , , due] of EXPECTED) {
      const user = Object.values(ZONED).find((p) => p.name === name)!.id;
      const dueMs = Date.parse(due);
      const arrived = reminderDms(user).filter((m) => Number(m.ts) * 1000 >= dueMs && Number(m.ts) * 1000 < dueMs + SLACK_LAG_MS);
      expect({ name, due, arrived: arrived.length }).toEqual({ name, due, arrived: 1 });
    }
    // Besides those, only the confirmation of Alice's check-in.
    const posted = c.h.emulator.calls('chat.postMessage').filter((call) => call.response.ok);
    expect(posted).toHaveLength(EXPECTED.length + 1);
  }, 300_000);
});
