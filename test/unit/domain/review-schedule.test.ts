import { DateTime } from 'luxon';
import { daysAhead, invitationAt, planReminders, prepPackAt, signOffReminderAt } from '../../../src/domain/review-schedule';
import { previousNudgeTime } from '../../../src/domain/working-time';

const rules = { workingDays: [1, 2, 3, 4, 5] as Array<1 | 2 | 3 | 4 | 5>, workingHours: { start: '09:00', end: '17:00' }, quietHours: { start: '20:00', end: '08:00' } };
const local = (at: DateTime, zone: string) => at.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm');
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('the nearest working moment before', () => {
  it('is the moment itself in working time', () => {
    expect(local(previousNudgeTime(utc('2026-12-09T10:00:00Z'), 'Europe/London', rules), 'Europe/London')).toBe('Wed 2026-12-09 10:00');
  });

  it('steps back over a weekend to the last working minute of Friday', () => {
    expect(local(previousNudgeTime(utc('2026-12-13T12:00:00Z'), 'Europe/London', rules), 'Europe/London')).toBe('Fri 2026-12-11 16:59');
  });

  it('stops before quiet hours that start inside working hours', () => {
    const early = { ...rules, quietHours: { start: '16:00', end: '08:00' } };
    expect(local(previousNudgeTime(utc('2026-12-09T18:00:00Z'), 'Europe/London', early), 'Europe/London')).toBe('Wed 2026-12-09 15:59');
  });
});

describe('days ahead of a due date, on the recipient’s calendar', () => {
  it('counts 7 calendar days back from the end of the due day, then moves to the working moment before', () => {
    // Due Friday 18 Dec: the end of it is Sat 19 00:00; 7 days before is Sat 12 00:00, so Fri 11 16:59.
    expect(local(daysAhead('2026-12-18', 7, 'America/New_York', rules), 'America/New_York')).toBe('Fri 2026-12-11 16:59');
    expect(local(daysAhead('2026-12-18', 1, 'Asia/Tokyo', rules), 'Asia/Tokyo')).toBe('Thu 2026-12-17 16:59');
  });

  it('keeps local time across a DST change (7 days, not 168 hours)', () => {
    // US clocks go forward on Sunday 14 March 2027; due Tuesday 16 March.
    const d7 = daysAhead('2027-03-16', 7, 'America/New_York', rules);
    const d1 = daysAhead('2027-03-16', 1, 'America/New_York', rules);
    expect([local(d7, 'America/New_York'), local(d1, 'America/New_York')]).toEqual(['Tue 2027-03-09 16:59', 'Mon 2027-03-15 16:59']);
    // The same local time, an hour apart in UTC: EST before the change, EDT after it.
    expect([d7.toISO(), d1.toISO()]).toEqual(['2027-03-09T21:59:00.000Z', '2027-03-15T20:59:00.000Z']);
  });

  it('plans D-7 and D-1 only when still ahead', () => {
    const now = utc('2026-12-14T12:00:00Z');
    const steps = planReminders({ item: 'self_assessment', dueOn: '2026-12-18', zone: 'Europe/London' }, rules, now);
    expect(steps.map((s) => [s.kind, local(s.at, 'Europe/London')])).toEqual([['due_in_1_day', 'Thu 2026-12-17 16:59']]);
  });
});

describe('the other review messages', () => {
  it('invites to the self-assessment when working hours start 14 days before it is due, or at launch once that passed', () => {
    const now = utc('2026-12-01T12:00:00Z');
    expect(local(invitationAt('2026-12-28', 'Europe/Berlin', rules, now, null), 'Europe/Berlin')).toBe('Mon 2026-12-14 09:00');
    expect(local(invitationAt('2026-12-10', 'Europe/Berlin', rules, now, null), 'Europe/Berlin')).toBe('Tue 2026-12-01 13:00');
  });

  it('waits out a pause for the invitation', () => {
    const now = utc('2026-12-01T12:00:00Z');
    expect(local(invitationAt('2026-12-10', 'Europe/Berlin', rules, now, '2026-12-02'), 'Europe/Berlin')).toBe('Thu 2026-12-03 09:00');
  });

  it('sends the prep pack 48 hours before the conversation, or the working moment before that', () => {
    expect(local(prepPackAt(utc('2026-12-10T15:00:00Z'), 'Europe/London', rules), 'Europe/London')).toBe('Tue 2026-12-08 15:00');
    // A Monday 10:00 conversation: 48 hours before is Saturday, so Friday's last working minute.
    expect(local(prepPackAt(utc('2026-12-14T10:00:00Z'), 'Europe/London', rules), 'Europe/London')).toBe('Fri 2026-12-11 16:59');
  });

  it('reminds about sign-off 24 hours after sharing, in working time', () => {
    expect(local(signOffReminderAt(utc('2026-12-11T15:00:00Z'), 'Europe/London', rules), 'Europe/London')).toBe('Mon 2026-12-14 09:00');
  });
});
