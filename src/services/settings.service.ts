import type { Db } from '../db/client';
import type { Validated } from '../domain/goal';
import type { Person, SlackTeam } from '../domain/person';
import {
  type AccessPolicySettings,
  type PersonalSettings,
  type PersonalSettingsField,
  type PersonalSettingsInput,
  type TeamSettingsField,
  type TeamSettingsInput,
  type TeamSettingsValues,
  validatePersonalSettings,
  validateTeamSettings,
  validateWorkspaceSettings,
  type WorkspaceSettings,
  type WorkspaceSettingsField,
  type WorkspaceSettingsInput,
} from '../domain/settings';
import { type Clock, isValidTimezone } from '../lib/clock';
import { insertAuditEvents } from '../repositories/audit.repository';
import { markWorkspaceSchedulesStale } from '../repositories/checkin-schedule.repository';
import {
  findPersonalSettings,
  findTeamSettings,
  updatePersonalSettings,
  updateWorkspaceSettings,
  upsertTeamSettings,
} from '../repositories/settings.repository';
import { findSlackTeam, listSlackTeams } from '../repositories/slack-team.repository';
import type { AccessService } from './access.service';
import { recomputeSchedules } from './checkin-schedule.service';

export interface SettingsView {
  /** What applies to the person: with their own Slack workspace's cadence and working time when it has them. */
  workspace: WorkspaceSettings;
  personal: PersonalSettings;
}

/** One Slack workspace of an organization: what applies to the people it is home to, and whether it is its own. */
export interface TeamSettingsView {
  team: SlackTeam;
  /** Its own policy values, null where it keeps the organization's. */
  settings: TeamSettingsValues;
  own: boolean;
  /** The organization's policy, which a null value above follows. */
  organization: AccessPolicySettings;
}

export interface SettingsService {
  /** The workspace's settings and the actor's own: what their Home tab and settings form show. */
  forPerson(actor: Person): Promise<SettingsView>;
  /** The workspace settings, for the HR admin form that edits them. */
  forAdmin(actor: Person): Promise<WorkspaceSettings>;
  updateWorkspace(actor: Person, input: WorkspaceSettingsInput): Promise<Validated<WorkspaceSettings, WorkspaceSettingsField>>;
  /** An org-wide install's Slack workspaces, for HR admins; none for a single workspace. */
  teams(actor: Person): Promise<SlackTeam[]>;
  /** One Slack workspace's settings for the HR admin form; undefined when it is not one of the organization's. */
  forTeam(actor: Person, teamId: string): Promise<TeamSettingsView | undefined>;
  /** Saves a Slack workspace's own cadence, working time and access policy; undefined when it is not one of the organization's. */
  updateTeam(actor: Person, teamId: string, input: TeamSettingsInput): Promise<Validated<TeamSettingsValues, TeamSettingsField> | undefined>;
  updatePersonal(actor: Person, input: PersonalSettingsInput): Promise<Validated<PersonalSettings, PersonalSettingsField>>;
}

/** Which top-level settings changed, old and new side by side, for the audit log. */
function changes<T extends object>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof T & string>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}

