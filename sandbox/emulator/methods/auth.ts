/**
 * auth.test: Bolt calls it when an App is constructed, to learn its bot user and bot ids; with an
 * org-wide install's token it names the organization. auth.teams.list: the workspaces an org-wide
 * install may act in.
 */
import { ok, type MethodHandler } from './context';

export const authMethods: Record<string, MethodHandler> = {
  'auth.test': ({ ws, org }) =>
    ok(
      org
        ? {
            url: `https://${org.domain}.enterprise.slack.com/`,
            team: org.name,
            user: ws.botName,
            team_id: org.id,
            user_id: org.botUserId,
            bot_id: org.botId,
            app_id: org.appId,
            enterprise_id: org.id,
            is_enterprise_install: true,
          }
        : {
            url: `https://${ws.domain}.slack.com/`,
            team: ws.name,
            user: ws.botName,
            team_id: ws.teamId,
            user_id: ws.botUserId,
            bot_id: ws.botId,
            app_id: ws.appId,
            ...(ws.enterprise ? { enterprise_id: ws.enterprise.id } : {}),
            is_enterprise_install: false,
          },
    ),

  // One page holds every team: organizations in tests have a handful.
  'auth.teams.list': ({ ws, org }) =>
    ok({ teams: (org ? org.teams() : [ws]).map((team) => ({ id: team.teamId, name: team.name })), response_metadata: { next_cursor: '' } }),
};
