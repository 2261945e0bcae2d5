import type { Db } from '../db/client';
import type { SlackTeam } from '../domain/person';

/** Records the Slack workspaces of an organization installed org-wide (names change; none is forgotten). */
export async function upsertSlackTeams(db: Db, workspaceId: string, teams: readonly SlackTeam[]): Promise<void> {
  if (teams.length === 0) return;
  await db
    .insertInto('slack_team')
    .values(teams.map((team) => ({ workspace_id: workspaceId, team_id: team.id, name: team.name })))
    .onConflict((oc) => oc.columns(['workspace_id', 'team_id']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .execute();
}

/** The organization's Slack workspaces by name; none for a workspace that is not an org-wide install. */
export async function listSlackTeams(db: Db, workspaceId: string): Promise<SlackTeam[]> {
  const rows = await db.selectFrom('slack_team').select(['team_id', 'name']).where('workspace_id', '=', workspaceId).orderBy('name').orderBy('team_id').execute();
  return rows.map((row) => ({ id: row.team_id, name: row.name }));
}

export async function findSlackTeam(db: Db, workspaceId: string, teamId: string): Promise<SlackTeam | undefined> {
  const row = await db.selectFrom('slack_team').select(['team_id', 'name']).where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).executeTakeFirst();
  return row && { id: row.team_id, name: row.name };
}
