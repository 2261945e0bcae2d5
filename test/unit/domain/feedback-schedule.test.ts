import { DateTime } from 'luxon';
import { dueInstant } from '../../../src/domain/feedback';
import { planPeerSteps, type RequestTiming, requesterStatusAt } from '../../../src/domain/feedback-schedule';

const rules = { workingDays: [1, 2, 3, 4, 5] as Array<1 | 2 | 3 | 4 | 5>, workingHours: { start: '09:00', end: '18:00' }, quietHours: { start: '20:00', end: '08:00' } };
const LONDON = 'Europe/London';
const london = (at: DateTime) => at.setZone(LONDON).toFormat('ccc dd HH:mm');

function timing(nowIso: string, dueOn: string): RequestTiming {
  return { now: DateTime.fromISO(nowIso, { zone: 'utc' }), dueOn, dueAt: dueInstant(dueOn, LONDON), requesterZone: LONDON, rules };
}

describe('planning a peer’s messages', () => {
  it('invites at once, follows up 5 days later and reminds the day before the due date, each in working hours', () => {
    // Thursday 26 November 2026, 10:00 in London; due Thursday 3 December.
    const steps = planPeerSteps(timing('2026-11-26T10:00:00Z', '2026-12-03'), { timezone: LONDON, awayUntil: null });
    expect(steps.map((s) => [s.kind, london(s.at)])).toEqual([
      ['invite', 'Thu 26 10:00'],
      ['follow_up', 'Tue 01 10:00'],
      ['last_reminder', 'Wed 02 09:00'],
    ]);
  });

  it('leaves the follow-up out when it would not come before the last reminder', () => {
    const steps = planPeerSteps(timing('2026-11-26T10:00:00Z', '2026-11-30'), { timezone: LONDON, awayUntil: null });
    expect(steps.map((s) => s.kind)).toEqual(['invite', 'last_reminder']);
    expect(london(steps[1]?.at ?? DateTime.now())).toBe('Fri 27 09:00');
  });

  it('asks someone who is away once they are back, and counts the follow-up from then', () => {
    const steps = planPeerSteps(timing('2026-11-26T10:00:00Z', '2026-12-10'), { timezone: LONDON, awayUntil: '2026-11-30' });
    expect(steps.map((s) => [s.kind, london(s.at)])).toEqual([
      ['invite', 'Tue 01 09:00'],
      ['follow_up', 'Mon 07 09:00'],
      ['last_reminder', 'Wed 09 09:00'],
    ]);
  });

  it('invites someone far away when their own working day starts', () => {
    const steps = planPeerSteps(timing('2026-11-26T10:00:00Z', '2026-12-03'), { timezone: 'Australia/Sydney', awayUntil: null });
    expect(steps[0]?.at.setZone('Australia/Sydney').toFormat('ccc HH:mm')).toBe('Fri 09:00');
  });

  it('tells the requester how many are pending after the peers’ last reminders, in the requester’s hours', () => {
    const t = timing('2026-11-26T10:00:00Z', '2026-12-03');
    const at = requesterStatusAt(t, { timezone: LONDON, awayUntil: null }, [
      { timezone: LONDON, awayUntil: null },
      { timezone: 'America/New_York', awayUntil: null },
    ]);
    // New York's 09:00 on Wednesday is 14:00 in London.
    expect(london(at ?? DateTime.now())).toBe('Wed 02 14:00');
  });
});
