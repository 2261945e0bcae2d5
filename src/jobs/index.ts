import type { DeliveryService } from '../services/delivery.service';
import type { GoalService } from '../services/goal.service';
import { goalCreatedHandler, goalCreatedJob } from './goal-created.job';
import type { AnyJobDefinition, AnyJobHandler } from './job-definition';

/** Every job kind Cadence runs; the worker refuses to start unless each has one handler. */
export const jobDefinitions: ReadonlyArray<AnyJobDefinition> = [goalCreatedJob];

export function createJobHandlers(deps: { goals: GoalService; delivery: DeliveryService }): AnyJobHandler[] {
  return [goalCreatedHandler(deps)];
}
