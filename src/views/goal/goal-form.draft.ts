import { z } from 'zod';
import type { FieldErrors, GoalErrorKey, GoalInput } from '../../domain/goal';
import { KEY_RESULT_KINDS, type KeyResultKind, MAX_KEY_RESULTS } from '../../domain/key-result';
import type { GoalDetail } from '../../services/goal.service';
import { GoalBlock, keyResultBlock, type KeyResultFormField } from '../ids';
import { readFormState } from '../state';

/**
 * The goal form as the person has filled it in so far. Slack modals cannot add inputs on the
 * client, so "Add key result", "Remove" and changing a key result's kind rebuild the form from
 * this draft (views.update), keeping what was typed; the submission is read the same way.
 */
export interface KeyResultDraft {
  /** The row's own key: block ids stay the same while the form is open, so Slack keeps what is typed. */
  key: number;
  /** The stored key result this row edits; null for a new one. */
  id: string | null;
  title: string;
  kind: KeyResultKind;
  start: string;
  target: string;
  unit: string;
  weight: string;
}

export interface GoalDraft {
  /** The goal being edited; null for a new one. */
  goalId: string | null;
  title: string;
  description: string;
  category: string | null;
  level: string | null;
  visibility: string | null;
  targetDate: string | null;
  /** A goal id, NO_PARENT or null when nothing is picked. */
  parent: string | null;
  weight: string;
  note: string;
  /** A competency id, NO_COMPETENCY or null when nothing is picked. */
  competency: string | null;
  keyResults: KeyResultDraft[];
  /** The key the next new row gets. */
  nextKey: number;
}

/** The parent option meaning "aligned to nothing": a static select cannot be emptied once chosen. */
export const NO_PARENT = 'none';
/** The competency option meaning "not a development goal". */
export const NO_COMPETENCY = 'none';

/** What the form keeps in private_metadata between rebuilds: which rows exist and what they edit. */
const metadataSchema = z.object({
  goalId: z.uuid().nullable(),
  rows: z.array(z.object({ key: z.number().int().min(0).max(10_000), id: z.uuid().nullable() })).max(MAX_KEY_RESULTS + 1),
  nextKey: z.number().int().min(0).max(10_000),
});
type FormMetadata = z.infer<typeof metadataSchema>;

export function formMetadata(draft: GoalDraft): string {
  const metadata: FormMetadata = { goalId: draft.goalId, rows: draft.keyResults.map(({ key, id }) => ({ key, id })), nextKey: draft.nextKey };
  return JSON.stringify(metadata);
}

/** Reads private_metadata back; anything malformed (a crafted request) reads as a new, empty form. */
function readMetadata(raw: string): FormMetadata {
  try {
    return metadataSchema.parse(JSON.parse(raw));
  } catch {
    return { goalId: null, rows: [], nextKey: 0 };
  }
}

/** Numbers as plain decimals (never 1e-7), so number_input accepts them as initial values. */
export const decimalText = (value: number): string => value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 10 });

export function newDraft(): GoalDraft {
  return {
    goalId: null,
    title: '',
    description: '',
    category: 'performance',
    level: 'individual',
    visibility: 'private',
    targetDate: null,
    parent: null,
    weight: '',
    note: '',
    competency: null,
    keyResults: [],
    nextKey: 0,
  };
}

/** The edit form of a stored goal, filled in with what it is now. */
export function draftFromGoal(detail: GoalDetail): GoalDraft {
  const { goal } = detail;
  return {
    goalId: goal.id,
    title: goal.title,
    description: goal.description ?? '',
    category: goal.category,
    level: goal.level,
    visibility: goal.visibility,
    targetDate: goal.targetDate,
    parent: goal.parentId ?? NO_PARENT,
    weight: goal.weight === 1 ? '' : decimalText(goal.weight),
    note: '',
    competency: goal.competencyId ?? NO_COMPETENCY,
    keyResults: detail.keyResults.map((kr, key) => ({
      key,
      id: kr.id,
      title: kr.title,
      kind: kr.kind,
      start: kr.kind === 'yes_no' ? '' : decimalText(kr.start),
      target: kr.kind === 'yes_no' ? '' : decimalText(kr.target),
      unit: kr.unit ?? '',
      weight: kr.weight === 1 ? '' : decimalText(kr.weight),
    })),
    nextKey: detail.keyResults.length,
  };
}

const isKind = (value: string | null): value is KeyResultKind => (KEY_RESULT_KINDS as readonly string[]).includes(value ?? '');

