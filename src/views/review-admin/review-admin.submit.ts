import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Person } from '../../domain/person';
import { PHASE_NAMES } from '../../domain/review-cycle';
import { questionProblem, type ReviewQuestion, type TemplateField } from '../../domain/review-template';
import type { Logger } from '../../lib/logger';
import type { ReviewAdminService } from '../../services/review-admin.service';
import { fieldErrorsToBlocks } from '../blocks';
import { ReviewAdminBlock } from '../ids';
import { readFormState } from '../state';
import { formSubmit, type SubmitOutcome } from '../submit';
import { COMPETENCY_BLOCKS, parseCompetency } from './competency.modal';
import { buildCycleModal, parseAddPeople, parseCycleMetadata, parseExtend } from './cycle.modal';
import { cycleErrorBlocks, parseNewCycle } from './cycle-form.modal';
import { buildReviewAdminHub } from './hub.modal';
import { buildTemplateModal, newQuestionId, parseQuestion, parseTemplateMetadata, QUESTION_PART_BLOCKS } from './template.modal';
import { mention } from '../people/people.format';

export type ReviewAdminViewDeps = { reviewAdmin: ReviewAdminService; logger: Logger };

const STALE = 'This form is out of date. Close it and open it again from /review admin.';

/** The hub as it is now. */
export async function loadHub(admin: ReviewAdminService, actor: Person): Promise<ModalView> {
  const [competencies, templates, cycles] = await Promise.all([admin.competencies(actor), admin.templates(actor), admin.cycles(actor)]);
  return buildReviewAdminHub({ competencies, templates, cycles });
}

/**
 * Closes the form (Slack goes back to the view under it) and redraws that view with what changed:
 * the hub, a template's questions, a cycle's completion.
 */
function closeAndRedraw(previousViewId: string | null, redraw: () => Promise<ModalView>): SubmitOutcome {
  return {
    close: true,
    afterwards: async (client: WebClient) => {
      if (previousViewId) await client.views.update({ view_id: previousViewId, view: await redraw() });
    },
  };
}

/** A template's errors on the form: the name on its input, everything about questions on the question. */
function templateErrorBlocks(errors: Partial<Record<TemplateField, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (message) out[field === 'name' ? ReviewAdminBlock.Name : ReviewAdminBlock.Prompt] ??= message;
  }
  return out;
}

/** The question as typed, or the errors to show on its inputs (checked against the framework before anything is saved). */
async function readQuestion(deps: ReviewAdminViewDeps, actor: Person, values: unknown, id: string): Promise<{ question: ReviewQuestion } | { errors: Record<string, string> }> {
  const parsed = parseQuestion(values, id);
  if ('missing' in parsed) return { errors: { [parsed.missing]: parsed.message } };
  const competencies = new Map((await deps.reviewAdmin.competencies(actor)).map((c) => [c.id, c]));
  const problem = questionProblem(parsed.question, competencies);
  return problem ? { errors: { [QUESTION_PART_BLOCKS[problem.part]]: problem.message } } : parsed;
}

export function competencySubmit(deps: ReviewAdminViewDeps) {
  return formSubmit({
    name: 'save the competency',
    logger: deps.logger,
    fallbackBlock: ReviewAdminBlock.Name,
    handle: async (actor, view) => {
      const result = await deps.reviewAdmin.defineCompetency(actor, parseCompetency(view.state.values));
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, COMPETENCY_BLOCKS) };
      return closeAndRedraw(view.previous_view_id, () => loadHub(deps.reviewAdmin, actor));
    },
  });
}

/** A new template with its first question (then its questions on the same modal), or a template's new name. */
export function templateSubmit(deps: ReviewAdminViewDeps) {
  return formSubmit({
    name: 'save the template',
    logger: deps.logger,
    fallbackBlock: ReviewAdminBlock.Name,
    handle: async (actor, view) => {
      const metadata = parseTemplateMetadata(view.private_metadata);
      if (!metadata) return { errors: { [ReviewAdminBlock.Name]: STALE } };
      const name = readFormState(view.state.values).text(ReviewAdminBlock.Name) ?? '';
      if (metadata.templateId === null) {
        const read = await readQuestion(deps, actor, view.state.values, newQuestionId());
        if ('errors' in read) return read;
        const saved = await deps.reviewAdmin.saveTemplate(actor, null, { name, questions: [read.question] });
        if (!saved.ok) return { errors: templateErrorBlocks(saved.errors) };
        return { update: buildTemplateModal(saved.value, await deps.reviewAdmin.competencies(actor), ':white_check_mark: Saved. Add the next question below.') };
      }
      const current = await deps.reviewAdmin.template(actor, metadata.templateId);
      if (!current) return { errors: { [ReviewAdminBlock.Name]: STALE } };
      const saved = await deps.reviewAdmin.saveTemplate(actor, current.templateId, { name, questions: current.questions });
      if (!saved.ok) return { errors: templateErrorBlocks(saved.errors) };
      return closeAndRedraw(view.previous_view_id, () => loadHub(deps.reviewAdmin, actor));
    },
  });
}

