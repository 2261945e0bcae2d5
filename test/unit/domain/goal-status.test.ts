import { attentionFlags, daysLeft, elapsedShare, isOverdue, suggestsAtRisk } from '../../../src/domain/goal-status';
import { smartHints } from '../../../src/domain/smart-hints';

const goal = (overrides: { status?: 'not_started' | 'on_track' | 'at_risk' | 'completed' | 'deferred'; targetDate?: string | null; progress?: number } = {}) => ({
  status: overrides.status ?? 'on_track',
  targetDate: overrides.targetDate === undefined ? '2027-01-31' : overrides.targetDate,
  progress: overrides.progress ?? 0,
});

describe('time and risk', () => {
  it('counts days left, negative once past', () => {
    expect(daysLeft('2026-12-01', '2026-11-23')).toBe(8);
    expect(daysLeft('2026-11-20', '2026-11-23')).toBe(-3);
  });

  it('measures the share of time elapsed from the day the goal was set', () => {
    expect(elapsedShare('2026-11-01', '2026-12-01', '2026-11-16')).toBe(50);
    expect(elapsedShare('2026-11-01', '2026-12-01', '2026-10-01')).toBe(0);
    expect(elapsedShare('2026-11-01', '2026-12-01', '2027-01-01')).toBe(100);
    // Set and due on the same day: all of the time is gone once that day comes.
    expect(elapsedShare('2026-11-23', '2026-11-23', '2026-11-23')).toBe(100);
  });

  it('suggests "at risk" when progress lags the time elapsed by more than 25 points', () => {
    // 50% of the time gone (set 1 Nov, due 1 Dec, today 16 Nov)
    const at = (progress: number, status: 'not_started' | 'on_track' | 'at_risk' = 'on_track') =>
      suggestsAtRisk(goal({ status, progress, targetDate: '2026-12-01' }), '2026-11-01', '2026-11-16');
    expect(at(24)).toBe(true);
    expect(at(25)).toBe(false);
    expect(at(10, 'not_started')).toBe(true);
    // Already judged by its owner: no second opinion.
    expect(at(0, 'at_risk')).toBe(false);
    expect(suggestsAtRisk(goal({ targetDate: null }), '2026-11-01', '2026-11-16')).toBe(false);
  });

  it('flags overdue only goals still open', () => {
    expect(isOverdue(goal({ targetDate: '2026-11-22' }), '2026-11-23')).toBe(true);
    expect(isOverdue(goal({ targetDate: '2026-11-23' }), '2026-11-23')).toBe(false);
    expect(isOverdue(goal({ targetDate: '2026-11-22', status: 'completed' }), '2026-11-23')).toBe(false);
    expect(isOverdue(goal({ targetDate: '2026-11-22', status: 'deferred' }), '2026-11-23')).toBe(false);
  });

  it('gives managers both flags', () => {
    expect(attentionFlags(goal({ status: 'at_risk', targetDate: '2026-11-01' }), '2026-10-01', '2026-11-23')).toEqual({ atRisk: true, overdue: true });
    expect(attentionFlags(goal({ progress: 90 }), '2026-11-01', '2026-11-23')).toEqual({ atRisk: false, overdue: false });
  });
});

describe('SMART hints', () => {
  const measurable = [{ kind: 'number' }];
  it('says nothing about a specific, measurable, dated goal', () => {
    expect(smartHints({ title: 'Cut p95 latency to 300 ms', targetDate: '2027-03-01', keyResults: measurable }, '2026-11-23')).toEqual([]);
  });

  it('asks for a measurable key result (a yes/no one does not count)', () => {
    expect(smartHints({ title: 'Publish the guide', targetDate: '2027-03-01', keyResults: [{ kind: 'yes_no' }] }, '2026-11-23')).toEqual(['no_measurable_key_result']);
  });

  it('points out vague words without a number', () => {
    expect(smartHints({ title: 'Improve onboarding', targetDate: '2027-03-01', keyResults: [] }, '2026-11-23')).toEqual(['no_measurable_key_result', 'vague_words']);
    expect(smartHints({ title: 'Better docs, 20 pages', targetDate: '2027-03-01', keyResults: [] }, '2026-11-23')).toEqual(['no_measurable_key_result']);
    expect(smartHints({ title: 'More customers', targetDate: '2027-03-01', keyResults: measurable }, '2026-11-23')).toEqual([]);
    // Words that merely contain one do not count.
    expect(smartHints({ title: 'Moretti account renewal', targetDate: '2027-03-01', keyResults: measurable }, '2026-11-23')).toEqual([]);
  });

  it('asks for a target date, and flags one more than a year away', () => {
    expect(smartHints({ title: 'Ship 3 features', targetDate: null, keyResults: measurable }, '2026-11-23')).toEqual(['no_target_date']);
    expect(smartHints({ title: 'Ship 3 features', targetDate: '2027-11-23', keyResults: measurable }, '2026-11-23')).toEqual([]);
    expect(smartHints({ title: 'Ship 3 features', targetDate: '2027-11-24', keyResults: measurable }, '2026-11-23')).toEqual(['far_target']);
  });
});
