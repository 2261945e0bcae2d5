import type { App } from '@slack/bolt';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import type { Logger } from './lib/logger';
import type { GoalService } from './services/goal.service';
import type { PeopleService } from './services/people.service';
import { resolveActor } from './slack/actor.middleware';
import type { CadenceContext } from './slack/context';
import { registerViews } from './views';

export interface ListenerDeps {
  logger: Logger;
  people: PeopleService;
  goals: GoalService;
}

/** The one place every Slack listener is registered. */
export function registerListeners(app: App<CadenceContext>, deps: ListenerDeps): void {
  app.use(resolveActor(deps.people, deps.logger));
  registerCommands(app, deps);
  registerActions(app);
  registerEvents(app, deps);
  registerViews(app, deps);
}
