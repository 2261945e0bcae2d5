import { AccessDeniedError } from '../../domain/access-policy';
import type { Logger } from '../../lib/logger';
import type { GoalService } from '../../services/goal.service';
import type { StaleGoalService } from '../../services/stale-goal.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { fieldErrorsToBlocks } from '../blocks';
import { GoalBlock } from '../ids';
import { formSubmit } from '../submit';
import { extendFieldBlocks, parseExtendState } from './extend-goal.modal';
import { viewerContext } from './goal.format';
import { buildStaleOutcomeMessage } from './stale-goal.messages';

export type ExtendGoalDeps = HomeDeps & { goals: GoalService; staleGoals: StaleGoalService; logger: Logger };

/**
 * Saves the new target date, or keeps the form open with the error under the date. Once saved, the
 * nudge it came from says what was done; only a stale-goal nudge Cadence sent to this very person
 * is touched, whatever a crafted form names.
 */
export function extendGoalSubmit(deps: ExtendGoalDeps) {
  return formSubmit({
    name: 'extend the goal',
    logger: deps.logger,
    fallbackBlock: GoalBlock.TargetDate,
    handle: async (actor, view) => {
      const parsed = parseExtendState(view.state.values, view.private_metadata);
      if (!parsed) throw new AccessDeniedError('goal.edit', 'not_permitted');
      const result = await deps.goals.extend(actor, parsed.goalId, parsed.input);
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, extendFieldBlocks) };
      const { nudge } = parsed;
      const message = buildStaleOutcomeMessage(result.value.goal, 'extended', viewerContext(actor, deps.goals.today(actor)));
      return {
        close: true,
        afterwards: async (client) => {
          if (nudge && (await deps.staleGoals.isOwnNudge(actor, nudge))) await client.chat.update({ channel: nudge.channel, ts: nudge.ts, ...message });
          await publishHome(client, deps, actor);
        },
      };
    },
  });
}
