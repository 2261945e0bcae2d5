/** auth.test: Bolt calls it when an App is constructed, to learn its bot user and bot ids. */
import { ok, type MethodHandler } from './context';

export const authMethods: Record<string, MethodHandler> = {
  'auth.test': ({ ws }) =>
    ok({
      url: `https://${ws.domain}.slack.com/`,
      team: ws.name,
      user: ws.botName,
      team_id: ws.teamId,
      user_id: ws.botUserId,
      bot_id: ws.botId,
      app_id: ws.appId,
      is_enterprise_install: false,
    }),
};
