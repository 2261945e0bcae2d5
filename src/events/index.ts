import type { App } from '@slack/bolt';
import type { GoalService } from '../services/goal.service';
import type { CadenceContext } from '../slack/context';
import { appHomeOpened } from './app-home-opened.event';

export function registerEvents(app: App<CadenceContext>, deps: { goals: GoalService }): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
