import type { KeyResult } from '../../../src/domain/key-result';
import { goalProgress, keyResultProgress, type ProgressNode, rollUp, weightedMean } from '../../../src/domain/progress';

type KrValues = Pick<KeyResult, 'kind' | 'start' | 'target' | 'current' | 'weight'>;
const kr = (start: number, target: number, current: number, weight = 1): KrValues => ({ kind: 'number', start, target, current, weight });
const yesNo = (done: boolean, weight = 1): KrValues => ({ kind: 'yes_no', start: 0, target: 1, current: done ? 1 : 0, weight });

function node(id: string, overrides: Partial<ProgressNode> = {}): ProgressNode {
  return { id, parentId: null, status: 'on_track', weight: 1, progress: 0, keyResults: [], ...overrides };
}

describe('key result progress', () => {
  it.each([
    ['halfway up', kr(0, 10, 5), 50],
    ['at the start', kr(20, 40, 20), 0],
    ['at the target', kr(20, 40, 40), 100],
    ['a third of the way, rounded down', kr(0, 3, 1), 33.333333],
    ['29 of 100, whatever the float arithmetic makes of it', kr(0, 100, 29), 29],
    ['from a negative start', kr(-10, 10, 0), 50],
  ])('measures an increasing key result %s', (_label, values, expected) => {
    expect(keyResultProgress(values)).toBe(expected);
  });

  it.each([
    ['latency from 450 to 300 ms, now 380', kr(450, 300, 380), 46.666666],
    ['costs from 100 to 0, now 25', kr(100, 0, 25), 75],
    ['at the target', kr(450, 300, 300), 100],
  ])('measures a decreasing ("lower is better") key result: %s', (_label, values, expected) => {
    expect(keyResultProgress(values)).toBe(expected);
  });

  it.each([
    ['overshooting an increasing target', kr(0, 10, 15), 100],
    ['falling below an increasing start', kr(10, 20, 5), 0],
    ['overshooting a decreasing target', kr(450, 300, 250), 100],
    ['rising above a decreasing start', kr(450, 300, 500), 0],
  ])('clamps to 0..100 when %s', (_label, values, expected) => {
    expect(keyResultProgress(values)).toBe(expected);
  });

  it('never reaches 100 before the target does', () => {
    expect(keyResultProgress(kr(0, 1_000_000, 999_999))).toBeLessThan(100);
    expect(keyResultProgress(kr(0, 1e12, 1e12 - 1))).toBeLessThan(100);
    expect(goalProgress(node('g', { keyResults: [kr(0, 1_000_000, 999_999), kr(0, 10, 10)] }), [])).toBeLessThan(100);
    expect(goalProgress(node('g', { reportedProgress: 99.9999999 }), [])).toBeLessThan(100);
  });

  it('counts a yes/no key result as 0 or 100', () => {
    expect(keyResultProgress(yesNo(false))).toBe(0);
    expect(keyResultProgress(yesNo(true))).toBe(100);
  });

  it('percent key results move like numbers', () => {
    expect(keyResultProgress({ kind: 'percent', start: 40, target: 60, current: 45 })).toBe(25);
  });

  it('treats a key result whose start equals its target (never stored) as done only on the target', () => {
    expect(keyResultProgress(kr(5, 5, 5))).toBe(100);
    expect(keyResultProgress(kr(5, 5, 4))).toBe(0);
  });
});

describe('weighted means', () => {
  it('weighs each item', () => {
    expect(weightedMean([{ weight: 1, progress: 0 }, { weight: 3, progress: 100 }])).toBe(75);
    expect(weightedMean([{ weight: 2, progress: 50 }, { weight: 2, progress: 70 }])).toBe(60);
  });

  it('has nothing to say about nothing', () => {
    expect(weightedMean([])).toBeUndefined();
  });

  it("is a goal's progress from its key results, each with its weight", () => {
    expect(goalProgress(node('g', { keyResults: [kr(0, 10, 10, 1), kr(0, 10, 0, 3)] }), [])).toBe(25);
    expect(goalProgress(node('g', { keyResults: [yesNo(true), kr(0, 4, 1)] }), [])).toBe(62.5);
  });

  it('uses key results over aligned goals when a goal has both', () => {
    expect(goalProgress(node('g', { keyResults: [kr(0, 10, 2)] }), [node('c', { progress: 90 })])).toBe(20);
  });

  it('uses the aligned goals, weighted, when a goal has no key results', () => {
    expect(goalProgress(node('g'), [node('a', { progress: 100, weight: 1 }), node('b', { progress: 40, weight: 2 })])).toBe(60);
  });

  it('leaves archived aligned goals out, but not deferred ones', () => {
    const children = [node('a', { progress: 100 }), node('b', { progress: 0, status: 'archived' }), node('c', { progress: 50, status: 'deferred' })];
    expect(goalProgress(node('g'), children)).toBe(75);
  });

  it('sets a completed goal without key results to 100, and one with key results stays measured', () => {
    expect(goalProgress(node('g', { status: 'completed' }), [node('a', { progress: 10 })])).toBe(100);
    expect(goalProgress(node('g', { status: 'completed', keyResults: [kr(0, 10, 5)] }), [])).toBe(50);
  });

  it('is 0 with neither key results nor aligned goals', () => {
    expect(goalProgress(node('g'), [])).toBe(0);
    expect(goalProgress(node('g'), [node('a', { status: 'archived', progress: 80 })])).toBe(0);
  });

  it('uses the percent its owner reported when a goal has neither key results nor aligned goals', () => {
    expect(goalProgress(node('g', { reportedProgress: 37.5 }), [])).toBe(37.5);
    expect(goalProgress(node('g', { reportedProgress: 37.5 }), [node('a', { status: 'archived', progress: 80 })])).toBe(37.5);
    expect(goalProgress(node('g', { reportedProgress: null }), [])).toBe(0);
  });

  it('ignores a reported percent once the goal has key results or aligned goals, or is completed', () => {
    expect(goalProgress(node('g', { reportedProgress: 90, keyResults: [kr(0, 10, 2)] }), [])).toBe(20);
    expect(goalProgress(node('g', { reportedProgress: 90 }), [node('a', { progress: 30 })])).toBe(30);
    expect(goalProgress(node('g', { reportedProgress: 40, status: 'completed' }), [])).toBe(100);
  });
});

