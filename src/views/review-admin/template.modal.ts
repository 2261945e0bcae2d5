import { randomUUID } from 'node:crypto';
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { TemplateVersion } from '../../domain/review';
import {
  type Competency,
  QUESTION_ANSWERERS,
  type QuestionAnswerer,
  type QuestionKind,
  type QuestionPart,
  REVIEW_READERS,
  type ReviewQuestion,
  type ReviewReader,
  TEMPLATE_LIMITS,
} from '../../domain/review-template';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { ReviewAdminAction, ReviewAdminBlock, ReviewAdminCallbackId, templateQuestionBlock } from '../ids';
import { input, option, staticSelect } from '../inputs';
import { readFormState } from '../state';
import { linesOf } from './competency.modal';
import { button } from './hub.modal';

const KIND_NAMES: Record<QuestionKind, string> = {
  rating: 'Rating on a scale',
  text: 'Text',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  competency: 'Competency rating',
};
const ROLE_NAMES: Record<QuestionAnswerer, string> = {
  self: 'The employee (self-assessment)',
  peer: 'Peers (anonymously, in their 360 request)',
  manager: 'The manager',
};
const ANSWERER_WORDS: Record<QuestionAnswerer, string> = { self: 'the employee', peer: 'peers', manager: 'the manager' };
const READER_NAMES: Record<ReviewReader, string> = { employee: 'The employee', manager: 'The manager', hr: 'HR' };
const NA = 'na';

/** Carried with the template and question forms; the service checks the template is the workspace's. */
const metadataSchema = z.object({ templateId: z.uuid().nullable(), questionId: z.string().nullable() });
export type TemplateFormMetadata = z.infer<typeof metadataSchema>;

export function parseTemplateMetadata(text: string): TemplateFormMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The input each part of a question is shown on, for the domain's errors. */
export const QUESTION_PART_BLOCKS: Record<QuestionPart, string> = {
  prompt: ReviewAdminBlock.Prompt,
  answeredBy: ReviewAdminBlock.AnsweredBy,
  readableBy: ReviewAdminBlock.ReadableBy,
  scale: ReviewAdminBlock.Scale,
  options: ReviewAdminBlock.Scale,
  wordLimit: ReviewAdminBlock.WordLimit,
  competency: ReviewAdminBlock.Competency,
};

const checkboxes = (options: PlainTextOption[], chosen: readonly string[]) => {
  const initial = options.filter((o) => chosen.includes(o.value ?? ''));
  return { type: 'checkboxes' as const, options, ...(initial.length > 0 ? { initial_options: initial } : {}) };
};

/** The inputs of one question, filled with `question` when editing. Competency is offered only when the framework has some. */
function questionBlocks(question: ReviewQuestion | undefined, competencies: readonly Competency[]): KnownBlock[] {
  const scale = question?.kind === 'rating' ? question.labels : question?.kind === 'single_choice' || question?.kind === 'multiple_choice' ? question.options : [];
  const kinds = (Object.keys(KIND_NAMES) as QuestionKind[]).filter((k) => k !== 'competency' || competencies.length > 0).map((k) => option(KIND_NAMES[k], k));
  const blocks: KnownBlock[] = [
    input(ReviewAdminBlock.Prompt, 'Question', { type: 'plain_text_input', multiline: true, max_length: TEMPLATE_LIMITS.promptMax, ...(question ? { initial_value: question.prompt } : {}) }),
    input(ReviewAdminBlock.Kind, 'Kind', staticSelect(kinds, question?.kind)),
    input(ReviewAdminBlock.Scale, 'Scale labels or choices', { type: 'plain_text_input', multiline: true, ...(scale.length > 0 ? { initial_value: scale.join('\n') } : {}) }, {
      optional: true,
      hint: `Rating: one label per point, lowest first (${TEMPLATE_LIMITS.scaleMin} to ${TEMPLATE_LIMITS.scaleMax}). Choices: one per line (${TEMPLATE_LIMITS.optionsMin} to ${TEMPLATE_LIMITS.optionsMax}).`,
    }),
    input(
      ReviewAdminBlock.WordLimit,
      'Word limit',
      { type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: String(TEMPLATE_LIMITS.wordLimitMax), ...(question?.kind === 'text' ? { initial_value: String(question.wordLimit) } : {}) },
      { optional: true, hint: 'For a text question.' },
    ),
  ];
  if (competencies.length > 0) {
    const initial = question?.kind === 'competency' ? question.competencyId : undefined;
    // A select offers at most 100 options.
    const offered = competencies.filter((c, i) => i < 100 || c.id === initial).slice(-100);
    blocks.push(input(ReviewAdminBlock.Competency, 'Competency', staticSelect(offered.map((c) => option(c.name.slice(0, 75), c.id)), initial), { optional: true, hint: 'For a competency rating: rated on its levels.' }));
  }
  const allowNa = question && 'allowNa' in question && question.allowNa ? [NA] : [];
  blocks.push(
    input(ReviewAdminBlock.AllowNa, 'N/A', checkboxes([option('N/A is allowed (ratings)', NA)], allowNa), { optional: true }),
    input(ReviewAdminBlock.AnsweredBy, 'Who answers', checkboxes(QUESTION_ANSWERERS.map((r) => option(ROLE_NAMES[r], r)), question?.answeredBy ?? ['self']), {
      hint: 'Peers answer rating and text questions; their answers are read only as the released 360 summary.',
    }),
    input(ReviewAdminBlock.ReadableBy, 'Who may read the answers', checkboxes(REVIEW_READERS.map((r) => option(READER_NAMES[r], r)), question?.readableBy ?? ['employee', 'manager']), {
      hint: 'Shown beside the question on every form, before anyone submits.',
    }),
  );
  return blocks;
}

