import type { GoalStatus } from './goal';
import type { KeyResult } from './key-result';

/**
 * Progress arithmetic, pure. Every value is a percentage, 0..100, rounded down, never to nearest:
 * 999,999 of 1,000,000 must not be stored (and shown) as 100, done before it is.
 */

const STEPS = 1e6;

/**
 * Down to a millionth of a percent, far finer than any display, so that 999,999,999,999 of
 * 10^12 stays below 100. The nudge absorbs float noise: 29 of 100 computes as 28.999999999999996.
 */
const roundDown = (value: number): number => Math.floor(value * STEPS + 1e-6) / STEPS;

const clamp = (value: number): number => Math.min(100, Math.max(0, value));

/**
 * The share of the distance from start to target that is covered, in either direction (a target
 * below the start means lower is better), clamped: overshooting is 100, going backwards is 0.
 */
export function keyResultProgress(kr: Pick<KeyResult, 'kind' | 'start' | 'target' | 'current'>): number {
  return roundDown(exactProgress(kr));
}

/** Means are taken of exact values and rounded once, so a goal's progress is not off by a rounding. */
function exactProgress(kr: Pick<KeyResult, 'kind' | 'start' | 'target' | 'current'>): number {
  if (kr.kind === 'yes_no') return kr.current >= 1 ? 100 : 0;
  const distance = kr.target - kr.start;
  // Validation forbids start = target; should one slip in, reaching the target is all there is.
  if (distance === 0) return kr.current === kr.target ? 100 : 0;
  return clamp(((kr.current - kr.start) / distance) * 100);
}

export interface Weighted {
  weight: number;
  progress: number;
}

/** The weighted mean, or undefined when there is nothing (or nothing of weight) to average. */
export function weightedMean(items: readonly Weighted[]): number | undefined {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  if (total <= 0) return undefined;
  return roundDown(clamp(items.reduce((sum, item) => sum + item.weight * item.progress, 0) / total));
}

/** Counts towards its parent: archived goals are out of the picture. */
const countsTowardsParent = (status: GoalStatus): boolean => status !== 'archived';

/** A goal as its progress sees it. */
export interface ProgressNode {
  id: string;
  parentId: string | null;
  status: GoalStatus;
  weight: number;
  progress: number;
  keyResults: ReadonlyArray<Pick<KeyResult, 'kind' | 'start' | 'target' | 'current' | 'weight'>>;
  /** The owner's own percent; counts only for a goal with no key results and no aligned goals. */
  reportedProgress?: number | null;
}

/**
 * A goal's progress: the weighted mean of its key results; without key results, 100 once it is
 * completed, else the weighted mean of its aligned goals that are not archived; with neither, the
 * percent its owner reported, or 0.
 */
export function goalProgress(
  node: Pick<ProgressNode, 'status' | 'keyResults' | 'reportedProgress'>,
  children: ReadonlyArray<Pick<ProgressNode, 'status' | 'weight' | 'progress'>>,
): number {
  if (node.keyResults.length > 0) {
    return weightedMean(node.keyResults.map((kr) => ({ weight: kr.weight, progress: exactProgress(kr) }))) ?? 0;
  }
  if (node.status === 'completed') return 100;
  const counted = children.filter((child) => countsTowardsParent(child.status));
  if (counted.length > 0) return weightedMean(counted) ?? 0;
  return roundDown(clamp(node.reportedProgress ?? 0));
}

/** Whether a goal takes its progress from a percent its owner reports: nothing else to take it from. */
export const takesReportedProgress = (keyResults: number, countedChildren: number): boolean => keyResults === 0 && countedChildren === 0;

/** Deeper than any real alignment tree; a guard should a loop ever reach the data. */
const MAX_DEPTH = 50;

/**
 * Recomputes the goals that changed and every goal above them. `nodes` holds those goals, their
 * ancestors and the children of each (with their stored progress); `changed` names the goals whose
 * own inputs changed, including a moved goal's old parent. Returns the new progress of every goal
 * recomputed, whether or not it moved.
 */
export function rollUp(nodes: readonly ProgressNode[], changed: readonly string[]): Map<string, number> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const childrenOf = new Map<string, ProgressNode[]>();
  for (const node of nodes) {
    if (node.parentId) childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node]);
  }
  const progress = new Map<string, number>();
  const current = (node: ProgressNode) => ({ ...node, progress: progress.get(node.id) ?? node.progress });

  // Each chain runs to the top, so a shared ancestor is computed last with every change below it known.
  for (const start of changed) {
    let node = byId.get(start);
    const seen = new Set<string>();
    while (node && !seen.has(node.id) && seen.size < MAX_DEPTH) {
      seen.add(node.id);
      progress.set(node.id, goalProgress(node, (childrenOf.get(node.id) ?? []).map(current)));
      node = node.parentId ? byId.get(node.parentId) : undefined;
    }
  }
  return progress;
}
