import { DateTime } from 'luxon';
import { isNudgeTime, nextNudgeTime, type WorkingTime } from '../../../src/domain/working-time';

const rules: WorkingTime = { workingDays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '18:00' }, quietHours: { start: '20:00', end: '08:00' } };
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const local = (at: DateTime, zone: string) => at.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm');

describe('nextNudgeTime', () => {
  it('keeps a moment that is already in working time', () => {
    const at = utc('2026-11-26T10:30:00Z'); // Thursday, 10:30 in London
    expect(nextNudgeTime(at, 'Europe/London', rules).toISO()).toBe(at.toISO());
  });

  it('waits for the start of the working day, in the person’s own zone', () => {
    const at = utc('2026-11-26T10:30:00Z'); // 05:30 in New York
    expect(local(nextNudgeTime(at, 'America/New_York', rules), 'America/New_York')).toBe('Thu 2026-11-26 09:00');
  });

  it('skips the evening and the weekend to Monday morning', () => {
    const friday = utc('2026-11-27T19:00:00Z'); // Friday 19:00 in London: after hours
    expect(local(nextNudgeTime(friday, 'Europe/London', rules), 'Europe/London')).toBe('Mon 2026-11-30 09:00');
  });

  it('waits out quiet hours that fall inside working hours', () => {
    const lunchQuiet = { ...rules, quietHours: { start: '12:00', end: '13:30' } };
    const at = utc('2026-11-26T12:15:00Z');
    expect(local(nextNudgeTime(at, 'Europe/London', lunchQuiet), 'Europe/London')).toBe('Thu 2026-11-26 13:30');
    expect(isNudgeTime(at.setZone('Europe/London'), lunchQuiet)).toBe(false);
  });

  it('lands in the right local hour across a DST change', () => {
    // Sunday 29 March 2026: London moves from GMT to BST. Monday 09:00 is 08:00 UTC.
    const at = utc('2026-03-28T12:00:00Z');
    const next = nextNudgeTime(at, 'Europe/London', rules);
    expect(local(next, 'Europe/London')).toBe('Mon 2026-03-30 09:00');
    expect(next.toISO()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('sends at the asked time when the rules leave no slot at all, rather than never', () => {
    const allQuiet = { ...rules, quietHours: { start: '08:30', end: '08:00' } };
    const at = utc('2026-11-26T10:30:00Z');
    expect(nextNudgeTime(at, 'Europe/London', allQuiet).toISO()).toBe(at.toISO());
  });
});
