import type { App } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import type { HomeDeps } from '../slack/home';
import { appHomeOpened } from './app-home-opened.event';
import { dmMessage, type DmMessageDeps } from './dm-message.event';
import { appUninstalled, tokensRevoked, type UninstallDeps } from './uninstall.event';

export function registerEvents(app: App<CadenceContext>, deps: HomeDeps & DmMessageDeps & UninstallDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('message', dmMessage(deps));
  app.event('app_uninstalled', appUninstalled(deps));
  app.event('tokens_revoked', tokensRevoked(deps));
}
