import { DateTime } from 'luxon';
import type { Checkin } from '../../../src/domain/checkin';
import { type NudgeRules, periodAt } from '../../../src/domain/checkin-schedule';
import { type DigestScheduleInput, digestDueAt, digestWindow, moodAggregate, nextDigest, reportsReadyAt, summarizeDigest } from '../../../src/domain/manager-digest';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const iso = (at: DateTime | undefined) => at?.toUTC().toISO({ suppressMilliseconds: true });

const FRIDAY = { weekday: 5, time: '15:00', everyWeeks: 1 } as const;
const OFFICE: NudgeRules = { workingDays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, quietHours: { start: '20:00', end: '08:00' } };
const input = (zone: string, overrides: Partial<DigestScheduleInput> = {}): DigestScheduleInput => ({
  zone,
  cadence: { weekday: 5, time: '15:00', everyWeeks: 1 },
  rules: OFFICE,
  pausedUntil: null,
  ...overrides,
});

function checkin(mood: number | null, moodShared = false, blockers: string | null = null): Checkin {
  return { periodId: 'x', period: '2026-11-20', wins: 'w', blockers, confidence: 7, mood, moodShared };
}

describe('the next manager digest', () => {
  it('is the first working morning after the check-in window closes (the end of the next working day), in the manager’s zone', () => {
    // Friday 20 November: check-ins count for it until Monday 18:00, so the digest is Tuesday 24 November, 09:00 local.
    expect(iso(nextDigest(input('Europe/London'), utc('2026-11-18T12:00:00Z'), null)?.dueAt)).toBe('2026-11-24T09:00:00Z');
    expect(nextDigest(input('Europe/London'), utc('2026-11-18T12:00:00Z'), null)?.period).toBe('2026-11-20');
    expect(iso(nextDigest(input('America/New_York'), utc('2026-11-18T12:00:00Z'), null)?.dueAt)).toBe('2026-11-24T14:00:00Z');
    expect(iso(nextDigest(input('Asia/Kathmandu'), utc('2026-11-18T12:00:00Z'), null)?.dueAt)).toBe('2026-11-24T03:15:00Z');
  });

  it('follows DST changes between check-in day and digest', () => {
    // Clocks go back in New York on Sunday 1 November 2026: Tuesday 09:00 is EST.
    expect(iso(digestDueAt('2026-10-30', input('America/New_York')))).toBe('2026-11-03T14:00:00Z');
    expect(iso(digestDueAt('2026-10-23', input('America/New_York')))).toBe('2026-10-27T13:00:00Z');
    // Lord Howe moves half an hour forward on Sunday 4 October 2026.
    expect(iso(digestDueAt('2026-09-25', input('Australia/Lord_Howe')))).toBe('2026-09-28T22:30:00Z');
    expect(iso(digestDueAt('2026-10-02', input('Australia/Lord_Howe')))).toBe('2026-10-05T22:00:00Z');
  });

  it('moves on one period after the last one dispatched, and steps over a pause', () => {
    const london = input('Europe/London');
    expect(nextDigest(london, utc('2026-11-24T09:00:00Z'), '2026-11-20')?.period).toBe('2026-11-27');
    expect(nextDigest(input('Europe/London', { pausedUntil: '2026-12-01' }), utc('2026-11-18T12:00:00Z'), null)?.period).toBe('2026-12-04');
  });

  it('skips a Monday that is not a working day, and never lands in quiet hours', () => {
    // Window open until Tuesday 18:00, digest Wednesday morning.
    const tuesdayToFriday = input('Europe/London', { rules: { ...OFFICE, workingDays: [2, 3, 4, 5] } });
    expect(iso(digestDueAt('2026-11-20', tuesdayToFriday))).toBe('2026-11-25T09:00:00Z');
    const quietMornings = input('Europe/London', { rules: { ...OFFICE, quietHours: { start: '20:00', end: '10:00' } } });
    expect(iso(digestDueAt('2026-11-20', quietMornings))).toBe('2026-11-24T10:00:00Z');
  });

  it('never goes out while a check-in may still count for its period, for the manager or any report', () => {
    const london = input('Europe/London');
    const due = digestDueAt('2026-11-20', london);
    // A check-in on Monday at 17:59 still counts for Friday's week (the reported bug: the digest went at Monday 09:00).
    expect(periodAt(utc('2026-11-23T17:59:00Z'), { zone: 'Europe/London', cadence: FRIDAY, rules: OFFICE })).toBe('2026-11-20');
    expect(due && due > utc('2026-11-23T17:59:00Z')).toBe(true);
    // A report in New York checks in until Monday 18:00 there, 23:00 in London.
    expect(iso(reportsReadyAt('2026-11-20', ['Europe/London', 'America/New_York', 'Australia/Sydney'], OFFICE))).toBe('2026-11-23T23:00:00Z');
  });

  it('looks back on the whole cycle, a day either side for zones', () => {
    expect(digestWindow('2026-11-20', { everyWeeks: 1 })).toEqual({ from: '2026-11-14', to: '2026-11-21' });
    expect(digestWindow('2026-11-20', { everyWeeks: 2 })).toEqual({ from: '2026-11-07', to: '2026-11-21' });
  });
});

describe('the team mood', () => {
  it('needs at least three moods, and the workspace threshold when higher', () => {
    expect(moodAggregate([checkin(4), checkin(2)], 3)).toBeUndefined();
    expect(moodAggregate([checkin(4), checkin(2), checkin(3)], 3)).toEqual({ average: 3, count: 3 });
    expect(moodAggregate([checkin(4), checkin(2), checkin(3)], 5)).toBeUndefined();
    expect(moodAggregate([checkin(4), checkin(2), checkin(3)], 1)).toEqual({ average: 3, count: 3 });
    expect(moodAggregate([checkin(null), checkin(null), checkin(5)], 3)).toBeUndefined();
  });

  it('is hidden when subtracting the shared moods would reveal the unshared ones', () => {
    // Two shared and one unshared: average × 3 − shared = the unshared mood.
    expect(moodAggregate([checkin(4, true), checkin(2, true), checkin(1)], 3)).toBeUndefined();
    expect(moodAggregate([checkin(4, true), checkin(2, true), checkin(5, true)], 3)).toEqual({ average: 3.7, count: 3 });
    expect(moodAggregate([checkin(4, true), checkin(2), checkin(5), checkin(1)], 3)).toEqual({ average: 3, count: 4 });
  });
});

describe('the digest summary', () => {
  it('splits the team, attributes blockers and keeps unshared moods out', () => {
    const summary = summarizeDigest(
      [
        { personId: 'c', name: 'Cleo', checkin: undefined },
        { personId: 'a', name: 'Ana', checkin: checkin(4, true, 'Waiting on legal') },
        { personId: 'b', name: 'Ben', checkin: checkin(2, false, 'No test data') },
      ],
      3,
    );
    expect(summary.checkedIn.map((r) => r.name)).toEqual(['Ana', 'Ben']);
    expect(summary.missing.map((r) => r.name)).toEqual(['Cleo']);
    expect(summary.blockers).toEqual([
      { personId: 'a', name: 'Ana', text: 'Waiting on legal' },
      { personId: 'b', name: 'Ben', text: 'No test data' },
    ]);
    expect(summary.sharedMoods).toEqual([{ personId: 'a', name: 'Ana', mood: 4 }]);
    expect(summary.teamMood).toBeUndefined();
  });
});
