import type { App } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import type { HomeDeps } from '../slack/home';
import { appHomeOpened } from './app-home-opened.event';
import { dmMessage, type DmMessageDeps } from './dm-message.event';

export function registerEvents(app: App<CadenceContext>, deps: HomeDeps & DmMessageDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('message', dmMessage(deps));
}
