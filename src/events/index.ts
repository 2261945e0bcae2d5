import type { App } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import type { HomeDeps } from '../slack/home';
import { appHomeOpened } from './app-home-opened.event';

export function registerEvents(app: App<CadenceContext>, deps: HomeDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