export function createSettingsService(deps: { db: Db; clock: Clock; access: AccessService }): SettingsService {
  const { db, clock, access } = deps;

  // A person's workspace is recorded before the person (a foreign key), so both always exist here.
  const workspaceSettings = async (workspaceId: string): Promise<WorkspaceSettings> => {
    const settings = await access.settings(workspaceId);
    if (!settings) throw new Error(`workspace ${workspaceId} is not recorded`);
    return settings;
  };

  /** What applies to a person: their Slack workspace's own cadence and working time, when the org chose those. */
  const settingsOf = async (person: Person): Promise<WorkspaceSettings> => {
    const settings = await access.settingsFor(person);
    if (!settings) throw new Error(`workspace ${person.workspaceId} is not recorded`);
    return settings;
  };

  /** Only a Slack workspace of this organization (a stale or crafted id finds none). */
  const teamSettings = async (workspaceId: string, teamId: string): Promise<TeamSettingsView | undefined> => {
    const team = await findSlackTeam(db, workspaceId, teamId);
    if (!team) return undefined;
    const [own, organization] = await Promise.all([findTeamSettings(db, workspaceId, team.id), workspaceSettings(workspaceId)]);
    const { checkin, workingDays, workingHours, quietHours } = own ?? organization;
    const policy = { anonymityThreshold: own?.anonymityThreshold ?? null, skipLevelVisibility: own?.skipLevelVisibility ?? null };
    const { anonymityThreshold, skipLevelVisibility } = organization;
    return { team, settings: { checkin, workingDays, workingHours, quietHours, ...policy }, own: own !== undefined, organization: { anonymityThreshold, skipLevelVisibility } };
  };

  const personalSettings = async (person: Person): Promise<PersonalSettings> => {
    const settings = await findPersonalSettings(db, person.id);
    if (!settings) throw new Error(`person ${person.id} is not recorded`);
    return settings;
  };

  return {
    async forPerson(actor) {
      await access.authorize(actor, 'personal_settings.manage', await access.subject(actor));
      return { workspace: await settingsOf(actor), personal: await personalSettings(actor) };
    },

    async forAdmin(actor) {
      await access.authorize(actor, 'settings.edit', { workspaceId: actor.workspaceId });
      return workspaceSettings(actor.workspaceId);
    },

    async updateWorkspace(actor, input) {
      await access.authorize(actor, 'settings.edit', { workspaceId: actor.workspaceId });
      const checked = validateWorkspaceSettings(input, isValidTimezone);
      if (!checked.ok) return checked;
      const before = await workspaceSettings(actor.workspaceId);
      // Only an org-wide install has Slack workspaces of its own to set; the form offers the choice nowhere else.
      if (checked.value.scope === 'team' && before.scope !== 'team' && (await listSlackTeams(db, actor.workspaceId)).length === 0) {
        return { ok: false, errors: { settingsScope: 'Settings per workspace are for an organization installed org-wide; this workspace has one set.' } };
      }
      const { workspaceId, ...previous } = before;
      await db.transaction().execute(async (tx) => {
        await updateWorkspaceSettings(tx, workspaceId, checked.value);
        const changed = changes(previous, checked.value);
        if (Object.keys(changed).length === 0) return;
        // Thousands of people may need a new next check-in: the dispatcher's next tick recomputes them.
        await markWorkspaceSchedulesStale(tx, workspaceId);
        await insertAuditEvents(
          tx,
          [{ workspaceId, actorId: actor.id, action: 'settings.workspace_changed', detail: { changes: changed } }],
          clock.now().toJSDate(),
        );
      });
      access.changed(workspaceId, 'settings');
      return { ok: true, value: { workspaceId, ...checked.value } };
    },

    async teams(actor) {
      await access.authorize(actor, 'settings.edit', { workspaceId: actor.workspaceId });
      return listSlackTeams(db, actor.workspaceId);
    },

    async forTeam(actor, teamId) {
      await access.authorize(actor, 'settings.edit', { workspaceId: actor.workspaceId });
      return teamSettings(actor.workspaceId, teamId);
    },

    async updateTeam(actor, teamId, input) {
      await access.authorize(actor, 'settings.edit', { workspaceId: actor.workspaceId });
      const current = await teamSettings(actor.workspaceId, teamId);
      if (!current) return undefined;
      const checked = validateTeamSettings(input);
      if (!checked.ok) return checked;
      const { workspaceId } = actor;
      await db.transaction().execute(async (tx) => {
        await upsertTeamSettings(tx, workspaceId, current.team.id, checked.value);
        const changed = changes(current.settings, checked.value);
        if (current.own && Object.keys(changed).length === 0) return;
        await markWorkspaceSchedulesStale(tx, workspaceId);
        await insertAuditEvents(
          tx,
          [{ workspaceId, actorId: actor.id, action: 'settings.team_changed', detail: { team: current.team.id, teamName: current.team.name, changes: changed } }],
          clock.now().toJSDate(),
        );
      });
      access.changed(workspaceId, 'settings', current.team.id);
      return checked;
    },

    async updatePersonal(actor, input) {
      await access.authorize(actor, 'personal_settings.manage', await access.subject(actor));
      const today = clock.now().setZone(actor.timezone).toISODate() ?? '';
      const checked = validatePersonalSettings(input, await settingsOf(actor), today);
      if (!checked.ok) return checked;
      const before = await personalSettings(actor);
      await db.transaction().execute(async (tx) => {
        await updatePersonalSettings(tx, actor.id, checked.value);
        const changed = changes(before, checked.value);
        if (Object.keys(changed).length === 0) return;
        // At once, so the Home tab shows the new next check-in as soon as the form closes.
        await recomputeSchedules(tx, [actor.id], clock.now());
        await insertAuditEvents(
          tx,
          [{ workspaceId: actor.workspaceId, actorId: actor.id, action: 'settings.personal_changed', subjectId: actor.id, detail: { changes: changed } }],
          clock.now().toJSDate(),
        );
      });
      return checked;
    },
  };
}
