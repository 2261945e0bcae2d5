import { FEEDBACK_LIMITS } from './feedback';
import type { FieldErrors, Validated } from './goal';

/**
 * Review templates: ordered questions, each saying who answers it and who may read the answers.
 * Pure: the services store a template's questions as one version and validate answers against
 * the version a cycle was launched with.
 */

/** Who writes answers to a question: peers answer theirs through the review's 360 request. */
export const QUESTION_ANSWERERS = ['self', 'peer', 'manager'] as const;
export type QuestionAnswerer = (typeof QUESTION_ANSWERERS)[number];

/** Who fills in a review form. */
export const REVIEW_ROLES = ['self', 'manager'] as const;
export type ReviewRole = (typeof REVIEW_ROLES)[number];

/** Who may read the answers to a question (besides whoever wrote them). */
export const REVIEW_READERS = ['employee', 'manager', 'hr'] as const;
export type ReviewReader = (typeof REVIEW_READERS)[number];

export const QUESTION_KINDS = ['rating', 'text', 'single_choice', 'multiple_choice', 'competency'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const TEMPLATE_LIMITS = {
  scaleMin: 3,
  scaleMax: 7,
  questionsMax: 30,
  promptMax: 300,
  labelMax: 60,
  optionsMin: 2,
  optionsMax: 10,
  wordLimitMax: 2000,
  nameMax: 120,
  /** A job title a competency is scoped to. */
  roleMax: 100,
} as const;

interface QuestionBase {
  /** Stable within a template's versions, so answers can be carried to the next cycle. */
  id: string;
  prompt: string;
  answeredBy: QuestionAnswerer[];
  readableBy: ReviewReader[];
}

export type ReviewQuestion =
  | (QuestionBase & { kind: 'rating'; labels: string[]; allowNa: boolean })
  | (QuestionBase & { kind: 'text'; wordLimit: number })
  | (QuestionBase & { kind: 'single_choice' | 'multiple_choice'; options: string[] })
  | (QuestionBase & { kind: 'competency'; competencyId: string; allowNa: boolean });

export interface TemplateDraft {
  name: string;
  questions: ReviewQuestion[];
}

/** A competency of the framework: its levels are the points of the scale it is rated on. */
export interface Competency {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  /** What each level looks like, lowest first. */
  levels: string[];
  /** Scoped to everyone under this manager (at every level); null: the whole workspace. */
  teamManagerId: string | null;
  /** Scoped to people with this job title (their Slack profile's, any case); null: any title. */
  role: string | null;
}

/** Job titles are compared without regard to case or surrounding spaces. */
export const sameRole = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

/** What decides whether a competency is for someone: who manages whom, and each person's job title. */
export interface CompetencyScope {
  managerOf: ReadonlyMap<string, string>;
  titleOf: ReadonlyMap<string, string>;
}

/**
 * Whether a competency is for `personId`: a workspace-wide one is for everyone, a team's one for
 * the people under its manager at every level, a role's one for the people with that job title
 * (both, when it is scoped to a role in a team). `managerOf` maps each person to their manager.
 */
export function competencyAppliesTo(competency: Pick<Competency, 'teamManagerId' | 'role'>, personId: string, scope: CompetencyScope): boolean {
  if (competency.role !== null && !sameRole(competency.role, scope.titleOf.get(personId))) return false;
  if (competency.teamManagerId === null) return true;
  const { managerOf } = scope;
  const seen = new Set<string>();
  for (let m = managerOf.get(personId); m && !seen.has(m); m = managerOf.get(m)) {
    if (m === competency.teamManagerId) return true;
    seen.add(m);
  }
  return false;
}

export type TemplateField = 'name' | 'questions' | `question_${string}`;

const blank = (text: string) => text.trim().length === 0;
const duplicates = (values: readonly string[]) => values.some((v, i) => values.indexOf(v) !== i);

function scaleProblem(labels: readonly string[], what: string): string | undefined {
  if (labels.length < TEMPLATE_LIMITS.scaleMin || labels.length > TEMPLATE_LIMITS.scaleMax)
    return `${what} needs ${TEMPLATE_LIMITS.scaleMin} to ${TEMPLATE_LIMITS.scaleMax} points (it has ${labels.length}).`;
  if (labels.some(blank)) return `Give every point of ${what.toLowerCase()} a label.`;
  if (labels.some((l) => l.length > TEMPLATE_LIMITS.labelMax)) return `Keep each label to ${TEMPLATE_LIMITS.labelMax} characters.`;
  return undefined;
}

/** The part of a question a problem is about, so a form can show it beside the right input. */
export type QuestionPart = 'prompt' | 'answeredBy' | 'readableBy' | 'scale' | 'wordLimit' | 'options' | 'competency';
export interface QuestionProblem {
  part: QuestionPart;
  message: string;
}

const at = (part: QuestionPart, message: string | undefined): QuestionProblem | undefined => (message ? { part, message } : undefined);

/** The first thing wrong with one question, and where; undefined when it is well-formed. */
export function questionProblem(question: ReviewQuestion, competencies: ReadonlyMap<string, Competency>): QuestionProblem | undefined {
  if (blank(question.prompt)) return at('prompt', 'Write the question.');
  if (question.prompt.length > TEMPLATE_LIMITS.promptMax) return at('prompt', `Keep the question to ${TEMPLATE_LIMITS.promptMax} characters.`);
  if (question.answeredBy.length === 0) return at('answeredBy', 'Say who answers this question.');
  if (question.readableBy.length === 0) return at('readableBy', 'Say who may read the answers.');
  if (question.answeredBy.includes('peer')) {
    if (question.kind !== 'rating' && question.kind !== 'text') return at('answeredBy', 'Peers answer rating and text questions only: they answer in their 360 request.');
    if (question.readableBy.includes('hr') || !question.readableBy.includes('employee') || !question.readableBy.includes('manager'))
      return at('readableBy', 'Peers’ answers are read as the 360 summary, by the employee and their managers, never HR: choose the employee and the manager.');
  }
  switch (question.kind) {
    case 'rating':
      return at('scale', scaleProblem(question.labels, 'A rating scale'));
    case 'text':
      return Number.isInteger(question.wordLimit) && question.wordLimit >= 1 && question.wordLimit <= TEMPLATE_LIMITS.wordLimitMax
        ? undefined
        : at('wordLimit', `Set a word limit from 1 to ${TEMPLATE_LIMITS.wordLimitMax}.`);
    case 'single_choice':
    case 'multiple_choice':
      if (question.options.length < TEMPLATE_LIMITS.optionsMin || question.options.length > TEMPLATE_LIMITS.optionsMax)
        return at('options', `Offer ${TEMPLATE_LIMITS.optionsMin} to ${TEMPLATE_LIMITS.optionsMax} choices.`);
      if (question.options.some(blank)) return at('options', 'Every choice needs a text.');
      return duplicates(question.options.map((o) => o.trim().toLowerCase())) ? at('options', 'Each choice can be offered once.') : undefined;
    case 'competency': {
      const competency = competencies.get(question.competencyId);
      return competency ? at('competency', scaleProblem(competency.levels, `The competency "${competency.name}"`)) : at('competency', 'Pick a competency of the framework.');
    }
  }
}

/** A template as HR admins define it: named, with 1 to 30 well-formed questions. Errors per question id. */
export function validateTemplate(draft: TemplateDraft, competencies: ReadonlyMap<string, Competency>): Validated<TemplateDraft, TemplateField> {
  const errors: FieldErrors<TemplateField> = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Name the template.';
  else if (name.length > TEMPLATE_LIMITS.nameMax) errors.name = `Keep the name to ${TEMPLATE_LIMITS.nameMax} characters.`;
  if (draft.questions.length === 0) errors.questions = 'Add at least one question: a template cannot be empty.';
  else if (draft.questions.length > TEMPLATE_LIMITS.questionsMax) errors.questions = `A template holds at most ${TEMPLATE_LIMITS.questionsMax} questions.`;
  else if (duplicates(draft.questions.map((q) => q.id))) errors.questions = 'Each question needs its own id.';
  for (const question of draft.questions) {
    const problem = questionProblem(question, competencies);
    if (problem) errors[`question_${question.id}`] = problem.message;
  }
  for (const [id, message] of Object.entries(peerQuestionsProblems(draft.questions))) errors[`question_${id}`] ??= message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name, questions: draft.questions.map((q) => ({ ...q, prompt: q.prompt.trim() })) } };
}

