import type { Db } from '../db/client';
import type { NewPersonRow } from '../db/schema';
import type { DirectoryProfile, Person } from '../domain/person';
import { isValidTimezone } from '../lib/clock';
import { findPersonBySlackId, upsertDirectoryPage, upsertPerson } from '../repositories/person.repository';
import { ensureWorkspace } from '../repositories/workspace.repository';
import type { Directory } from './ports';

/** What Slack user ids look like; anything else (`<!channel>`, text) is nobody. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export interface DirectorySyncResult {
  workspaceId: string;
  people: number;
}

export interface PeopleService {
  /**
   * The person behind a request, recorded from the directory (users.info) the first time. An
   * erased person who uses Cadence again starts afresh: coming back is their own choice.
   */
  resolveActor(workspaceId: string, slackUserId: string): Promise<Person>;
  /**
   * Someone picked in a form or mentioned in a command, recorded from the directory the first
   * time; undefined when Slack knows no such person in this workspace (a crafted id, `<!channel>`),
   * so nothing is recorded for them. An erased person stays erased: someone else naming them does
   * not bring their data back.
   */
  resolve(workspaceId: string, slackUserId: string): Promise<Person | undefined>;
  /** Refreshes everyone from the directory (users.list): names, emails, timezones, deactivations. */
  syncDirectory(): Promise<DirectorySyncResult>;
}

export function createPeopleService(deps: {
  db: Db;
  directory: Directory;
  defaultTimezone: string;
  /** Slack user ids that are HR admins whatever the app says (ADMIN_SLACK_IDS). */
  bootstrapAdmins?: ReadonlySet<string>;
}): PeopleService {
  const { db, directory, defaultTimezone } = deps;
  const bootstrapAdmins = deps.bootstrapAdmins ?? new Set<string>();

  const toRow = (workspaceId: string, profile: DirectoryProfile, workspaceTimezone: string): NewPersonRow => ({
    workspace_id: workspaceId,
    slack_user_id: profile.slackUserId,
    name: profile.name,
    real_name: profile.realName,
    email: profile.email,
    timezone: isValidTimezone(profile.timezone) ? profile.timezone : workspaceTimezone,
    is_bot: profile.isBot,
    deactivated: profile.deactivated,
    is_admin: bootstrapAdmins.has(profile.slackUserId) && !profile.isBot,
  });

  const recordProfile = async (workspaceId: string, profile: DirectoryProfile): Promise<Person> => {
    const workspace = await ensureWorkspace(db, workspaceId, defaultTimezone);
    return upsertPerson(db, toRow(workspaceId, profile, workspace.default_timezone));
  };

  const record = async (workspaceId: string, slackUserId: string): Promise<Person> => {
    const profile = (await directory.fetchProfile(workspaceId, slackUserId)) ?? {
      slackUserId,
      name: slackUserId,
      realName: null,
      email: null,
      timezone: null,
      isBot: false,
      deactivated: false,
    };
    return recordProfile(workspaceId, profile);
  };

  return {
    async resolveActor(workspaceId, slackUserId) {
      const known = await findPersonBySlackId(db, workspaceId, slackUserId);
      return known && !known.erased ? known : record(workspaceId, slackUserId);
    },

    async resolve(workspaceId, slackUserId) {
      if (!SLACK_USER_ID.test(slackUserId)) return undefined;
      const known = await findPersonBySlackId(db, workspaceId, slackUserId);
      if (known) return known;
      const profile = await directory.fetchProfile(workspaceId, slackUserId);
      return profile && recordProfile(workspaceId, profile);
    },

    async syncDirectory() {
      const workspaceId = await directory.workspaceId();
      const workspace = await ensureWorkspace(db, workspaceId, defaultTimezone);
      let people = 0;
      for await (const page of directory.listProfiles(workspaceId)) {
        await upsertDirectoryPage(db, page.map((profile) => toRow(workspaceId, profile, workspace.default_timezone)));
        people += page.length;
      }
      return { workspaceId, people };
    },
  };
}
