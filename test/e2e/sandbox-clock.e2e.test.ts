import { DateTime } from 'luxon';
import { SANDBOX_PEOPLE, sandboxWorkspace } from '../../sandbox/web/people';
import { isWithin } from '../../src/domain/settings';
import { findPersonById } from '../../src/repositories/person.repository';
import { findPersonalSettings, updatePersonalSettings } from '../../src/repositories/settings.repository';
import { recomputeSchedules } from '../../src/services/checkin-schedule.service';
import { linkManager } from '../support/factories';
import { startTimedCadence, type TimedCadence } from '../support/nudges';

jest.setTimeout(600_000);

const DAY = 86_400_000;
const people = sandboxWorkspace().people;
const zoneOf = new Map<string, string>(SANDBOX_PEOPLE.map((p) => [p.id, p.tz]));
const [alex, priya, arjun, sofia, dana] = SANDBOX_PEOPLE;
/** The workspace defaults: Monday to Friday, 09:00 to 18:00, quiet 20:00 to 08:00. */
const WORKING = { start: '09:00', end: '18:00' };
const QUIET = { start: '20:00', end: '08:00' };
/** Dana, the HR admin, is away until this day (on her calendar). */
const DANA_AWAY_UNTIL = '2027-03-05';

interface Sent {
  to: string;
  at: number;
  text: string;
}

/**
 * The sandbox's story: Priya (New York) manages Alex (London), Arjun (Kolkata) and Sofia (Sydney);
 * Dana (Berlin) is the HR admin, away for the first week. On Monday 1 March 2027 Alex asks Arjun,
 * Sofia and Priya for feedback, due a week later; nobody answers. Nobody checks in either.
 */
async function startStory(startIso: string): Promise<TimedCadence> {
  const c = await startTimedCadence(startIso, { people });
  const db = c.h.database.db;
  const idOf = async (slackId: string) => (await db.selectFrom('person').select('id').where('slack_user_id', '=', slackId).executeTakeFirstOrThrow()).id;
  for (const report of [alex, arjun, sofia]) await linkManager(db, await idOf(report.id), await idOf(priya.id));
  const danaId = await idOf(dana.id);
  const settings = await findPersonalSettings(db, danaId);
  if (!settings) throw new Error('Dana has no settings');
  await updatePersonalSettings(db, danaId, { ...settings, pausedUntil: DANA_AWAY_UNTIL });
  await recomputeSchedules(db, [danaId], c.clock.now());
  // Dana asks: everyone else has Priya as manager, who reads their summaries and so cannot be asked.
  const actor = await findPersonById(db, danaId);
  if (!actor) throw new Error('Dana is not recorded');
  const asked = await c.h.cadence.deps.feedbackRequests.create(actor, {
    subjectSlackId: null,
    peerSlackIds: [alex.id, arjun.id, sofia.id],
    focusAreas: ['Communication'],
    customQuestion: null,
    dueOn: c.clock.now().setZone(dana.tz).plus({ days: 7 }).toISODate() ?? '',
    note: null,
  });
  if (!asked.ok) throw new Error(JSON.stringify(asked.errors));
  return c;
}

function everythingSent(c: TimedCadence): Sent[] {
  return SANDBOX_PEOPLE.flatMap((p) => c.h.emulator.dms(p.id).map((m) => ({ to: p.id, at: Number(m.ts) * 1000, text: m.text })));
}

/** A message as both runs must agree on it: to whom, at which minute, saying what. */
const fingerprint = (m: Sent) => `${m.to} ${DateTime.fromMillis(m.at, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm')} ${m.text}`;

/** Every rule a message Cadence starts must keep, as the list of what it broke (empty when none). */
function broken(m: Sent): string[] {
  const local = DateTime.fromMillis(m.at, { zone: zoneOf.get(m.to) ?? 'utc' });
  const time = local.toFormat('HH:mm');
  const problems: string[] = [];
  if (local.weekday > 5) problems.push('on a weekend');
  if (!isWithin(time, WORKING)) problems.push('outside working hours');
  if (isWithin(time, QUIET)) problems.push('in quiet hours');
  if (m.to === dana.id && (local.toISODate() ?? '') <= DANA_AWAY_UNTIL) problems.push('during a pause');
  return problems.map((p) => `${fingerprint(m)} (${local.toFormat('ccc HH:mm')} local): ${p}`);
}

