import { DateTime } from 'luxon';
import {
  answerWindowEnd,
  atLocal,
  type CheckinScheduleInput,
  followUpAt,
  isNudgeMoment,
  nextNudge,
  nextNudgeMoment,
  type NudgeRules,
  periodAt,
  snoozedUntil,
} from '../../../src/domain/checkin-schedule';
import type { CheckinCadence } from '../../../src/domain/settings';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const iso = (at: DateTime | undefined) => at?.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;

/** The workspace defaults: Monday to Friday 09:00–18:00, quiet 20:00–08:00. */
const OFFICE: NudgeRules = { workingDays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, quietHours: { start: '20:00', end: '08:00' } };
/** Every minute of every day is working time, except one: for reaching 02:30 on a Sunday. */
const ALWAYS: NudgeRules = { workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '00:00', end: '23:59' }, quietHours: { start: '23:59', end: '00:00' } };
const FRIDAY_3PM: CheckinCadence = { weekday: 5, time: '15:00', everyWeeks: 1 };

function schedule(zone: string, overrides: Partial<CheckinScheduleInput> = {}): CheckinScheduleInput {
  return { zone, cadence: FRIDAY_3PM, rules: OFFICE, pausedUntil: null, ...overrides };
}

/** Every nudge from `from` on, `count` of them, each period dispatched before the next is computed. */
function nudges(input: CheckinScheduleInput, from: string, count: number): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  let now: DateTime = utc(from);
  let last: string | null = null;
  for (let i = 0; i < count; i += 1) {
    const next = nextNudge(input, now, last);
    if (!next) break;
    out.push([next.period, iso(next.dueAt)]);
    last = next.period;
    now = next.dueAt;
  }
  return out;
}

describe('local time to instant (atLocal)', () => {
  it.each([
    ['Europe/London in winter', '2027-03-12', '15:00', 'Europe/London', '2027-03-12T15:00:00Z'],
    ['Europe/London in summer', '2027-04-02', '15:00', 'Europe/London', '2027-04-02T14:00:00Z'],
    ['Asia/Kathmandu (+05:45)', '2027-03-12', '15:00', 'Asia/Kathmandu', '2027-03-12T09:15:00Z'],
    ['Australia/Lord_Howe in its summer (+11)', '2027-04-02', '15:00', 'Australia/Lord_Howe', '2027-04-02T04:00:00Z'],
    ['Australia/Lord_Howe in its winter (+10:30)', '2027-04-09', '15:00', 'Australia/Lord_Howe', '2027-04-09T04:30:00Z'],
  ])('reads %s', (_label, day, time, zone, expected) => {
    expect(iso(atLocal(day, time, zone))).toBe(expected);
  });

  it.each([
    ['New York, 02:30 when clocks jump 02:00→03:00', '2027-03-14', '02:30', 'America/New_York', '2027-03-14T07:00:00Z'],
    ['New York, 02:00 itself', '2027-03-14', '02:00', 'America/New_York', '2027-03-14T07:00:00Z'],
    ['Lord Howe, 02:15 when clocks jump 02:00→02:30', '2027-10-03', '02:15', 'Australia/Lord_Howe', '2027-10-02T15:30:00Z'],
    ['London, 01:30 when clocks jump 01:00→02:00', '2027-03-28', '01:30', 'Europe/London', '2027-03-28T01:00:00Z'],
  ])('moves a time that does not exist to the first minute after the gap: %s', (_label, day, time, zone, expected) => {
    expect(iso(atLocal(day, time, zone))).toBe(expected);
  });

  it('leaves the minutes around a gap alone', () => {
    expect(iso(atLocal('2027-03-14', '01:59', 'America/New_York'))).toBe('2027-03-14T06:59:00Z');
    expect(iso(atLocal('2027-03-14', '03:00', 'America/New_York'))).toBe('2027-03-14T07:00:00Z');
    expect(iso(atLocal('2027-03-14', '03:01', 'America/New_York'))).toBe('2027-03-14T07:01:00Z');
  });

  it.each([
    // luxon alone picks the second 01:30 in New York and the first at Lord Howe.
    ['New York, 01:30 happening in EDT then EST', '2027-11-07', '01:30', 'America/New_York', '2027-11-07T05:30:00Z'],
    ['Lord Howe, 01:45 happening at +11 then +10:30', '2027-04-04', '01:45', 'Australia/Lord_Howe', '2027-04-03T14:45:00Z'],
    ['London, 01:30 happening in BST then GMT', '2027-10-31', '01:30', 'Europe/London', '2027-10-31T00:30:00Z'],
  ])('reads a time that happens twice as its first occurrence: %s', (_label, day, time, zone, expected) => {
    expect(iso(atLocal(day, time, zone))).toBe(expected);
  });

  it('refuses a zone it does not know rather than guess', () => {
    expect(() => atLocal('2027-03-12', '15:00', 'Mars/Olympus_Mons')).toThrow('unknown timezone');
  });
});