/** Whether peers are asked a question as a rating on the 360 engine's 1 to 5 scale; otherwise as text. */
const ratedByPeers = (question: ReviewQuestion) => question.kind === 'rating' && question.labels.length === 5;

/**
 * Where a template's peer questions do not fit the 360 request they are asked in: it rates at most
 * five focus areas, each named once, and asks one open question. Keyed by question id.
 */
function peerQuestionsProblems(questions: readonly ReviewQuestion[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const rated: string[] = [];
  let asText = 0;
  for (const question of questions) {
    if (!question.answeredBy.includes('peer') || (question.kind !== 'rating' && question.kind !== 'text')) continue;
    const prompt = question.prompt.trim().toLowerCase();
    if (ratedByPeers(question)) {
      if (rated.includes(prompt)) problems[question.id] = 'Peers are asked this already: ask them each rating question once.';
      else if (rated.length === FEEDBACK_LIMITS.focusAreasMax) problems[question.id] = `Peers rate at most ${FEEDBACK_LIMITS.focusAreasMax} questions in their 360 request.`;
      rated.push(prompt);
    } else if (++asText > 1) {
      problems[question.id] = 'Peers answer one text question in their 360 request (a rating not on 5 points is asked as text).';
    } else if (question.prompt.trim().length > FEEDBACK_LIMITS.customQuestionMax) {
      problems[question.id] = `Keep a question peers answer in text to ${FEEDBACK_LIMITS.customQuestionMax} characters.`;
    }
  }
  return problems;
}

/**
 * What the review's 360 request asks peers: the template's 5-point peer ratings as its focus areas
 * (none: the workspace's focus areas are rated), and its peer text question, or a rating on another
 * scale, as its own question.
 */
export function peerRequestQuestions(questions: readonly ReviewQuestion[]): { focusAreas: string[]; customQuestion: string | null } {
  const peers = questions.filter((q) => q.answeredBy.includes('peer') && (q.kind === 'rating' || q.kind === 'text'));
  return {
    focusAreas: peers.filter(ratedByPeers).map((q) => q.prompt),
    customQuestion: peers.find((q) => !ratedByPeers(q))?.prompt ?? null,
  };
}

/** The questions answered on the review's own forms, by the employee or the manager: peers answer theirs in the 360 request. */
export function formQuestions(questions: readonly ReviewQuestion[]): ReviewQuestion[] {
  return questions.filter((q) => REVIEW_ROLES.some((role) => q.answeredBy.includes(role)));
}

/** The points a question is rated on: its own labels, or its competency's levels. */
export function scaleOf(question: ReviewQuestion, competencies: ReadonlyMap<string, Pick<Competency, 'levels'>>): string[] | undefined {
  if (question.kind === 'rating') return question.labels;
  if (question.kind === 'competency') return competencies.get(question.competencyId)?.levels;
  return undefined;
}

/** One answer: a point of the scale (1-based) or N/A, text, or the chosen options. */
export type ReviewAnswer = { rating: number | 'na' } | { text: string } | { choices: string[] };
export type ReviewAnswers = Record<string, ReviewAnswer>;

export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => word.length > 0).length;
}