async function ledgerCount(c: TimedCadence): Promise<number> {
  const rows = await c.h.database.db.selectFrom('delivery').select('dedupe_key').where('status', '=', 'sent').execute();
  return rows.length;
}

describe('the sandbox clock', () => {
  it('delivers what falls due inside a jump at its own time: a 2-day advance keeps the Friday nudges on Friday', async () => {
    // Thursday 4 March 2027, 12:00 UTC; the nudges are Friday 15:00 local, the follow-ups Monday 09:30.
    const c = await startStory('2027-03-04T12:00:00Z');
    try {
      await c.time.advance(2 * DAY);
      await c.time.advance(2 * DAY);
      await c.time.advance(2 * DAY);
      const nudges = everythingSent(c).filter((m) => m.text.startsWith('Time for your check-in') || m.text.startsWith('A reminder: you have not checked in'));
      const local = nudges.map((m) => `${m.to} ${DateTime.fromMillis(m.at, { zone: zoneOf.get(m.to) }).toFormat('ccc HH:mm')}`);
      for (const who of [alex, priya, arjun, sofia]) {
        expect(local.filter((l) => l.startsWith(who.id))).toEqual([`${who.id} Fri 15:00`, `${who.id} Mon 09:30`]);
      }
      // Priya's digest for Friday's week: Tuesday 09:00 in New York, not when the clock happened to stop.
      const digests = everythingSent(c).filter((m) => m.to === priya.id && m.text.startsWith("Your team's week"));
      expect(digests.map((m) => DateTime.fromMillis(m.at, { zone: priya.tz }).toFormat('ccc dd HH:mm'))).toEqual(['Tue 09 09:00']);
    } finally {
      await c.h.stop();
    }
  });

  it('runs four weeks of the story in one-day jumps by every rule, and one four-week jump sends exactly the same', async () => {
    const start = '2027-03-01T12:00:00Z';
    const byDays = await startStory(start);
    let daily: Sent[];
    try {
      for (let day = 1; day <= 28; day += 1) await byDays.time.advance(DAY);
      daily = everythingSent(byDays);
      expect(daily.flatMap(broken)).toEqual([]);
      // Exactly once: one DM per ledger entry, and no message twice.
      expect(await ledgerCount(byDays)).toBe(daily.length);
      expect(new Set(daily.map(fingerprint)).size).toBe(daily.length);
    } finally {
      await byDays.h.stop();
    }

    // What the story must contain, so the rules above were checked against real traffic.
    const to = (who: { id: string }, starts: string) => daily.filter((m) => m.to === who.id && m.text.startsWith(starts));
    expect(to(priya, "Your team's week").map((m) => `${DateTime.fromMillis(m.at, { zone: priya.tz }).toFormat('ccc dd HH:mm')} ${m.text}`)).toEqual([
      "Tue 02 09:00 Your team's week up to Friday 26 February: 0 of 3 checked in.",
      "Tue 09 09:00 Your team's week up to Friday 5 March: 0 of 3 checked in.",
      "Tue 16 09:00 Your team's week up to Friday 12 March: 0 of 3 checked in.",
      "Tue 23 09:00 Your team's week up to Friday 19 March: 0 of 3 checked in.",
    ]);
    for (const peer of [alex, arjun, sofia]) {
      expect(to(peer, 'A reminder, and the last one')).toHaveLength(1);
      expect(to(peer, 'Last reminder')).toHaveLength(0);
    }
    expect(to(dana, 'The feedback request about you closed without a summary')).toHaveLength(1);
    expect(daily.filter((m) => m.to === dana.id).length).toBeGreaterThan(0);

    const once = await startStory(start);
    try {
      await once.time.advance(28 * DAY);
      const jumped = everythingSent(once);
      expect(jumped.flatMap(broken)).toEqual([]);
      expect(await ledgerCount(once)).toBe(jumped.length);
      expect(jumped.map(fingerprint).sort()).toEqual(daily.map(fingerprint).sort());
    } finally {
      await once.h.stop();
    }
  });
});