/** The form as submitted, or as it stood when a button inside it was pressed. */
export function draftFromState(values: unknown, privateMetadata: string): GoalDraft {
  const state = readFormState(values);
  const metadata = readMetadata(privateMetadata);
  const text = (blockId: string) => state.text(blockId) ?? '';
  return {
    goalId: metadata.goalId,
    title: text(GoalBlock.Title),
    description: text(GoalBlock.Description),
    category: state.option(GoalBlock.Category),
    level: state.option(GoalBlock.Level),
    visibility: state.option(GoalBlock.Visibility),
    targetDate: state.date(GoalBlock.TargetDate),
    parent: state.option(GoalBlock.Parent),
    weight: text(GoalBlock.Weight),
    note: text(GoalBlock.Note),
    competency: state.option(GoalBlock.Competency),
    keyResults: metadata.rows.map(({ key, id }) => {
      const kind = state.option(keyResultBlock(key, 'kind'));
      return {
        key,
        id,
        title: text(keyResultBlock(key, 'title')),
        kind: isKind(kind) ? kind : 'number',
        start: text(keyResultBlock(key, 'start')),
        target: text(keyResultBlock(key, 'target')),
        unit: text(keyResultBlock(key, 'unit')),
        weight: text(keyResultBlock(key, 'weight')),
      };
    }),
    nextKey: metadata.nextKey,
  };
}

export function addKeyResultRow(draft: GoalDraft): GoalDraft {
  if (draft.keyResults.length >= MAX_KEY_RESULTS) return draft;
  const row: KeyResultDraft = { key: draft.nextKey, id: null, title: '', kind: 'number', start: '', target: '', unit: '', weight: '' };
  return { ...draft, keyResults: [...draft.keyResults, row], nextKey: draft.nextKey + 1 };
}

export function removeKeyResultRow(draft: GoalDraft, key: number): GoalDraft {
  return { ...draft, keyResults: draft.keyResults.filter((row) => row.key !== key) };
}

/** The draft as the domain reads it: text as typed, the rules are the domain's job. */
export function draftToInput(draft: GoalDraft): GoalInput {
  const orNull = (text: string) => (text.trim() === '' ? null : text);
  return {
    title: draft.title,
    description: orNull(draft.description),
    category: draft.category,
    targetDate: draft.targetDate,
    level: draft.level,
    visibility: draft.visibility,
    parentId: draft.parent === NO_PARENT ? null : draft.parent,
    weight: orNull(draft.weight),
    note: orNull(draft.note),
    // Absent from the form (no competency to offer): left as it is.
    ...(draft.competency === null ? {} : { competencyId: draft.competency === NO_COMPETENCY ? null : draft.competency }),
    keyResults: draft.keyResults.map((kr) => ({
      id: kr.id,
      title: kr.title,
      kind: kr.kind,
      start: orNull(kr.start),
      target: orNull(kr.target),
      unit: orNull(kr.unit),
      weight: orNull(kr.weight),
    })),
  };
}

const FIELD_BLOCKS: Record<Exclude<GoalErrorKey, `kr.${string}` | 'keyResults'>, string> = {
  title: GoalBlock.Title,
  description: GoalBlock.Description,
  category: GoalBlock.Category,
  level: GoalBlock.Level,
  visibility: GoalBlock.Visibility,
  targetDate: GoalBlock.TargetDate,
  parent: GoalBlock.Parent,
  weight: GoalBlock.Weight,
  note: GoalBlock.Note,
  competency: GoalBlock.Competency,
};

/**
 * Where each error shows in the form. Key result errors are by position; the rows say which
 * blocks those are. An error whose block is not in the form lands on the title, never lost.
 */
export function goalFormErrors(errors: FieldErrors<GoalErrorKey>, draft: GoalDraft, inputBlocks: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (blockId: string | undefined, message: string) => {
    const target = blockId && inputBlocks.has(blockId) ? blockId : GoalBlock.Title;
    out[target] = out[target] ? `${out[target]} ${message}` : message;
  };
  for (const [key, message] of Object.entries(errors) as Array<[GoalErrorKey, string | undefined]>) {
    if (!message) continue;
    const kr = /^kr\.(\d+)\.(\w+)$/.exec(key);
    if (kr) {
      const row = draft.keyResults[Number(kr[1])];
      put(row && keyResultBlock(row.key, kr[2] as KeyResultFormField), message);
    } else if (key === 'keyResults') {
      const last = draft.keyResults.at(-1);
      put(last && keyResultBlock(last.key, 'title'), message);
    } else {
      put(FIELD_BLOCKS[key as keyof typeof FIELD_BLOCKS], message);
    }
  }
  return out;
}
