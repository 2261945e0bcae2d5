import type { ViewOutput } from '@slack/bolt';
import { AccessDeniedError } from '../../domain/access-policy';
import type { Person } from '../../domain/person';
import type { Logger } from '../../lib/logger';
import type { GoalDetail, GoalService } from '../../services/goal.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { fieldErrorsToBlocks } from '../blocks';
import { GoalBlock } from '../ids';
import { formSubmit, type SubmitOutcome } from '../submit';
import { alignFieldBlocks, buildAlignModal, parseAlignState } from './align.modal';
import { buildGoalDetailsModal } from './goal-details.modal';
import { draftFromState, draftToInput, goalFormErrors } from './goal-form.draft';
import { viewerContext } from './goal.format';
import { parsePickState } from './pick-goal.modal';
import { buildUpdateModal, parseUpdateState, updateErrorBlocks } from './update.modal';

type Deps = HomeDeps & { goals: GoalService; logger: Logger };

/** Input blocks of the submitted view: an error can only be shown under one of them. */
const inputBlocks = (view: ViewOutput): Set<string> =>
  new Set(view.blocks.flatMap((block) => (block.type === 'input' && typeof block.block_id === 'string' ? [block.block_id] : [])));

/** A crafted request naming no goal Cadence wrote into the form: refused like any goal out of reach. */
const noGoal = () => new AccessDeniedError('goal.edit', 'not_permitted');

/** The saved goal in place of the form, the Home tab refreshed behind it. */
function savedView(deps: Deps, actor: Person, detail: GoalDetail, notice: string): SubmitOutcome {
  return {
    update: buildGoalDetailsModal(detail, viewerContext(actor, deps.goals.today(actor)), notice),
    afterwards: (client) => publishHome(client, deps, actor),
  };
}

/** Stores a new goal with its key results, or keeps the form open with an error beside each field that needs one. */
export function newGoalSubmit(deps: Deps) {
  return formSubmit({
    name: 'save your goal',
    logger: deps.logger,
    fallbackBlock: GoalBlock.Title,
    handle: async (actor, view) => {
      const draft = { ...draftFromState(view.state.values, view.private_metadata), goalId: null };
      const result = await deps.goals.create(actor, draftToInput(draft));
      if (!result.ok) return { errors: goalFormErrors(result.errors, draft, inputBlocks(view)) };
      // The confirmation arrives as a DM; the form just closes, as it did before key results existed.
      return { close: true, afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}

export function editGoalSubmit(deps: Deps) {
  return formSubmit({
    name: 'save your changes',
    logger: deps.logger,
    fallbackBlock: GoalBlock.Title,
    handle: async (actor, view) => {
      const draft = draftFromState(view.state.values, view.private_metadata);
      if (!draft.goalId) throw noGoal();
      const result = await deps.goals.edit(actor, draft.goalId, draftToInput(draft));
      if (!result.ok) return { errors: goalFormErrors(result.errors, draft, inputBlocks(view)) };
      return savedView(deps, actor, result.value, ':white_check_mark: *Changes saved.*');
    },
  });
}

export function updateGoalSubmit(deps: Deps) {
  return formSubmit({
    name: 'save your update',
    logger: deps.logger,
    fallbackBlock: GoalBlock.Status,
    handle: async (actor, view) => {
      const parsed = parseUpdateState(view.state.values, view.private_metadata);
      if (!parsed) throw noGoal();
      const result = await deps.goals.updateProgress(actor, parsed.goalId, parsed.input);
      if (!result.ok) return { errors: updateErrorBlocks(result.errors) };
      return savedView(deps, actor, result.value, ':white_check_mark: *Update saved.*');
    },
  });
}

export function alignGoalSubmit(deps: Deps) {
  return formSubmit({
    name: 'save the alignment',
    logger: deps.logger,
    fallbackBlock: GoalBlock.Parent,
    handle: async (actor, view) => {
      const result = await deps.goals.align(actor, view.private_metadata, parseAlignState(view.state.values));
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, alignFieldBlocks) };
      return savedView(deps, actor, result.value, ':white_check_mark: *Alignment saved.*');
    },
  });
}

/** `/goal update` and `/goal align` with several goals: the picked goal's form replaces the picker. */
export function pickGoalSubmit(deps: Deps) {
  return formSubmit({
    name: 'open that goal',
    logger: deps.logger,
    fallbackBlock: GoalBlock.Pick,
    handle: async (actor, view) => {
      const { goalId, purpose } = parsePickState(view.state.values, view.private_metadata);
      if (!goalId) return { errors: { [GoalBlock.Pick]: 'Pick a goal.' } };
      const detail = await deps.goals.forEdit(actor, goalId);
      if (purpose === 'update') return { update: buildUpdateModal(detail, viewerContext(actor, deps.goals.today(actor))) };
      const { parents } = await deps.goals.formOptions(actor, goalId);
      return { update: buildAlignModal(detail, parents) };
    },
  });
}