describe('roll-up through the alignment tree', () => {
  //   company
  //   ├── team A ── alice (KR 0→10), bob (KR 0→10, weight 3)
  //   └── team B ── carol (KR yes/no)
  const tree = (overrides: Record<string, Partial<ProgressNode>> = {}): ProgressNode[] =>
    [
      node('company', { progress: 10 }),
      node('teamA', { parentId: 'company', progress: 20 }),
      node('teamB', { parentId: 'company', progress: 0 }),
      node('alice', { parentId: 'teamA', keyResults: [kr(0, 10, 4)], progress: 0 }),
      node('bob', { parentId: 'teamA', weight: 3, keyResults: [kr(0, 10, 8)], progress: 0 }),
      node('carol', { parentId: 'teamB', keyResults: [yesNo(true)], progress: 0 }),
    ].map((n) => ({ ...n, ...overrides[n.id] }));

  it('recomputes a changed goal and every goal above it, nested', () => {
    const nodes = tree({ bob: { progress: 80 } });
    const progress = rollUp(nodes, ['alice']);
    // alice 40; team A = (40·1 + 80·3) / 4 = 70; company = (70 + 0) / 2 = 35
    expect(Object.fromEntries(progress)).toEqual({ alice: 40, teamA: 70, company: 35 });
  });

  it('computes shared ancestors with every change below them known, whatever the order', () => {
    const nodes = tree();
    const expected = { alice: 40, bob: 80, teamA: 70, carol: 100, teamB: 100, company: 85 };
    expect(Object.fromEntries(rollUp(nodes, ['alice', 'bob', 'carol']))).toEqual(expected);
    expect(Object.fromEntries(rollUp(nodes, ['carol', 'bob', 'alice']))).toEqual(expected);
  });

  it('leaves an archived goal out of its parent and everything above', () => {
    const nodes = tree({ alice: { progress: 40 }, bob: { progress: 80, status: 'archived' }, carol: { progress: 100 }, teamB: { progress: 100 } });
    const progress = rollUp(nodes, ['bob']);
    // team A counts alice only: 40; company = (40 + 100) / 2 = 70
    expect(progress.get('teamA')).toBe(40);
    expect(progress.get('company')).toBe(70);
  });

  it('recomputes both the old and the new parent when a goal moves', () => {
    // carol (100%) moves from team B to team A; team B is left with nothing.
    const nodes = tree({ alice: { progress: 40 }, bob: { progress: 80 }, carol: { progress: 100, parentId: 'teamA' } });
    const progress = rollUp(nodes, ['carol', 'teamB']);
    // team A = (40 + 80·3 + 100) / 5 = 76; team B = 0; company = (76 + 0) / 2 = 38
    expect(progress.get('teamA')).toBe(76);
    expect(progress.get('teamB')).toBe(0);
    expect(progress.get('company')).toBe(38);
  });

  it('rolls a reported percent up into the goals above', () => {
    const nodes = tree({ teamA: { progress: 70 }, carol: { keyResults: [], reportedProgress: 60, progress: 100 }, teamB: { progress: 100 } });
    const progress = rollUp(nodes, ['carol']);
    // carol 60; team B = 60; company = (70 + 60) / 2 = 65
    expect(Object.fromEntries(progress)).toEqual({ carol: 60, teamB: 60, company: 65 });
  });

  it('stops at a loop instead of spinning, should one ever reach the data', () => {
    const nodes = [node('a', { parentId: 'b', keyResults: [kr(0, 10, 5)] }), node('b', { parentId: 'a' })];
    expect(Object.fromEntries(rollUp(nodes, ['a']))).toEqual({ a: 50, b: 50 });
  });
});
