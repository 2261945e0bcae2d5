import type { Logger } from '../lib/logger';
import type { DeliveryService } from '../services/delivery.service';
import type { GoalService } from '../services/goal.service';
import type { OrgService } from '../services/org.service';
import type { PeopleService } from '../services/people.service';
import { dailyDirectorySync, directorySyncHandler, directorySyncJob } from './directory-sync.job';
import { goalCreatedHandler, goalCreatedJob } from './goal-created.job';
import type { AnyJobDefinition, AnyJobHandler } from './job-definition';
import {
  managerProposedHandler,
  managerProposedJob,
  proposalAnsweredHandler,
  proposalAnsweredJob,
} from './manager-proposal.job';
import type { AnyRecurringJob } from './schedulers';

/** Every job kind Cadence runs; the worker refuses to start unless each has one handler. */
export const jobDefinitions: ReadonlyArray<AnyJobDefinition> = [goalCreatedJob, directorySyncJob, managerProposedJob, proposalAnsweredJob];

/** The one list of recurring work; `upsertSchedulers` makes Redis match it on every boot. */
export const recurringJobs: ReadonlyArray<AnyRecurringJob> = [dailyDirectorySync];

export function createJobHandlers(deps: {
  goals: GoalService;
  delivery: DeliveryService;
  people: PeopleService;
  org: OrgService;
  logger: Logger;
}): AnyJobHandler[] {
  return [goalCreatedHandler(deps), directorySyncHandler(deps), managerProposedHandler(deps), proposalAnsweredHandler(deps)];
}
