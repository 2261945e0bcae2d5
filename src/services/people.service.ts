import type { Db } from '../db/client';
import type { Person } from '../domain/person';
import { isValidTimezone } from '../lib/clock';
import { findPersonBySlackId, upsertPerson } from '../repositories/person.repository';
import { ensureWorkspace } from '../repositories/workspace.repository';
import type { Directory } from './ports';

export interface PeopleService {
  /** The person behind a request, recorded from the directory the first time they show up. */
  resolveActor(workspaceId: string, slackUserId: string): Promise<Person>;
}

export function createPeopleService(deps: { db: Db; directory: Directory; defaultTimezone: string }): PeopleService {
  const { db, directory, defaultTimezone } = deps;
  return {
    async resolveActor(workspaceId, slackUserId) {
      const known = await findPersonBySlackId(db, workspaceId, slackUserId);
      if (known) return known;
      const workspace = await ensureWorkspace(db, workspaceId, defaultTimezone);
      const profile = await directory.fetchProfile(workspaceId, slackUserId);
      return upsertPerson(db, {
        workspace_id: workspaceId,
        slack_user_id: slackUserId,
        name: profile?.name ?? slackUserId,
        real_name: profile?.realName ?? null,
        email: profile?.email ?? null,
        timezone: isValidTimezone(profile?.timezone) ? profile.timezone : workspace.default_timezone,
        is_bot: profile?.isBot ?? false,
        deactivated: profile?.deactivated ?? false,
      });
    },
  };
}
