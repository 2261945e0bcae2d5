import type { DateTime } from 'luxon';
import type { Goal, ValidGoal } from './goal';
import type { KeyResult, KeyResultKind, ValidKeyResult } from './key-result';
import type { Person } from './person';

/**
 * A goal's history: every change with who made it, when, and the note they left. Check-ins,
 * self-assessments and reviews cite these entries as evidence, so they say exactly what changed.
 */

export type GoalEventKind = 'created' | 'edited' | 'progress' | 'aligned';

/** Goal fields whose changes the history records. `parent` holds goal ids, resolved when read. */
export type HistoryField = 'title' | 'description' | 'category' | 'level' | 'visibility' | 'targetDate' | 'weight' | 'parent' | 'status' | 'progress';
export type FieldValue = string | number | null;

export type KeyResultDefinitionField = 'title' | 'kind' | 'start' | 'target' | 'unit' | 'weight';

export type GoalChange =
  /** The description's text is not repeated here: "changed the description" is what people read. */
  | { type: 'field'; field: HistoryField; from: FieldValue; to: FieldValue }
  | { type: 'kr_value'; title: string; kind: KeyResultKind; unit: string | null; from: number; to: number }
  | { type: 'kr_added'; title: string }
  | { type: 'kr_removed'; title: string }
  | { type: 'kr_edited'; title: string; changes: Array<{ field: KeyResultDefinitionField; from: FieldValue; to: FieldValue }> };

/** Who made a change: enough to name them, or null once they are gone from Cadence. */
export type HistoryActor = Pick<Person, 'id' | 'slackUserId' | 'name' | 'realName' | 'erased'>;

export interface GoalEvent {
  id: number;
  goalId: string;
  actor: HistoryActor | null;
  kind: GoalEventKind;
  changes: GoalChange[];
  note: string | null;
  at: DateTime;
}

export interface NewGoalEvent {
  goalId: string;
  workspaceId: string;
  actorId: string;
  kind: GoalEventKind;
  changes: GoalChange[];
  note: string | null;
}

type GoalFields = Pick<Goal, 'title' | 'description' | 'category' | 'level' | 'visibility' | 'targetDate' | 'weight' | 'parentId'>;

const FIELD_OF: ReadonlyArray<[HistoryField, keyof GoalFields]> = [
  ['title', 'title'],
  ['description', 'description'],
  ['category', 'category'],
  ['level', 'level'],
  ['visibility', 'visibility'],
  ['targetDate', 'targetDate'],
  ['weight', 'weight'],
  ['parent', 'parentId'],
];

export function fieldChange(field: HistoryField, from: FieldValue, to: FieldValue): GoalChange[] {
  if (from === to) return [];
  return [field === 'description' ? { type: 'field', field, from: null, to: null } : { type: 'field', field, from, to }];
}

/** What an edit changes in the goal's own fields. */
export function diffGoalFields(before: GoalFields, after: Pick<ValidGoal, 'title' | 'description' | 'category' | 'level' | 'visibility' | 'targetDate' | 'weight' | 'parentId'>): GoalChange[] {
  const next: GoalFields = { ...after };
  return FIELD_OF.flatMap(([field, key]) => fieldChange(field, before[key], next[key]));
}

const DEFINITION: readonly KeyResultDefinitionField[] = ['title', 'kind', 'start', 'target', 'unit', 'weight'];

/**
 * What an edit changes in the key results: added, removed, or redefined (matched by id). Moving
 * a current value is a progress update, recorded by `valueChanges`.
 */
export function diffKeyResults(before: readonly KeyResult[], after: readonly ValidKeyResult[]): GoalChange[] {
  const kept = new Set(after.flatMap((kr) => (kr.id ? [kr.id] : [])));
  const changes: GoalChange[] = before.filter((kr) => !kept.has(kr.id)).map((kr) => ({ type: 'kr_removed', title: kr.title }));
  for (const kr of after) {
    const old = kr.id ? before.find((b) => b.id === kr.id) : undefined;
    if (!old) {
      changes.push({ type: 'kr_added', title: kr.title });
      continue;
    }
    const edits = DEFINITION.filter((field) => old[field] !== kr[field]).map((field) => ({ field, from: old[field], to: kr[field] }));
    if (edits.length > 0) changes.push({ type: 'kr_edited', title: kr.title, changes: edits });
  }
  return changes;
}

/** Key results whose current value moves. */
export function valueChanges(keyResults: readonly KeyResult[], values: ReadonlyMap<string, number>): GoalChange[] {
  return keyResults.flatMap((kr): GoalChange[] => {
    const to = values.get(kr.id);
    return to === undefined || to === kr.current ? [] : [{ type: 'kr_value', title: kr.title, kind: kr.kind, unit: kr.unit, from: kr.current, to }];
  });
}