/** The questions `role` answers, in template order. */
export function questionsFor(questions: readonly ReviewQuestion[], role: ReviewRole): ReviewQuestion[] {
  return questions.filter((q) => q.answeredBy.includes(role));
}

/**
 * The questions asked in one person's review: a competency question only when its competency is
 * for them (`inScope`: the ids of the workspace's competencies and their teams'), so a team's
 * competency is rated in that team's reviews alone.
 */
export function questionsInScope(questions: readonly ReviewQuestion[], inScope: ReadonlySet<string>): ReviewQuestion[] {
  return questions.filter((q) => q.kind !== 'competency' || inScope.has(q.competencyId));
}

/** What is wrong with one answer to a question, if anything. */
export function answerProblem(question: ReviewQuestion, answer: ReviewAnswer, competencies: ReadonlyMap<string, Pick<Competency, 'levels'>>): string | undefined {
  switch (question.kind) {
    case 'rating':
    case 'competency': {
      if (!('rating' in answer)) return 'Pick a point on the scale.';
      if (answer.rating === 'na') return question.allowNa ? undefined : 'N/A is not an option for this question: pick a point on the scale.';
      const points = scaleOf(question, competencies)?.length ?? 0;
      return Number.isInteger(answer.rating) && answer.rating >= 1 && answer.rating <= points ? undefined : `Pick a point from 1 to ${points}.`;
    }
    case 'text': {
      if (!('text' in answer)) return 'Write an answer.';
      const words = countWords(answer.text);
      return words > question.wordLimit ? `Keep this to ${question.wordLimit} words (it has ${words}).` : undefined;
    }
    case 'single_choice':
    case 'multiple_choice': {
      if (!('choices' in answer)) return 'Pick a choice.';
      if (answer.choices.some((c) => !question.options.includes(c))) return 'Pick from the choices offered.';
      return question.kind === 'single_choice' && answer.choices.length > 1 ? 'Pick one choice.' : undefined;
    }
  }
}

