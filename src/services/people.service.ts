import type { Db } from '../db/client';
import type { NewPersonRow } from '../db/schema';
import type { DirectoryProfile, Person } from '../domain/person';
import { type Clock, isValidTimezone, systemClock } from '../lib/clock';
import { insertAuditEvents } from '../repositories/audit.repository';
import { findPersonBySlackId, grantAdmin, grantFirstAdmin, upsertDirectoryPage, upsertPerson } from '../repositories/person.repository';
import { upsertSlackTeams } from '../repositories/slack-team.repository';
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
  /**
   * Refreshes everyone in a workspace from the directory (users.list): names, emails, timezones,
   * deactivations. Without a workspace, the one Cadence serves (several served: name one).
   */
  syncDirectory(workspaceId?: string): Promise<DirectorySyncResult>;
  /** The workspaces Cadence serves now: the bot token's, or every active installation's. */
  servedWorkspaces(): Promise<string[]>;
  /**
   * Whoever installs Cadence into a workspace that has no HR admin becomes its first, as
   * ADMIN_SLACK_IDS does for a single workspace; audited as Cadence's doing. A reinstall, or an
   * install by another member, grants nothing.
   */
  grantInstallerAdmin(workspaceId: string, slackUserId: string): Promise<void>;
  /**
   * Records an org-wide install's Slack workspaces by name (nothing for any other workspace): at
   * install, so HR admins can choose settings per workspace at once, and with every directory sync.
   */
  syncTeams(workspaceId: string): Promise<void>;
}

export function createPeopleService(deps: {
  db: Db;
  directory: Directory;
  defaultTimezone: string;
  /** Slack user ids that are HR admins whatever the app says (ADMIN_SLACK_IDS). */
  bootstrapAdmins?: ReadonlySet<string>;
  clock?: Clock;
}): PeopleService {
  const { db, directory, defaultTimezone } = deps;
  const bootstrapAdmins = deps.bootstrapAdmins ?? new Set<string>();
  const clock = deps.clock ?? systemClock;

  /**
   * ADMIN_SLACK_IDS makes these people admins if they are not yet; only an admin in Cadence can
   * take the role away. Audited as Cadence's doing: no person granted it.
   */
  const applyBootstrapAdmins = (workspaceId: string, slackUserIds: readonly string[]): Promise<Person[]> =>
    grantAdmins(workspaceId, slackUserIds.filter((id) => bootstrapAdmins.has(id)), 'ADMIN_SLACK_IDS');

  /** Grants the role as `grant` decides, and audits each grant as Cadence's doing, in one transaction. */
  const auditedGrant = (workspaceId: string, source: string, grant: (tx: Db) => Promise<Person[]>): Promise<Person[]> =>
    db.transaction().execute(async (tx) => {
      const granted = await grant(tx);
      const events = granted.map((person) => ({
        workspaceId,
        actorId: null,
        action: 'role.admin_granted' as const,
        subjectId: person.id,
        detail: { source },
      }));
      await insertAuditEvents(tx, events, clock.now().toJSDate());
      return granted;
    });

  const grantAdmins = async (workspaceId: string, named: readonly string[], source: string): Promise<Person[]> =>
    named.length === 0 ? [] : auditedGrant(workspaceId, source, (tx) => grantAdmin(tx, workspaceId, named));

  const toRow = (workspaceId: string, profile: DirectoryProfile, workspaceTimezone: string): NewPersonRow => ({
    workspace_id: workspaceId,
    slack_user_id: profile.slackUserId,
    name: profile.name,
    real_name: profile.realName,
    email: profile.email,
    timezone: isValidTimezone(profile.timezone) ? profile.timezone : workspaceTimezone,
    is_bot: profile.isBot,
    deactivated: profile.deactivated,
    title: profile.title ?? null,
    home_team_id: profile.homeTeamId ?? null,
  });

  const recordProfile = async (workspaceId: string, profile: DirectoryProfile): Promise<Person> => {
    const workspace = await ensureWorkspace(db, workspaceId, defaultTimezone);
    const person = await upsertPerson(db, toRow(workspaceId, profile, workspace.default_timezone));
    const [granted] = await applyBootstrapAdmins(workspaceId, [profile.slackUserId]);
    return granted ?? person;
  };

  const syncTeams = async (workspaceId: string): Promise<void> => {
    await ensureWorkspace(db, workspaceId, defaultTimezone);
    await upsertSlackTeams(db, workspaceId, (await directory.listTeams?.(workspaceId)) ?? []);
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

    async syncDirectory(named) {
      let workspaceId = named;
      if (workspaceId === undefined) {
        const served = await directory.workspaceIds();
        if (served.length !== 1 || served[0] === undefined) throw new Error(`Cadence serves ${served.length} workspaces: name the one to sync`);
        workspaceId = served[0];
      }
      const workspace = await ensureWorkspace(db, workspaceId, defaultTimezone);
      await syncTeams(workspaceId);
      let people = 0;
      for await (const page of directory.listProfiles(workspaceId)) {
        await upsertDirectoryPage(db, page.map((profile) => toRow(workspaceId, profile, workspace.default_timezone)));
        people += page.length;
      }
      await applyBootstrapAdmins(workspaceId, [...bootstrapAdmins]);
      return { workspaceId, people };
    },

    servedWorkspaces: () => directory.workspaceIds(),

    syncTeams,

    async grantInstallerAdmin(workspaceId, slackUserId) {
      await record(workspaceId, slackUserId);
      await auditedGrant(workspaceId, 'installation', async (tx) => {
        const granted = await grantFirstAdmin(tx, workspaceId, slackUserId);
        return granted ? [granted] : [];
      });
    },
  };
}