/** Adds or edits one question: the template is saved whole (a new version once a cycle uses it), then shown again. */
export function questionSubmit(deps: ReviewAdminViewDeps) {
  return formSubmit({
    name: 'save the question',
    logger: deps.logger,
    fallbackBlock: ReviewAdminBlock.Prompt,
    handle: async (actor, view) => {
      const metadata = parseTemplateMetadata(view.private_metadata);
      const current = metadata?.templateId ? await deps.reviewAdmin.template(actor, metadata.templateId) : undefined;
      if (!metadata || !current) return { errors: { [ReviewAdminBlock.Prompt]: STALE } };
      const { questionId } = metadata;
      if (questionId !== null && !current.questions.some((q) => q.id === questionId)) return { errors: { [ReviewAdminBlock.Prompt]: STALE } };
      const read = await readQuestion(deps, actor, view.state.values, questionId ?? newQuestionId());
      if ('errors' in read) return read;
      const questions = questionId === null ? [...current.questions, read.question] : current.questions.map((q) => (q.id === questionId ? read.question : q));
      const saved = await deps.reviewAdmin.saveTemplate(actor, current.templateId, { name: current.name, questions });
      if (!saved.ok) return { errors: templateErrorBlocks(saved.errors) };
      const notice = saved.value.version > current.version ? `:white_check_mark: Saved as version ${saved.value.version}: running cycles keep version ${current.version}.` : ':white_check_mark: Saved the question.';
      return closeAndRedraw(view.previous_view_id, async () => buildTemplateModal(saved.value, await deps.reviewAdmin.competencies(actor), notice));
    },
  });
}

/** Creates a cycle as a draft and shows it, with Launch a click away. */
export function newCycleSubmit(deps: ReviewAdminViewDeps) {
  return formSubmit({
    name: 'create the cycle',
    logger: deps.logger,
    fallbackBlock: ReviewAdminBlock.Name,
    handle: async (actor, view) => {
      const input = parseNewCycle(view.state.values);
      const result = await deps.reviewAdmin.createCycle(actor, input);
      if (!result.ok) return { errors: cycleErrorBlocks(result.errors, input.participants) };
      const completion = await deps.reviewAdmin.completion(actor, result.value.id);
      return { update: buildCycleModal(completion, ':white_check_mark: Created as a draft. Launch it to send the invitations and plan the reminders.') };
    },
  });
}

export function extendSubmit(deps: ReviewAdminViewDeps) {
  return formSubmit({
    name: 'extend the phase',
    logger: deps.logger,
    fallbackBlock: ReviewAdminBlock.Date,
    handle: async (actor, view) => {
      const cycleId = parseCycleMetadata(view.private_metadata);
      if (!cycleId) return { errors: { [ReviewAdminBlock.Date]: STALE } };
      const { phase, dueOn } = parseExtend(view.state.values);
      if (!phase) return { errors: { [ReviewAdminBlock.Phase]: 'Pick the phase to extend.' } };
      const result = await deps.reviewAdmin.extendPhase(actor, cycleId, phase, dueOn);
      if (!result.ok) return { errors: { [ReviewAdminBlock.Date]: Object.values(result.errors).find(Boolean) ?? 'Pick a later date.' } };
      const notice = `:white_check_mark: ${PHASE_NAMES[phase]} is now due ${dueOn}; its reminders moved with it.`;
      return closeAndRedraw(view.previous_view_id, async () => buildCycleModal(await deps.reviewAdmin.completion(actor, cycleId), notice));
    },
  });
}

export function reopenSubmit(deps: ReviewAdminViewDeps) {
  return formSubmit({
    name: 'reopen the review',
    logger: deps.logger,
    fallbackBlock: ReviewAdminBlock.Person,
    handle: async (actor, view) => {
      const cycleId = parseCycleMetadata(view.private_metadata);
      if (!cycleId) return { errors: { [ReviewAdminBlock.Person]: STALE } };
      const person = readFormState(view.state.values).user(ReviewAdminBlock.Person);
      const result = await deps.reviewAdmin.reopenForSlackUser(actor, cycleId, person);
      if (!result.ok) return { errors: { [ReviewAdminBlock.Person]: result.errors.person ?? STALE } };
      const notice = `:white_check_mark: Reopened for ${mention(result.value)}: their review can be finished; the cycle stays closed for everyone else.`;
      return closeAndRedraw(view.previous_view_id, async () => buildCycleModal(await deps.reviewAdmin.completion(actor, cycleId), notice));
    },
  });
}

/** Adds people to the cycle and shows it again, saying who was added. */
export function addPeopleSubmit(deps: ReviewAdminViewDeps) {
  return formSubmit({
    name: 'add people to the cycle',
    logger: deps.logger,
    fallbackBlock: ReviewAdminBlock.People,
    handle: async (actor, view) => {
      const cycleId = parseCycleMetadata(view.private_metadata);
      if (!cycleId) return { errors: { [ReviewAdminBlock.People]: STALE } };
      const result = await deps.reviewAdmin.addParticipantsBySlackUsers(actor, cycleId, parseAddPeople(view.state.values));
      if (!result.ok) return { errors: { [ReviewAdminBlock.People]: result.errors.people ?? STALE } };
      const notice = `:white_check_mark: Added ${result.value.map(mention).join(', ')}.`;
      return closeAndRedraw(view.previous_view_id, async () => buildCycleModal(await deps.reviewAdmin.completion(actor, cycleId), notice));
    },
  });
}