function isEmpty(answer: ReviewAnswer | undefined): boolean {
  if (!answer) return true;
  if ('text' in answer) return answer.text.trim().length === 0;
  if ('choices' in answer) return answer.choices.length === 0;
  return false;
}

/**
 * Answers of `role` checked against the template: a draft may leave questions empty, a submission
 * must answer every one. Answers to questions the role does not answer are refused, not dropped.
 * Errors are keyed `question_<id>`, as the form's blocks are.
 */
export function validateAnswers(
  questions: readonly ReviewQuestion[],
  role: ReviewRole,
  answers: ReviewAnswers,
  options: { submit: boolean; competencies: ReadonlyMap<string, Pick<Competency, 'levels'>> },
): Validated<ReviewAnswers, TemplateField> {
  const mine = questionsFor(questions, role);
  const errors: FieldErrors<TemplateField> = {};
  const value: ReviewAnswers = {};
  for (const id of Object.keys(answers)) if (!mine.some((q) => q.id === id)) errors.questions = 'An answer was given to a question this form does not ask.';
  for (const question of mine) {
    const answer = answers[question.id];
    if (!answer || isEmpty(answer)) {
      if (options.submit) errors[`question_${question.id}`] = 'Answer this question before submitting.';
      continue;
    }
    const problem = answerProblem(question, answer, options.competencies);
    if (problem) errors[`question_${question.id}`] = problem;
    else value[question.id] = 'text' in answer ? { text: answer.text.trim() } : answer;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

const READER_WORDS: Record<ReviewReader, Record<'self' | 'other', string>> = {
  employee: { self: 'you', other: 'the employee' },
  manager: { self: 'your manager', other: 'their manager' },
  hr: { self: 'HR', other: 'HR' },
};

/**
 * "Who reads this", shown beside every question before submit. `skipLevelReads`: the workspace
 * lets the managers above the manager read reports' reviews, so they read what the manager does.
 */
export function readersLine(question: Pick<ReviewQuestion, 'readableBy'>, role: ReviewRole, skipLevelReads = false): string {
  const view = role === 'self' ? 'self' : 'other';
  const names = REVIEW_READERS.filter((r) => question.readableBy.includes(r)).map((r) =>
    r === 'manager' && skipLevelReads ? `${READER_WORDS.manager[view]} and the managers above` : READER_WORDS[r][view],
  );
  return `Who reads this: ${names.join(', ')}`;
}

/** Carries answers from a previous cycle into a new draft where exactly the same question was asked. */
export function prefillFrom(questions: readonly ReviewQuestion[], previous: { questions: readonly ReviewQuestion[]; answers: ReviewAnswers }): ReviewAnswers {
  const out: ReviewAnswers = {};
  for (const question of questions) {
    const before = previous.questions.find((q) => q.id === question.id);
    const answer = previous.answers[question.id];
    if (before && answer && JSON.stringify(before) === JSON.stringify(question)) out[question.id] = answer;
  }
  return out;
}