/** A new template: its name and first question (a template is never empty). */
export function buildNewTemplateModal(competencies: readonly Competency[]): ModalView {
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.Template,
    title: plain('New template'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ templateId: null, questionId: null } satisfies TemplateFormMetadata),
    blocks: [
      input(ReviewAdminBlock.Name, 'Template name', { type: 'plain_text_input', max_length: TEMPLATE_LIMITS.nameMax }),
      section('*First question*: add more once the template is saved.'),
      ...questionBlocks(undefined, competencies),
    ],
  };
}

function describeQuestion(q: ReviewQuestion, competencies: readonly Competency[]): string {
  const detail =
    q.kind === 'rating'
      ? `${q.labels.length}-point rating${q.allowNa ? ', N/A allowed' : ''}`
      : q.kind === 'text'
        ? `text, up to ${q.wordLimit} words`
        : q.kind === 'competency'
          ? `competency: ${escapeMrkdwn(competencies.find((c) => c.id === q.competencyId)?.name ?? 'unknown')}${q.allowNa ? ', N/A allowed' : ''}`
          : `${KIND_NAMES[q.kind].toLowerCase()}: ${q.options.map(escapeMrkdwn).join(' / ')}`;
  const who = `answered by ${q.answeredBy.map((r) => ANSWERER_WORDS[r]).join(' and ')}; read by ${q.readableBy.map((r) => READER_NAMES[r].toLowerCase().replace('hr', 'HR')).join(', ')}`;
  return `${detail} · ${who}`;
}

/** A template as it stands: its name (saved with Save) and its questions in order, each with a menu to edit, move up or remove it. */
export function buildTemplateModal(version: TemplateVersion, competencies: readonly Competency[], notice?: string): ModalView {
  const blocks: KnownBlock[] = [input(ReviewAdminBlock.Name, 'Template name', { type: 'plain_text_input', max_length: TEMPLATE_LIMITS.nameMax, initial_value: version.name })];
  if (notice) blocks.push(context(notice));
  blocks.push(context(`Version ${version.version}. Once a cycle uses a version, changes make a new one: running cycles keep the questions they started with.`));
  version.questions.forEach((q, i) => {
    const menu = [option('Edit', `edit:${q.id}`), ...(i > 0 ? [option('Move up', `up:${q.id}`)] : []), option('Remove', `remove:${q.id}`)];
    blocks.push({
      ...section(`*${i + 1}. ${escapeMrkdwn(q.prompt)}*\n${describeQuestion(q, competencies)}`),
      block_id: templateQuestionBlock(q.id),
      accessory: { type: 'overflow', action_id: ReviewAdminAction.QuestionMenu, options: menu },
    });
  });
  if (version.questions.length < TEMPLATE_LIMITS.questionsMax) blocks.push({ type: 'actions', elements: [button('Add a question', ReviewAdminAction.AddQuestion, version.templateId)] });
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.Template,
    title: plain('Template'),
    submit: plain('Save name'),
    close: plain('Done'),
    private_metadata: JSON.stringify({ templateId: version.templateId, questionId: null } satisfies TemplateFormMetadata),
    blocks,
  };
}

/** Adds a question to a template, or edits one (questionId). */
export function buildQuestionModal(templateId: string, question: ReviewQuestion | undefined, competencies: readonly Competency[]): ModalView {
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.Question,
    title: plain(question ? 'Edit question' : 'Add a question'),
    submit: plain('Save'),
    close: plain('Back'),
    private_metadata: JSON.stringify({ templateId, questionId: question?.id ?? null } satisfies TemplateFormMetadata),
    blocks: questionBlocks(question, competencies),
  };
}

/** A new question's id: stable across the template's versions, so answers carry to the next cycle. */
export const newQuestionId = () => `q${randomUUID().slice(0, 8)}`;

/**
 * The question as typed, or which input needs something first (the kind). Rules on the rest (scale
 * size, limits, who answers) are the domain's.
 */
export function parseQuestion(values: unknown, id: string): { question: ReviewQuestion } | { missing: string; message: string } {
  const state = readFormState(values);
  const kind = state.option(ReviewAdminBlock.Kind) as QuestionKind | null;
  if (!kind || !(kind in KIND_NAMES)) return { missing: ReviewAdminBlock.Kind, message: 'Pick the kind of question.' };
  const base = {
    id,
    prompt: state.text(ReviewAdminBlock.Prompt) ?? '',
    answeredBy: QUESTION_ANSWERERS.filter((r) => state.options(ReviewAdminBlock.AnsweredBy).includes(r)),
    readableBy: REVIEW_READERS.filter((r) => state.options(ReviewAdminBlock.ReadableBy).includes(r)),
  };
  const lines = linesOf(state.text(ReviewAdminBlock.Scale));
  const allowNa = state.options(ReviewAdminBlock.AllowNa).includes(NA);
  switch (kind) {
    case 'rating':
      return { question: { ...base, kind, labels: lines, allowNa } };
    case 'text':
      return { question: { ...base, kind, wordLimit: Number(state.text(ReviewAdminBlock.WordLimit) ?? Number.NaN) } };
    case 'single_choice':
    case 'multiple_choice':
      return { question: { ...base, kind, options: lines } };
    case 'competency':
      return { question: { ...base, kind, competencyId: state.option(ReviewAdminBlock.Competency) ?? '', allowNa } };
  }
}
