import { DateTime } from 'luxon';
import type { GoalStatus } from '../../../src/domain/goal';
import { STALE_AFTER_DAYS, staleCandidateBounds, staleNudgeAt, staleReason } from '../../../src/domain/goal-staleness';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const open = (targetDate: string | null = null, status: GoalStatus = 'on_track') => ({ status, targetDate });
const now = utc('2026-12-15T12:00:00Z');
const todayIn = (zone: string) => now.setZone(zone).toISODate() ?? '';

describe('stale goals', () => {
  describe('no update for 21 days', () => {
    it('is stale from exactly 21 days after the last update, not a millisecond before', () => {
      const last = now.minus({ days: STALE_AFTER_DAYS });
      expect(staleReason(open(), last, now, '2026-12-15')).toEqual({ noUpdateSince: last, targetPassed: null });
      expect(staleReason(open(), last.plus({ milliseconds: 1 }), now, '2026-12-15')).toBeUndefined();
    });

    it('counts exact days across a DST change in the owner zone', () => {
      // 21 × 24 h, whatever the clocks in London did meanwhile (they went back on 25 October).
      const last = DateTime.fromISO('2026-10-20T12:00:00', { zone: 'Europe/London' });
      const at = last.toUTC().plus({ hours: 21 * 24 });
      expect(staleReason(open(), last, at, '2026-11-10')?.noUpdateSince).toBe(last);
      expect(staleReason(open(), last, at.minus({ minutes: 1 }), '2026-11-10')).toBeUndefined();
    });
  });

  describe('target date passed, on the owner calendar', () => {
    const recent = now.minus({ days: 1 });

    it('is stale once the target date is before the owner’s today, not on the day itself', () => {
      expect(staleReason(open('2026-12-14'), recent, now, '2026-12-15')).toEqual({ noUpdateSince: null, targetPassed: '2026-12-14' });
      expect(staleReason(open('2026-12-15'), recent, now, '2026-12-15')).toBeUndefined();
    });

    it('depends on where the owner lives: the same instant is past the date in Kiritimati, not in Honolulu', () => {
      const late = utc('2026-12-15T11:00:00Z');
      expect(todayIn('Pacific/Kiritimati')).toBe('2026-12-16');
      const kiritimati = late.setZone('Pacific/Kiritimati').toISODate() ?? '';
      const honolulu = late.setZone('Pacific/Honolulu').toISODate() ?? '';
      expect(staleReason(open('2026-12-15'), recent, late, kiritimati)?.targetPassed).toBe('2026-12-15');
      expect(staleReason(open('2026-12-15'), recent, late, honolulu)).toBeUndefined();
    });

    it('gives both reasons when both hold', () => {
      const last = now.minus({ days: 30 });
      expect(staleReason(open('2026-12-01'), last, now, '2026-12-15')).toEqual({ noUpdateSince: last, targetPassed: '2026-12-01' });
    });
  });

  it.each<GoalStatus>(['completed', 'deferred', 'archived'])('never calls a %s goal stale', (status) => {
    expect(staleReason(open('2026-01-01', status), now.minus({ days: 400 }), now, '2026-12-15')).toBeUndefined();
  });

  it.each<GoalStatus>(['not_started', 'on_track', 'at_risk', 'off_track'])('checks a %s goal', (status) => {
    expect(staleReason(open(null, status), now.minus({ days: 22 }), now, '2026-12-15')).toBeDefined();
  });

  it('bounds candidates so that no owner anywhere is missed', () => {
    const { updatedBefore, targetBefore } = staleCandidateBounds(now);
    expect(updatedBefore.toISO()).toBe('2026-11-24T12:00:00.000Z');
    // 12:00 UTC is already the next day at UTC+14: a goal due on the 15th is past there.
    expect(targetBefore).toBe('2026-12-16');
    expect(targetBefore >= todayIn('Pacific/Kiritimati')).toBe(true);
  });

  describe('when the nudge may go out', () => {
    const rules = { workingDays: [1, 2, 3, 4, 5] as Array<1 | 2 | 3 | 4 | 5>, workingHours: { start: '09:00', end: '18:00' }, quietHours: { start: '20:00', end: '08:00' } };

    it('waits for the owner’s working hours', () => {
      // Tuesday 12:00 UTC is 01:00 on Wednesday in Auckland: the nudge waits until 09:00 there.
      expect(staleNudgeAt(now, 'Pacific/Auckland', null, rules).setZone('Pacific/Auckland').toISO()).toBe('2026-12-16T09:00:00.000+13:00');
      expect(staleNudgeAt(now, 'Europe/London', null, rules)).toEqual(now);
    });

    it('waits for the end of a pause, then for working hours', () => {
      // Paused up to and including Thursday 17 December: Friday 09:00 in London.
      expect(staleNudgeAt(now, 'Europe/London', '2026-12-17', rules).toISO()).toBe('2026-12-18T09:00:00.000Z');
    });
  });
});