describe('working time', () => {
  const london = 'Europe/London';

  it.each([
    ['a Friday afternoon', '2027-03-12T15:00:00Z', true],
    ['the minute working hours end', '2027-03-12T18:00:00Z', false],
    ['the last minute before they end', '2027-03-12T17:59:00Z', true],
    ['a Saturday', '2027-03-13T11:00:00Z', false],
    ['early morning, in quiet hours', '2027-03-12T07:30:00Z', false],
  ])('knows %s', (_label, at, expected) => {
    expect(isNudgeMoment(utc(at), london, OFFICE)).toBe(expected);
  });

  it.each([
    ['a Friday evening to Monday morning', '2027-03-12T18:30:00Z', '2027-03-15T09:00:00Z'],
    ['a Sunday to Monday morning', '2027-03-14T12:00:00Z', '2027-03-15T09:00:00Z'],
    ['early morning to the start of working hours', '2027-03-15T06:00:00Z', '2027-03-15T09:00:00Z'],
    ['working time to itself', '2027-03-15T10:17:00Z', '2027-03-15T10:17:00Z'],
  ])('moves %s', (_label, at, expected) => {
    expect(iso(nextNudgeMoment(utc(at), london, OFFICE))).toBe(expected);
  });

  it('never lands in quiet hours, even when they cut into working hours', () => {
    const lunch: NudgeRules = { ...OFFICE, quietHours: { start: '12:00', end: '13:30' } };
    expect(iso(nextNudgeMoment(utc('2027-03-15T12:10:00Z'), london, lunch))).toBe('2027-03-15T13:30:00Z');
    const lateQuiet: NudgeRules = { ...OFFICE, quietHours: { start: '17:00', end: '10:00' } };
    expect(iso(nextNudgeMoment(utc('2027-03-15T17:30:00Z'), london, lateQuiet))).toBe('2027-03-16T10:00:00Z');
  });

  it('finds the next working moment for every quarter hour of a year in four zones, and it is the first one', () => {
    const zones = ['Europe/London', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    const lunch: NudgeRules = { ...OFFICE, quietHours: { start: '12:00', end: '13:00' } };
    let at = utc('2027-01-01T00:07:00Z');
    const end = utc('2028-01-01T00:00:00Z');
    const problems: string[] = [];
    for (let i = 0; at < end; i += 1, at = at.plus({ minutes: 15 * 97 })) {
      const zone = zones[i % zones.length] ?? 'UTC';
      const next = nextNudgeMoment(at, zone, lunch);
      if (!next || !isNudgeMoment(next, zone, lunch) || next < at) problems.push(`${iso(at)} ${zone} -> ${iso(next)}`);
      // Nothing earlier: the minute before it is either not working time or before `at`.
      else if (next > at && isNudgeMoment(next.minus({ minutes: 1 }), zone, lunch) && next.minus({ minutes: 1 }) >= at) problems.push(`${iso(at)} ${zone} skipped a moment`);
    }
    expect(problems).toEqual([]);
  });

  it('has no moment at all when quiet hours cover the working day', () => {
    const never: NudgeRules = { ...OFFICE, quietHours: { start: '08:00', end: '19:00' } };
    expect(nextNudgeMoment(utc('2027-03-15T10:00:00Z'), 'Europe/London', never)).toBeUndefined();
  });
});

describe('next nudge', () => {
  it.each([
    [
      'Europe/London across the March change',
      'Europe/London',
      ['2027-03-12T15:00:00Z', '2027-03-19T15:00:00Z', '2027-03-26T15:00:00Z', '2027-04-02T14:00:00Z', '2027-04-09T14:00:00Z'],
    ],
    [
      'America/New_York across the March change',
      'America/New_York',
      ['2027-03-12T20:00:00Z', '2027-03-19T19:00:00Z', '2027-03-26T19:00:00Z', '2027-04-02T19:00:00Z', '2027-04-09T19:00:00Z'],
    ],
    [
      'Asia/Kathmandu, which never changes',
      'Asia/Kathmandu',
      ['2027-03-12T09:15:00Z', '2027-03-19T09:15:00Z', '2027-03-26T09:15:00Z', '2027-04-02T09:15:00Z', '2027-04-09T09:15:00Z'],
    ],
    [
      'Australia/Lord_Howe across its 30-minute April change',
      'Australia/Lord_Howe',
      ['2027-03-12T04:00:00Z', '2027-03-19T04:00:00Z', '2027-03-26T04:00:00Z', '2027-04-02T04:00:00Z', '2027-04-09T04:30:00Z'],
    ],
  ])('asks on Fridays at 15:00 local, %s', (_label, zone, expected) => {
    // Wednesday: every zone is still before its Friday.
    const due = nudges(schedule(zone), '2027-03-10T12:00:00Z', 5);
    expect(due.map(([, at]) => at)).toEqual(expected);
    expect(due.map(([period]) => period)).toEqual(['2027-03-12', '2027-03-19', '2027-03-26', '2027-04-02', '2027-04-09']);
  });

  it('fires a nudge set in a spring-forward gap at the first minute after it, and at its own time the week after', () => {
    const sunday: CheckinCadence = { weekday: 7, time: '02:30', everyWeeks: 1 };
    expect(nudges(schedule('America/New_York', { cadence: sunday, rules: ALWAYS }), '2027-03-10T12:00:00Z', 2)).toEqual([
      ['2027-03-14', '2027-03-14T07:00:00Z'],
      ['2027-03-21', '2027-03-21T06:30:00Z'],
    ]);
  });

  it('fires a nudge set in a fall-back overlap once, at the first 01:30', () => {
    const sunday: CheckinCadence = { weekday: 7, time: '01:30', everyWeeks: 1 };
    const input = schedule('America/New_York', { cadence: sunday, rules: ALWAYS });
    expect(nudges(input, '2027-11-03T12:00:00Z', 2)).toEqual([
      ['2027-11-07', '2027-11-07T05:30:00Z'],
      ['2027-11-14', '2027-11-14T06:30:00Z'],
    ]);
    // At the second 01:30 (06:30Z), with the first one dispatched, the next is a week away.
    expect(iso(nextNudge(input, utc('2027-11-07T06:30:00Z'), '2027-11-07')?.dueAt)).toBe('2027-11-14T06:30:00Z');
  });

  it('never asks again for a period already dispatched, even recomputed right after its slot', () => {
    const input = schedule('Europe/London');
    expect(nextNudge(input, utc('2027-03-12T15:00:30Z'), '2027-03-12')?.period).toBe('2027-03-19');
    // Not dispatched yet, and only minutes late: still this week's.
    expect(nextNudge(input, utc('2027-03-12T15:03:00Z'), '2027-03-05')?.period).toBe('2027-03-12');
    // Changed to a time that passed an hour ago: next week.
    expect(nextNudge(input, utc('2027-03-12T16:00:00Z'), '2027-03-05')?.period).toBe('2027-03-19');
  });

  it('sends the nudge a recomputation finds late, like the dispatcher does, to someone who moved east after the new zone’s slot', () => {
    // Friday 12 March 2027, 14:30 in London, before the 15:00 slot; the person moves to Berlin, where it is 15:30.
    const berlin = schedule('Europe/Berlin');
    const now = utc('2027-03-12T14:30:00Z');
    expect(nextNudge(berlin, now, '2027-03-05', '2027-03-12')).toEqual({ period: '2027-03-12', dueAt: now });
    // After 18:00 in Berlin it is sent at the next working moment, Monday 09:00, still inside the period's window.
    expect(nextNudge(berlin, utc('2027-03-12T19:00:00Z'), '2027-03-05', '2027-03-12')).toEqual({ period: '2027-03-12', dueAt: utc('2027-03-15T08:00:00Z') });
    // Once the period can no longer be answered, next week's.
    expect(nextNudge(berlin, utc('2027-03-15T17:30:00Z'), '2027-03-05', '2027-03-12')?.period).toBe('2027-03-19');
  });

  it('asks every two weeks in the same weeks for everyone, wherever they are', () => {
    const fortnightly: CheckinCadence = { ...FRIDAY_3PM, everyWeeks: 2 };
    const london = nudges(schedule('Europe/London', { cadence: fortnightly }), '2027-03-08T12:00:00Z', 4).map(([period]) => period);
    const kathmandu = nudges(schedule('Asia/Kathmandu', { cadence: fortnightly }), '2027-03-15T12:00:00Z', 3).map(([period]) => period);
    expect(london).toEqual(['2027-03-19', '2027-04-02', '2027-04-16', '2027-04-30']);
    expect(kathmandu).toEqual(['2027-03-19', '2027-04-02', '2027-04-16']);
  });

  it('skips the periods of a pause, the last paused day included', () => {
    expect(nextNudge(schedule('Europe/London', { pausedUntil: '2027-03-19' }), utc('2027-03-10T12:00:00Z'), null)?.period).toBe('2027-03-26');
    expect(nextNudge(schedule('Europe/London', { pausedUntil: '2027-03-18' }), utc('2027-03-10T12:00:00Z'), null)?.period).toBe('2027-03-19');
  });

  it('does not ask after a pause for a period whose slot fell in it', () => {
    // Saturday slot moved to Monday morning; the person was away until Sunday.
    const saturday: CheckinCadence = { weekday: 6, time: '10:00', everyWeeks: 1 };
    const input = schedule('Europe/London', { cadence: saturday, pausedUntil: '2027-03-14' });
    expect(nextNudge(input, utc('2027-03-10T12:00:00Z'), null)).toEqual({ period: '2027-03-20', dueAt: utc('2027-03-22T09:00:00Z') });
  });

  it('moves a slot on a day that stopped being a working day to the next working morning, keeping its period', () => {
    const fourDays: NudgeRules = { ...OFFICE, workingDays: [1, 2, 3, 4] };
    expect(nextNudge(schedule('Europe/London', { rules: fourDays }), utc('2027-03-10T12:00:00Z'), null)).toEqual({
      period: '2027-03-12',
      dueAt: utc('2027-03-15T09:00:00Z'),
    });
  });

  it('moves a slot in quiet hours to the end of them', () => {
    const evening: CheckinCadence = { weekday: 5, time: '19:30', everyWeeks: 1 };
    const late: NudgeRules = { ...OFFICE, workingHours: { start: '09:00', end: '21:00' }, quietHours: { start: '19:00', end: '08:00' } };
    expect(nextNudge(schedule('Europe/London', { cadence: evening, rules: late }), utc('2027-03-10T12:00:00Z'), null)).toEqual({
      period: '2027-03-12',
      dueAt: utc('2027-03-15T09:00:00Z'),
    });
  });
});

describe('periods and follow-ups', () => {
  const london = schedule('Europe/London');

  it.each([
    ['before the nudge in the same week', '2027-03-10T12:00:00Z', '2027-03-12'],
    ['on the weekend after it', '2027-03-13T12:00:00Z', '2027-03-12'],
    ['answering the Monday follow-up', '2027-03-15T09:45:00Z', '2027-03-12'],
    ['once that Monday’s working hours are over', '2027-03-15T18:00:00Z', '2027-03-19'],
  ])('counts a check-in made %s', (_label, at, period) => {
    expect(periodAt(utc(at), london)).toBe(period);
  });

  it('keeps a period open until the end of the next working day', () => {
    expect(iso(answerWindowEnd('2027-03-12', 'Europe/London', OFFICE))).toBe('2027-03-15T18:00:00Z');
    expect(iso(answerWindowEnd('2027-03-12', 'America/New_York', OFFICE))).toBe('2027-03-15T22:00:00Z');
  });

  it.each([
    ['London', 'Europe/London', '2027-03-12T15:00:00Z', '2027-03-15T09:30:00Z'],
    ['New York, clocks changed on the Sunday between', 'America/New_York', '2027-03-12T20:00:00Z', '2027-03-15T13:30:00Z'],
    ['Lord Howe, clocks changed on the Sunday between', 'Australia/Lord_Howe', '2027-04-02T04:00:00Z', '2027-04-04T23:00:00Z'],
    ['Kathmandu, on a Wednesday nudge', 'Asia/Kathmandu', '2027-03-10T09:15:00Z', '2027-03-11T03:45:00Z'],
  ])('follows up the next working morning at 09:30: %s', (_label, zone, nudged, expected) => {
    expect(iso(followUpAt(utc(nudged), zone, OFFICE))).toBe(expected);
  });

  it('follows up at the start of working hours when 30 minutes later they are over', () => {
    const short: NudgeRules = { ...OFFICE, workingHours: { start: '09:00', end: '09:20' } };
    expect(iso(followUpAt(utc('2027-03-12T09:10:00Z'), 'Europe/London', short))).toBe('2027-03-15T09:00:00Z');
  });

  it('snoozes two hours, or to the next working morning when that is after hours', () => {
    expect(iso(snoozedUntil(utc('2027-03-12T15:00:00Z'), 'Europe/London', OFFICE))).toBe('2027-03-12T17:00:00Z');
    expect(iso(snoozedUntil(utc('2027-03-12T16:30:00Z'), 'Europe/London', OFFICE))).toBe('2027-03-15T09:00:00Z');
  });
});
