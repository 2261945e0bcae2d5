import { validateNewGoal } from '../../../src/domain/goal';

const today = '2026-11-23';
const input = { title: 'Ship the billing revamp', description: null, category: 'performance', targetDate: '2027-03-31' };

describe('validateNewGoal', () => {
  it('accepts a complete goal and trims what was typed', () => {
    expect(validateNewGoal({ ...input, title: '  Ship it  ', description: '  why  ' }, today)).toEqual({
      ok: true,
      value: { title: 'Ship it', description: 'why', category: 'performance', targetDate: '2027-03-31' },
    });
  });

  it('allows no target date and no description', () => {
    expect(validateNewGoal({ ...input, targetDate: null, description: '   ' }, today)).toMatchObject({
      ok: true,
      value: { targetDate: null, description: null },
    });
  });

  it.each([
    ['empty', '', 'Give your goal a title.'],
    ['blank', '    ', 'Give your goal a title.'],
    ['151 characters', 'x'.repeat(151), 'Keep the title to 150 characters or fewer (this one has 151).'],
  ])('rejects a title that is %s', (_label, title, message) => {
    expect(validateNewGoal({ ...input, title }, today)).toEqual({ ok: false, errors: { title: message } });
  });

  it('accepts a title of exactly 150 characters', () => {
    expect(validateNewGoal({ ...input, title: 'x'.repeat(150) }, today).ok).toBe(true);
  });

  it.each([
    ['yesterday', '2026-11-22', 'The target date is in the past. Pick today or a later day.'],
    ['five years and a day ahead', '2031-11-24', 'Pick a target date within 5 years (by 2031-11-23).'],
    ['not a date', '2026-02-30', 'Pick a valid date.'],
  ])('rejects a target date %s', (_label, targetDate, message) => {
    expect(validateNewGoal({ ...input, targetDate }, today)).toEqual({ ok: false, errors: { targetDate: message } });
  });

  it.each([['today', today], ['exactly five years ahead', '2031-11-23']])('accepts a target date %s', (_label, targetDate) => {
    expect(validateNewGoal({ ...input, targetDate }, today).ok).toBe(true);
  });

  it('rejects an unknown category and reports every bad field together', () => {
    expect(validateNewGoal({ ...input, title: '', category: 'vibes', targetDate: '2020-01-01' }, today)).toEqual({
      ok: false,
      errors: {
        title: 'Give your goal a title.',
        category: 'Choose a category: performance, development, stretch.',
        targetDate: 'The target date is in the past. Pick today or a later day.',
      },
    });
  });

  it('rejects an overlong description', () => {
    expect(validateNewGoal({ ...input, description: 'x'.repeat(3001) }, today)).toEqual({
      ok: false,
      errors: { description: 'Keep the description to 3,000 characters or fewer.' },
    });
  });
});
