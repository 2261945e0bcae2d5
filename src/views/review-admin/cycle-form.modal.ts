import type { KnownBlock, ModalView } from '@slack/types';
import type { TemplateVersion } from '../../domain/review';
import { type CycleField, CYCLE_LIMITS, OPTIONAL_PHASES, PHASE_NAMES, REVIEW_PHASES, type PhaseDates } from '../../domain/review-cycle';
import type { CycleInput, ParticipantChoice } from '../../services/review-admin.service';
import { context, plain } from '../blocks';
import { ReviewAdminBlock, ReviewAdminCallbackId, reviewPhaseBlock } from '../ids';
import { input, option, staticSelect } from '../inputs';
import { readFormState } from '../state';

const PARTICIPANTS = {
  everyone: option('Everyone active in Cadence', 'everyone'),
  team: option('A manager’s team, at every level below them', 'team'),
  list: option('A list of people', 'list'),
} as const;

/** A new cycle: name, template, who takes part and each phase's due date (calibration optional). It starts as a draft. */
export function buildNewCycleModal(templates: readonly TemplateVersion[]): ModalView {
  const blocks: KnownBlock[] = [
    input(ReviewAdminBlock.Name, 'Cycle name', { type: 'plain_text_input', max_length: CYCLE_LIMITS.nameMax }),
    // A select offers at most 100 options.
    input(ReviewAdminBlock.Template, 'Template', staticSelect(templates.slice(0, 100).map((t) => option(`${t.name} (v${t.version})`.slice(0, 75), t.id)))),
    input(ReviewAdminBlock.Participants, 'Who takes part', { type: 'radio_buttons', options: Object.values(PARTICIPANTS), initial_option: PARTICIPANTS.everyone }),
    input(ReviewAdminBlock.Team, 'Their manager (for a team)', { type: 'users_select' }, { optional: true }),
    input(ReviewAdminBlock.People, 'The people (for a list)', { type: 'multi_users_select' }, { optional: true }),
    context('Due dates are on each person’s own calendar. Each phase is due on or after the one before it.'),
  ];
  for (const phase of REVIEW_PHASES) {
    const optional = OPTIONAL_PHASES.includes(phase);
    blocks.push(input(reviewPhaseBlock(phase), `${PHASE_NAMES[phase]} due${optional ? ' (optional)' : ''}`, { type: 'datepicker' }, { optional }));
  }
  return { type: 'modal', callback_id: ReviewAdminCallbackId.NewCycle, title: plain('New review cycle'), submit: plain('Create'), close: plain('Cancel'), blocks };
}

export function parseNewCycle(values: unknown): CycleInput {
  const state = readFormState(values);
  const kind = state.option(ReviewAdminBlock.Participants);
  const participants: ParticipantChoice =
    kind === 'team'
      ? { kind: 'team_of_slack_user', slackUserId: state.user(ReviewAdminBlock.Team) }
      : kind === 'list'
        ? { kind: 'slack_users', slackUserIds: state.users(ReviewAdminBlock.People) }
        : { kind: 'everyone' };
  const phases: PhaseDates = {};
  for (const phase of REVIEW_PHASES) {
    const day = state.date(reviewPhaseBlock(phase));
    if (day) phases[phase] = day;
  }
  return { name: state.text(ReviewAdminBlock.Name) ?? '', templateVersionId: state.option(ReviewAdminBlock.Template), participants, phases };
}

/** The input each of the domain's cycle errors is shown on; a team's or list's missing people on the input that names them. */
export function cycleErrorBlocks(errors: Partial<Record<CycleField, string>>, participants: ParticipantChoice): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as Array<[CycleField, string | undefined]>) {
    if (!message) continue;
    if (field === 'name') out[ReviewAdminBlock.Name] = message;
    else if (field === 'template') out[ReviewAdminBlock.Template] = message;
    else if (field === 'participants')
      out[participants.kind === 'team_of_slack_user' ? ReviewAdminBlock.Team : participants.kind === 'slack_users' ? ReviewAdminBlock.People : ReviewAdminBlock.Participants] = message;
    else out[reviewPhaseBlock(field.slice('phase_'.length))] = message;
  }
  return out;
}
