import type { ModalView } from '@slack/types';
import { TEMPLATE_LIMITS } from '../../domain/review-template';
import type { CompetencyField, CompetencyInput } from '../../services/review-admin.service';
import { context, plain } from '../blocks';
import { ReviewAdminBlock, ReviewAdminCallbackId } from '../ids';
import { input } from '../inputs';
import { readFormState } from '../state';

/** One non-empty line per entry: how the forms take level descriptions, rating labels and choices. */
export const linesOf = (text: string | null): string[] => (text ?? '').split('\n').map((line) => line.trim()).filter((line) => line.length > 0);

/** A competency of the framework: its name, what it is, what each level looks like (lowest first) and, optionally, the team and the role it is for. */
export function buildCompetencyModal(): ModalView {
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.Competency,
    title: plain('New competency'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      input(ReviewAdminBlock.Name, 'Name', { type: 'plain_text_input', max_length: TEMPLATE_LIMITS.nameMax }),
      input(ReviewAdminBlock.Description, 'Description', { type: 'plain_text_input', multiline: true, max_length: 1000 }, { optional: true }),
      input(ReviewAdminBlock.Levels, 'What each level looks like', { type: 'plain_text_input', multiline: true }, {
        hint: `One level per line, lowest first: ${TEMPLATE_LIMITS.scaleMin} to ${TEMPLATE_LIMITS.scaleMax} levels. Templates rate the competency on these.`,
      }),
      input(ReviewAdminBlock.Team, 'Only for a team (their manager)', { type: 'users_select' }, {
        optional: true,
        hint: 'Leave empty for the whole workspace. A team’s competency is offered on the goals of everyone under that manager.',
      }),
      input(ReviewAdminBlock.Role, 'Only for a role (job title)', { type: 'plain_text_input', max_length: TEMPLATE_LIMITS.roleMax }, {
        optional: true,
        hint: 'The job title as on people’s Slack profiles (any case). Leave empty for every role; with a team too, it is for that role in that team.',
      }),
      context('Templates can then ask for a rating on this competency; goals can be tagged with it as development goals.'),
    ],
  };
}

export function parseCompetency(values: unknown): CompetencyInput {
  const state = readFormState(values);
  return {
    name: state.text(ReviewAdminBlock.Name) ?? '',
    description: state.text(ReviewAdminBlock.Description) ?? '',
    levels: linesOf(state.text(ReviewAdminBlock.Levels)),
    teamSlackUserId: state.user(ReviewAdminBlock.Team),
    role: state.text(ReviewAdminBlock.Role),
  };
}

export const COMPETENCY_BLOCKS: Record<CompetencyField, string> = { name: ReviewAdminBlock.Name, levels: ReviewAdminBlock.Levels, team: ReviewAdminBlock.Team, role: ReviewAdminBlock.Role };
