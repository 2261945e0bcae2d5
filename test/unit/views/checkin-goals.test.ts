import type { ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { validateView } from '../../../sandbox/block-kit/validate';
import { buildViewState } from '../../../sandbox/driver/view-state';
import type { SlackView } from '../../../sandbox';
import { CHECKIN_GOALS_MAX } from '../../../src/domain/checkin';
import type { Goal } from '../../../src/domain/goal';
import type { KeyResult } from '../../../src/domain/key-result';
import { validateProgress } from '../../../src/domain/progress-update';
import type { GoalCard } from '../../../src/services/goal.service';
import { buildCheckinModal } from '../../../src/views/checkin/checkin.modal';
import { checkinErrorBlocks, parseCheckinMetadata, parseCheckinState } from '../../../src/views/checkin/checkin.parse';
import { CheckinBlock as B, checkinGoalBlock, checkinKeyResultBlock } from '../../../src/views/ids';

const uuid = (n: number) => `b7e4c1a2-0000-4000-8000-${String(n).padStart(12, '0')}`;
const weekly = { weekday: 5, time: '15:00', everyWeeks: 1 } as const;

function goal(n: number, overrides: Partial<Goal> = {}): Goal {
  return {
    id: uuid(n),
    workspaceId: 'T1',
    ownerId: 'p1',
    title: `Goal ${n}`,
    description: null,
    category: 'performance',
    level: 'individual',
    parentId: null,
    weight: 1,
    targetDate: null,
    status: 'on_track',
    visibility: 'private',
    progress: 40,
    competencyId: null,
    createdAt: DateTime.utc(2026, 11, 1),
    updatedAt: DateTime.utc(2026, 11, 20),
    ...overrides,
  };
}

const keyResult = (n: number, goalN: number, overrides: Partial<KeyResult> = {}): KeyResult => ({
  id: uuid(1000 + n),
  goalId: uuid(goalN),
  position: n,
  title: `Key result ${n} ${'x'.repeat(140)}`,
  kind: 'number',
  start: 0,
  target: 10,
  current: 4,
  unit: null,
  weight: 1,
  ...overrides,
});

/** The heaviest goal: a long title and five key results, the last one yes/no. */
const fullCard = (n: number): GoalCard => ({
  goal: goal(n, { title: `Goal ${n} ${'y'.repeat(145)}` }),
  keyResults: Array.from({ length: 5 }, (_, i) => keyResult(n * 10 + i, n, i === 4 ? { kind: 'yes_no', start: 0, target: 1, current: 0 } : {})),
  lastChange: undefined,
});

const stateOf = (modal: ModalView, values: Record<string, string | string[] | null>) => buildViewState(modal as unknown as SlackView, values);
const base = { period: '2027-03-12', cadence: weekly, existing: undefined, moreGoals: 0 };

describe('check-in form with goals', () => {
  it('asks about each goal: key result values, status and note, prefilled with what is stored', () => {
    const withKrs: GoalCard = { goal: goal(1), keyResults: [keyResult(1, 1), keyResult(2, 1, { kind: 'yes_no', target: 1, current: 1 })], lastChange: undefined };
    const bare: GoalCard = { goal: goal(2, { status: 'at_risk' }), keyResults: [], lastChange: undefined };
    const modal = buildCheckinModal({ ...base, goals: [withKrs, bare] });
    expect(validateView(modal)).toEqual([]);
    const metadata = parseCheckinMetadata(modal.private_metadata);
    expect(metadata?.goals).toEqual([
      { id: uuid(1), keyResults: [{ id: uuid(1001), yesNo: false }, { id: uuid(1002), yesNo: true }] },
      { id: uuid(2), keyResults: [] },
    ]);

    // Untouched, the form reads back what is stored.
    const untouched = parseCheckinState(stateOf(modal, { [B.Wins]: 'Shipped', [B.Confidence]: '7' }), metadata?.goals);
    expect(untouched.goals).toEqual([
      { goalId: uuid(1), input: { status: 'on_track', note: null, values: [{ keyResultId: uuid(1001), value: '4' }, { keyResultId: uuid(1002), value: '1' }] } },
      { goalId: uuid(2), input: { status: 'at_risk', note: null, values: [] } },
    ]);

    const typed = parseCheckinState(
      stateOf(modal, {
        [checkinKeyResultBlock(uuid(1001))]: '7.5',
        [checkinKeyResultBlock(uuid(1002))]: [],
        [checkinGoalBlock(uuid(1), 'status')]: 'completed',
        [checkinGoalBlock(uuid(1), 'note')]: 'Nearly there',
      }),
      metadata?.goals,
    );
    expect(typed.goals?.[0]).toEqual({
      goalId: uuid(1),
      input: { status: 'completed', note: 'Nearly there', values: [{ keyResultId: uuid(1001), value: '7.5' }, { keyResultId: uuid(1002), value: '0' }] },
    });
  });

  it('asks a goal with neither key results nor aligned goals for its percent, prefilled, and reads it back', () => {
    const reported: GoalCard = { goal: goal(3, { progress: 12.5 }), keyResults: [], lastChange: undefined };
    const modal = buildCheckinModal({ ...base, goals: [reported], reportable: [uuid(3)] });
    expect(validateView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('Progress (%)');
    const metadata = parseCheckinMetadata(modal.private_metadata);
    expect(metadata?.goals).toEqual([{ id: uuid(3), keyResults: [], percent: true }]);
    const untouched = parseCheckinState(stateOf(modal, { [B.Confidence]: '7' }), metadata?.goals);
    expect(untouched.goals).toEqual([{ goalId: uuid(3), input: { status: 'on_track', note: null, values: [], percent: '12.5' } }]);
    const typed = parseCheckinState(stateOf(modal, { [checkinGoalBlock(uuid(3), 'percent')]: '80' }), metadata?.goals);
    expect(typed.goals?.[0]?.input.percent).toBe('80');
  });

  it(`holds ${CHECKIN_GOALS_MAX} of the heaviest goals within Slack's limits and says how many more there are`, () => {
    const modal = buildCheckinModal({ ...base, goals: Array.from({ length: CHECKIN_GOALS_MAX }, (_, i) => fullCard(i + 1)), moreGoals: 3 });
    expect(validateView(modal)).toEqual([]);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(modal.private_metadata?.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(modal.blocks)).toContain('3 more active goals not shown here');
  });

  it('puts each error beside its own field', () => {
    expect(
      checkinErrorBlocks({
        confidence: 'Pick one',
        period: 'Ended',
        [`goal.${uuid(1)}.status`]: 'Choose a status.',
        [`goal.${uuid(1)}.note`]: 'Too long',
        [`goal.${uuid(1)}.kr.${uuid(1001)}`]: 'Enter a number',
        [`goal.${uuid(2)}.percent`]: 'Out of range',
      }),
    ).toEqual({
      [B.Confidence]: 'Pick one',
      [B.Wins]: 'Ended',
      [checkinGoalBlock(uuid(1), 'status')]: 'Choose a status.',
      [checkinGoalBlock(uuid(1), 'note')]: 'Too long',
      [checkinKeyResultBlock(uuid(1001))]: 'Enter a number',
      [checkinGoalBlock(uuid(2), 'percent')]: 'Out of range',
    });
  });
});

describe('progress validation', () => {
  const krs = [keyResult(1, 1), keyResult(2, 1, { kind: 'percent', target: 100 }), keyResult(3, 1, { kind: 'yes_no', target: 1 })];
  const input = (values: Array<[number, string | null]>, overrides: { status?: string | null; note?: string | null } = {}) => ({
    status: 'on_track',
    note: null,
    values: values.map(([n, value]) => ({ keyResultId: uuid(1000 + n), value })),
    ...overrides,
  });

  it('accepts numbers as Slack sends them, and yes/no as 1 or 0', () => {
    expect(validateProgress(krs, input([[1, ' 7.5 '], [2, '100'], [3, '1']]))).toEqual({
      ok: true,
      value: { status: 'on_track', note: null, values: new Map([[uuid(1001), 7.5], [uuid(1002), 100], [uuid(1003), 1]]), percent: null },
    });
  });

  it('takes a percent only for a goal that reports one, between 0 and 100, decimals allowed', () => {
    const withPercent = (percent: string) => ({ ...input([]), percent });
    expect(validateProgress([], withPercent(' 42.5 '), true)).toEqual({ ok: true, value: { status: 'on_track', note: null, values: new Map(), percent: 42.5 } });
    expect(validateProgress([], withPercent('0'), true)).toMatchObject({ ok: true, value: { percent: 0 } });
    expect(validateProgress([], withPercent('120'), true)).toEqual({ ok: false, errors: { percent: 'A percentage is between 0 and 100.' } });
    expect(validateProgress([], withPercent('-1'), true)).toEqual({ ok: false, errors: { percent: 'A percentage is between 0 and 100.' } });
    expect(validateProgress([], withPercent('lots'), true)).toEqual({ ok: false, errors: { percent: 'Enter a number, like 12 or 3.5.' } });
    expect(validateProgress([], withPercent(''), true)).toEqual({ ok: false, errors: { percent: 'Enter how far along this goal is, from 0 to 100.' } });
    // A goal that takes its progress from elsewhere ignores one.
    expect(validateProgress(krs, withPercent('120'))).toMatchObject({ ok: true, value: { percent: null } });
  });

  it.each([
    ['a word for a number', [[1, 'seven']], `kr.${uuid(1001)}`, 'Enter a number, like 12 or 3.5.'],
    ['an empty number', [[1, '']], `kr.${uuid(1001)}`, 'Enter where this key result stands now.'],
    ['a percentage above 100', [[2, '101']], `kr.${uuid(1002)}`, 'A percentage is between 0 and 100.'],
    ['a negative percentage', [[2, '-1']], `kr.${uuid(1002)}`, 'A percentage is between 0 and 100.'],
  ] as Array<[string, Array<[number, string]>, string, string]>)('refuses %s', (_label, values, key, message) => {
    expect(validateProgress(krs, input(values))).toEqual({ ok: false, errors: { [key]: message } });
  });

  it('refuses an unknown status and an overlong note, and ignores key results the goal no longer has', () => {
    expect(validateProgress(krs, input([[9, 'x']], { status: 'finished', note: 'n'.repeat(3001) }))).toEqual({
      ok: false,
      errors: { status: 'Choose a status.', note: 'Keep the note to 3,000 characters or fewer.' },
    });
  });
});
