import type { ActionsBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { GOAL_CATEGORIES, GOAL_LEVELS, GOAL_LIMITS, type Goal, type GoalLevel } from '../../domain/goal';
import { KEY_RESULT_KINDS, KEY_RESULT_LIMITS, MAX_KEY_RESULTS, parseDecimal } from '../../domain/key-result';
import { smartHints } from '../../domain/smart-hints';
import type { GoalFormOptions } from '../../services/goal.service';
import { context, divider, plain, section, truncate } from '../blocks';
import { CATEGORY_LABELS } from '../format';
import { CallbackId, GoalAction, GoalBlock, keyResultBlock } from '../ids';
import { input, option, staticSelect } from '../inputs';
import { decimalText, formMetadata, type GoalDraft, type KeyResultDraft, newDraft, NO_COMPETENCY, NO_PARENT } from './goal-form.draft';
import { hintLines, KIND_LABELS, LEVEL_LABELS } from './goal.format';

/** Slack's cap on a select's options. */
const MAX_OPTIONS = 100;

export const WHO_SEES_GOALS = ':lock: Who sees this goal: when private, you, your manager and HR admins; when public, everyone in the workspace. Its key results and history are seen by the same people.';

const visibilityOptions = [
  option('Private: you, your manager and HR admins', 'private'),
  option('Public: everyone in the workspace', 'public'),
];

/** Numbers Slack's number_input takes as initial values: plain decimals, or none at all. */
function numberInput(initial: string) {
  const value = parseDecimal(initial);
  return { type: 'number_input' as const, is_decimal_allowed: true, ...(typeof value === 'number' ? { initial_value: decimalText(value) } : {}) };
}

function textInput(initial: string, maxLength: number, extra: { multiline?: boolean; placeholder?: string } = {}) {
  return {
    type: 'plain_text_input' as const,
    max_length: maxLength,
    ...(extra.multiline ? { multiline: true } : {}),
    ...(extra.placeholder ? { placeholder: plain(extra.placeholder) } : {}),
    ...(initial ? { initial_value: initial } : {}),
  };
}

/**
 * The goals to align to, grouped by level, with "Not aligned" first. The current parent stays
 * pickable, unnamed, when it is not among them (hidden from the reader, or archived).
 */
function parentSelect(parent: string | null, parents: readonly Goal[]) {
  const none = option('Not aligned', NO_PARENT);
  const listed = parents.slice(0, MAX_OPTIONS - 2);
  const groups = GOAL_LEVELS.map((level) => ({
    label: plain(`${LEVEL_LABELS[level]} goals`),
    options: listed.filter((goal) => goal.level === level).map((goal) => option(truncate(goal.title, 75), goal.id)),
  })).filter((group) => group.options.length > 0);
  const current = parent && parent !== NO_PARENT && !listed.some((goal) => goal.id === parent) ? option('Its current alignment', parent) : undefined;
  const first = { label: plain('None'), options: current ? [none, current] : [none] };
  const all: PlainTextOption[] = [...first.options, ...groups.flatMap((group) => group.options)];
  const initial = all.find((o) => o.value === parent);
  return { type: 'static_select' as const, option_groups: [first, ...groups], placeholder: plain('Pick a goal'), ...(initial ? { initial_option: initial } : {}) };
}

/**
 * The competency a development goal builds, from those for the owner, "None" first. A competency
 * the goal has that is no longer offered (its team changed) stays pickable, unnamed.
 */
function competencySelect(chosen: string | null, competencies: GoalFormOptions['competencies']) {
  const listed = competencies.slice(0, MAX_OPTIONS - 2).map((c) => option(truncate(c.name, 75), c.id));
  const current = chosen && chosen !== NO_COMPETENCY && !listed.some((o) => o.value === chosen) ? [option('Its current competency', chosen)] : [];
  return staticSelect([option('None', NO_COMPETENCY), ...current, ...listed], chosen ?? NO_COMPETENCY);
}

/** Where a goal counts towards, and how much: in the goal form and in the align form. */
export function alignmentInputs(parent: string | null, weight: string, parents: readonly Goal[]): KnownBlock[] {
  return [
    input(GoalBlock.Parent, 'Aligns to', parentSelect(parent, parents), { optional: true, hint: 'The goal this one counts towards. Its progress rolls up there.' }),
    input(GoalBlock.Weight, 'Weight', numberInput(weight), {
      optional: true,
      hint: 'How much this goal counts among the goals aligned to the same one (1 unless you say otherwise).',
    }),
  ];
}

const kindOptions = KEY_RESULT_KINDS.map((kind) => option(KIND_LABELS[kind], kind));

function keyResultRow(row: KeyResultDraft, index: number): KnownBlock[] {
  const block = (field: Parameters<typeof keyResultBlock>[1]) => keyResultBlock(row.key, field);
  const remove = {
    type: 'button' as const,
    action_id: GoalAction.RemoveKeyResult,
    text: plain('Remove'),
    value: String(row.key),
    ...(row.id
      ? {
          confirm: {
            title: plain('Remove this key result?'),
            text: plain('Its current value goes; the goal’s history keeps what it recorded.'),
            confirm: plain('Remove'),
            deny: plain('Keep it'),
          },
        }
      : {}),
  };
  const blocks: KnownBlock[] = [
    { ...section(`*Key result ${index + 1}*`), block_id: block('header'), accessory: remove },
    input(block('title'), 'What will be true', textInput(row.title, KEY_RESULT_LIMITS.titleMax, { placeholder: 'e.g. p95 checkout latency' })),
    input(block('kind'), 'Measured as', staticSelect(kindOptions, row.kind), { dispatchAction: true }),
  ];
  if (row.kind === 'yes_no') {
    blocks.push(context('Done or not: 0% until it is done, then 100%.'));
  } else {
    blocks.push(
      input(block('start'), 'Start', numberInput(row.start), { hint: 'Where it stands today.' }),
      input(block('target'), 'Target', numberInput(row.target), { hint: 'Below the start when lower is better (latency, costs, bugs).' }),
    );
    if (row.kind !== 'percent') {
      blocks.push(input(block('unit'), 'Unit', textInput(row.unit, KEY_RESULT_LIMITS.unitMax, { placeholder: row.kind === 'currency' ? 'USD, €, £' : 'ms, customers, tickets' }), { optional: true }));
    }
  }
  blocks.push(input(block('weight'), 'Weight', numberInput(row.weight), { optional: true, hint: 'How much it counts among this goal’s key results (1 unless you say otherwise).' }));
  return blocks;
}

function keyResultSection(draft: GoalDraft): KnownBlock[] {
  const rows = draft.keyResults;
  const blocks: KnownBlock[] = [
    divider(),
    section(`*Key results* (${rows.length} of ${MAX_KEY_RESULTS})\nMeasurable outcomes that show the goal is met. Progress is the share of the way from start to target.`),
    ...rows.flatMap(keyResultRow),
  ];
  if (rows.length < MAX_KEY_RESULTS) {
    const add: ActionsBlock = {
      type: 'actions',
      block_id: GoalBlock.KeyResults,
      elements: [{ type: 'button', action_id: GoalAction.AddKeyResult, text: plain('Add key result') }],
    };
    blocks.push(add);
  } else {
    blocks.push(context(`That is the most a goal can have (${MAX_KEY_RESULTS}).`));
  }
  return blocks;
}

/**
 * The goal form, new or edit, built from what has been typed so far (see goal-form.draft.ts).
 * `options` are what the owner may choose: their levels and the goals they may align to.
 */
export function buildGoalFormModal(draft: GoalDraft, options: GoalFormOptions & { today: string }): ModalView {
  const editing = draft.goalId !== null;
  const levels: GoalLevel[] = GOAL_LEVELS.filter((level) => options.levels.includes(level) || level === draft.level);
  const blocks: KnownBlock[] = [
    input(GoalBlock.Title, 'Title', textInput(draft.title, GOAL_LIMITS.titleMax, { placeholder: 'e.g. Cut p95 checkout latency to 300 ms' })),
    input(GoalBlock.Description, 'Description', textInput(draft.description, GOAL_LIMITS.descriptionMax, { multiline: true }), {
      optional: true,
      hint: 'Why it matters and how you will know it is done.',
    }),
    // Picking a date redraws the form, so the tips below follow it ("Set a target date" goes).
    input(GoalBlock.TargetDate, 'Target date', { type: 'datepicker', ...(draft.targetDate ? { initial_date: draft.targetDate } : {}) }, { optional: true, dispatchAction: true }),
    input(GoalBlock.Category, 'Category', staticSelect(GOAL_CATEGORIES.map((c) => option(CATEGORY_LABELS[c], c)), draft.category ?? 'performance')),
  ];
  if (options.competencies.length > 0 || (draft.competency && draft.competency !== NO_COMPETENCY)) {
    blocks.push(
      input(GoalBlock.Competency, 'Competency it develops', competencySelect(draft.competency, options.competencies), {
        optional: true,
        hint: 'For a development goal: the competency of the review framework it builds.',
      }),
    );
  }
  // One possible level is no choice: the form leaves it out rather than offer a select of one.
  if (levels.length > 1) {
    blocks.push(
      input(GoalBlock.Level, 'Level', staticSelect(levels.map((level) => option(LEVEL_LABELS[level], level)), draft.level ?? 'individual'), {
        hint: 'Company goals are set by HR admins, team goals by people who lead a team.',
      }),
    );
  }
  const visibility = visibilityOptions.find((o) => o.value === (draft.visibility ?? 'private'));
  blocks.push(input(GoalBlock.Visibility, 'Who can see it', { type: 'radio_buttons', options: visibilityOptions, ...(visibility ? { initial_option: visibility } : {}) }));

  if (options.parents.length > 0 || (draft.parent && draft.parent !== NO_PARENT)) {
    blocks.push(
      ...alignmentInputs(draft.parent, draft.weight, options.parents));
  } else {
    blocks.push(context('No company or team goals to align to yet. When there are, you can align this goal with `/goal align`.'));
  }

  blocks.push(...keyResultSection(draft));
  if (editing) {
    blocks.push(
      divider(),
      input(GoalBlock.Note, 'Note for the history', textInput(draft.note, GOAL_LIMITS.noteMax, { multiline: true }), {
        optional: true,
        hint: 'What changed and why. It is kept with the change.',
      }),
    );
  }
  if (draft.title.trim() !== '') {
    const hints = smartHints({ title: draft.title, targetDate: draft.targetDate, keyResults: draft.keyResults }, options.today);
    if (hints.length > 0) blocks.push(context(`*Tips* (they never stop you saving)\n${hintLines(hints).join('\n')}`));
  }
  blocks.push(context(WHO_SEES_GOALS));

  return {
    type: 'modal',
    callback_id: editing ? CallbackId.EditGoal : CallbackId.NewGoal,
    private_metadata: formMetadata(draft),
    title: plain(editing ? 'Edit goal' : 'New goal'),
    submit: plain(editing ? 'Save changes' : 'Create goal'),
    close: plain('Cancel'),
    blocks,
  };
}

/** An empty goal form with the owner's choices: what `/goal` and the Home tab's "New goal" open. */
export function buildNewGoalModal(options: GoalFormOptions & { today: string }): ModalView {
  return buildGoalFormModal(newDraft(), options);
}
