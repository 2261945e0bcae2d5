import { type GoalInput, type GoalRulesContext, validateGoal } from '../../../src/domain/goal';
import type { KeyResultInput } from '../../../src/domain/key-result';

const today = '2026-11-23';
const context: GoalRulesContext = { today, allowedLevels: ['individual'] };
const input: GoalInput = { title: 'Ship the billing revamp', description: null, category: 'performance', targetDate: '2027-03-31' };
const keyResult = (overrides: Partial<KeyResultInput> = {}): KeyResultInput => ({
  title: 'p95 checkout latency',
  kind: 'number',
  start: '450',
  target: '300',
  unit: 'ms',
  weight: null,
  ...overrides,
});

describe('validateGoal', () => {
  it('accepts a complete goal, trims what was typed and fills in the defaults', () => {
    expect(validateGoal({ ...input, title: '  Ship it  ', description: '  why  ' }, context)).toEqual({
      ok: true,
      value: {
        title: 'Ship it',
        description: 'why',
        category: 'performance',
        level: 'individual',
        visibility: 'private',
        targetDate: '2027-03-31',
        parentId: null,
        weight: 1,
        keyResults: [],
        note: null,
      },
    });
  });

  it('allows no target date and no description', () => {
    expect(validateGoal({ ...input, targetDate: null, description: '   ' }, context)).toMatchObject({ ok: true, value: { targetDate: null, description: null } });
  });

  it.each([
    ['empty', '', 'Give your goal a title.'],
    ['blank', '    ', 'Give your goal a title.'],
    ['151 characters', 'x'.repeat(151), 'Keep the title to 150 characters or fewer (this one has 151).'],
  ])('rejects a title that is %s', (_label, title, message) => {
    expect(validateGoal({ ...input, title }, context)).toEqual({ ok: false, errors: { title: message } });
  });

  it('accepts a title of exactly 150 characters', () => {
    expect(validateGoal({ ...input, title: 'x'.repeat(150) }, context).ok).toBe(true);
  });

  it.each([
    ['yesterday', '2026-11-22', 'The target date is in the past. Pick today or a later day.'],
    ['five years and a day ahead', '2031-11-24', 'Pick a target date within 5 years (by 2031-11-23).'],
    ['not a date', '2026-02-30', 'Pick a valid date.'],
  ])('rejects a target date %s', (_label, targetDate, message) => {
    expect(validateGoal({ ...input, targetDate }, context)).toEqual({ ok: false, errors: { targetDate: message } });
  });

  it.each([['today', today], ['exactly five years ahead', '2031-11-23']])('accepts a target date %s', (_label, targetDate) => {
    expect(validateGoal({ ...input, targetDate }, context).ok).toBe(true);
  });

  it('does not question a past target date a goal already has when it is edited for something else', () => {
    const current = { targetDate: '2026-11-01', level: 'individual' as const };
    expect(validateGoal({ ...input, targetDate: '2026-11-01' }, { ...context, current }).ok).toBe(true);
    expect(validateGoal({ ...input, targetDate: '2026-11-02' }, { ...context, current })).toMatchObject({ ok: false, errors: { targetDate: expect.any(String) } });
  });

  it('rejects an unknown category and reports every bad field together', () => {
    expect(validateGoal({ ...input, title: '', category: 'vibes', targetDate: '2020-01-01' }, context)).toEqual({
      ok: false,
      errors: {
        title: 'Give your goal a title.',
        category: 'Choose a category: performance, development, stretch.',
        targetDate: 'The target date is in the past. Pick today or a later day.',
      },
    });
  });

  it('rejects an overlong description and note', () => {
    expect(validateGoal({ ...input, description: 'x'.repeat(3001), note: 'y'.repeat(3001) }, context)).toEqual({
      ok: false,
      errors: { description: 'Keep the description to 3,000 characters or fewer.', note: 'Keep the note to 3,000 characters or fewer.' },
    });
  });

  describe('levels, visibility, alignment and weight', () => {
    it('allows only the levels the policy gives the owner, and keeps a level the goal already has', () => {
      expect(validateGoal({ ...input, level: 'company' }, context)).toEqual({ ok: false, errors: { level: 'Only HR admins can own company goals.' } });
      expect(validateGoal({ ...input, level: 'team' }, context)).toMatchObject({ ok: false, errors: { level: expect.stringContaining('lead a team') } });
      expect(validateGoal({ ...input, level: 'team' }, { ...context, allowedLevels: ['team', 'individual'] })).toMatchObject({ ok: true, value: { level: 'team' } });
      expect(validateGoal({ ...input, level: 'team' }, { ...context, current: { targetDate: null, level: 'team' } }).ok).toBe(true);
      expect(validateGoal({ ...input, level: 'galaxy' }, context)).toMatchObject({ ok: false, errors: { level: expect.any(String) } });
    });

    it('takes public or private, nothing else', () => {
      expect(validateGoal({ ...input, visibility: 'public' }, context)).toMatchObject({ ok: true, value: { visibility: 'public' } });
      expect(validateGoal({ ...input, visibility: 'secret' }, context)).toEqual({ ok: false, errors: { visibility: 'Choose who can see this goal.' } });
    });

    it('takes a parent only as a goal id (visibility and loops are checked where the goals are)', () => {
      const parentId = 'b7e4c1a2-0000-4000-8000-000000000001';
      expect(validateGoal({ ...input, parentId }, context)).toMatchObject({ ok: true, value: { parentId } });
      expect(validateGoal({ ...input, parentId: "1' or 1=1" }, context)).toEqual({ ok: false, errors: { parent: 'Pick the goal to align to from the list.' } });
    });

    it.each([['0'], ['-1'], ['101'], ['heavy']])('rejects a weight of %s', (weight) => {
      expect(validateGoal({ ...input, weight }, context)).toEqual({ ok: false, errors: { weight: 'Weight is a number above 0 and at most 100 (1 is the default).' } });
    });

    it('reads a weight typed as a string', () => {
      expect(validateGoal({ ...input, weight: ' 2.5 ' }, context)).toMatchObject({ ok: true, value: { weight: 2.5 } });
    });
  });

  describe('key results', () => {
    it('reads numbers typed as strings, in either direction', () => {
      const result = validateGoal({ ...input, keyResults: [keyResult(), keyResult({ title: 'Weekly active teams', start: '12', target: '40.5', unit: '  ' })] }, context);
      expect(result).toMatchObject({
        ok: true,
        value: {
          keyResults: [
            { id: null, title: 'p95 checkout latency', kind: 'number', start: 450, target: 300, unit: 'ms', weight: 1 },
            { title: 'Weekly active teams', start: 12, target: 40.5, unit: null },
          ],
        },
      });
    });

    it('accepts up to five and refuses a sixth', () => {
      expect(validateGoal({ ...input, keyResults: Array.from({ length: 5 }, () => keyResult()) }, context).ok).toBe(true);
      expect(validateGoal({ ...input, keyResults: Array.from({ length: 6 }, () => keyResult()) }, context)).toEqual({
        ok: false,
        errors: { keyResults: 'A goal has at most 5 key results; remove 1.' },
      });
    });

    it.each([
      ['no title', { title: ' ' }, 'kr.0.title', 'Give this key result a title.'],
      ['an unknown kind', { kind: 'vibes' }, 'kr.0.kind', 'Choose how this key result is measured.'],
      ['no start', { start: null }, 'kr.0.start', 'Enter the value you start from.'],
      ['a start that is not a number', { start: '12abc' }, 'kr.0.start', 'Enter a number, like 12 or 3.5.'],
      ['an exponent', { target: '1e3' }, 'kr.0.target', 'Enter a number, like 12 or 3.5.'],
      ['Infinity', { target: 'Infinity' }, 'kr.0.target', 'Enter a number, like 12 or 3.5.'],
      ['no target', { target: '' }, 'kr.0.target', 'Enter the value you aim for.'],
      ['a target equal to the start', { start: '300', target: '300.0' }, 'kr.0.target', 'The target must differ from the start, or there is nothing to measure.'],
      ['a percentage over 100', { kind: 'percent', start: '40', target: '120' }, 'kr.0.target', 'A percentage is between 0 and 100.'],
      ['a negative percentage', { kind: 'percent', start: '-1', target: '50' }, 'kr.0.start', 'A percentage is between 0 and 100.'],
      ['an enormous number', { target: '10000000000000' }, 'kr.0.target', 'Use a number between -1,000,000,000,000 and 1,000,000,000,000.'],
      ['a long unit', { unit: 'x'.repeat(21) }, 'kr.0.unit', 'Keep the unit to 20 characters or fewer.'],
      ['a zero weight', { weight: '0' }, 'kr.0.weight', 'Weight is a number above 0 and at most 100 (1 is the default).'],
    ])('refuses a key result with %s, keyed to that field of that row', (_label, overrides, key, message) => {
      expect(validateGoal({ ...input, keyResults: [keyResult(), keyResult(overrides)] }, context)).toEqual({
        ok: false,
        errors: { [key.replace('kr.0', 'kr.1')]: message },
      });
    });

    it('gives a yes/no key result 0 → 1 whatever was typed, and percentages no unit', () => {
      const result = validateGoal(
        { ...input, keyResults: [keyResult({ kind: 'yes_no', start: 'x', target: null, unit: 'ms' }), keyResult({ kind: 'percent', start: '40', target: '60', unit: '%' })] },
        context,
      );
      expect(result).toMatchObject({ ok: true, value: { keyResults: [{ kind: 'yes_no', start: 0, target: 1, unit: null }, { kind: 'percent', unit: null }] } });
    });
  });
});
