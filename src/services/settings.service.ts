import type { Db } from '../db/client';
import type { Validated } from '../domain/goal';
import type { Person } from '../domain/person';
import {
  type PersonalSettings,
  type PersonalSettingsField,
  type PersonalSettingsInput,
  validatePersonalSettings,
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
  updatePersonalSettings,
  updateWorkspaceSettings,
} from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import { recomputeSchedules } from './checkin-schedule.service';

export interface SettingsView {
  workspace: WorkspaceSettings;
  personal: PersonalSettings;
}

export interface SettingsService {
  /** The workspace's settings and the actor's own: what their Home tab and settings form show. */
  forPerson(actor: Person): Promise<SettingsView>;
  /** The workspace settings, for the HR admin form that edits them. */
  forAdmin(actor: Person): Promise<WorkspaceSettings>;
  updateWorkspace(actor: Person, input: WorkspaceSettingsInput): Promise<Validated<WorkspaceSettings, WorkspaceSettingsField>>;
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

  const personalSettings = async (person: Person): Promise<PersonalSettings> => {
    const settings = await findPersonalSettings(db, person.id);
    if (!settings) throw new Error(`person ${person.id} is not recorded`);
    return settings;
  };

  return {
    async forPerson(actor) {
      await access.authorize(actor, 'personal_settings.manage', await access.subject(actor));
      return { workspace: await workspaceSettings(actor.workspaceId), personal: await personalSettings(actor) };
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

    async updatePersonal(actor, input) {
      await access.authorize(actor, 'personal_settings.manage', await access.subject(actor));
      const today = clock.now().setZone(actor.timezone).toISODate() ?? '';
      const checked = validatePersonalSettings(input, await workspaceSettings(actor.workspaceId), today);
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
