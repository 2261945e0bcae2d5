import type { App } from '@slack/bolt';
import { type ActionDeps, registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import type { UninstallDeps } from './events/uninstall.event';
import type { DmMessageDeps } from './events/dm-message.event';
import type { PeopleService } from './services/people.service';
import { resolveActor } from './slack/actor.middleware';
import type { CadenceContext } from './slack/context';
import { createListenerRouter } from './slack/listener-router';
import { registerViews, type ViewDeps } from './views';

export type ListenerDeps = ViewDeps & ActionDeps & DmMessageDeps & UninstallDeps & { people: PeopleService };

/** The one place every Slack listener is registered. */
export function registerListeners(app: App<CadenceContext>, deps: ListenerDeps): void {
  app.use(resolveActor(deps.people, deps.logger));
  registerCommands(app, deps);
  const router = createListenerRouter(app);
  registerActions(router, deps);
  registerEvents(app, deps);
  registerViews(router, deps);
}
