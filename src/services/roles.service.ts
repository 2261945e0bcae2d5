import type { Db } from '../db/client';
import type { NewAuditEvent } from '../domain/audit';
import type { Validated } from '../domain/goal';
import { displayName, isActive, type Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { insertAuditEvents } from '../repositories/audit.repository';
import { listAdmins, setAdmin } from '../repositories/person.repository';
import type { AccessService } from './access.service';
import type { PeopleService } from './people.service';

export interface AdminRoster {
  admins: Person[];
  /** Slack ids made admins by ADMIN_SLACK_IDS: only the environment can take their role away. */
  bootstrapped: ReadonlySet<string>;
}

export interface RolesService {
  roster(actor: Person): Promise<AdminRoster>;
  /** Makes exactly these people the workspace's HR admins. */
  setAdmins(actor: Person, slackUserIds: readonly string[]): Promise<Validated<AdminRoster, 'admins'>>;
}

export function createRolesService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  people: PeopleService;
  bootstrapAdmins: ReadonlySet<string>;
}): RolesService {
  const { db, clock, access, people, bootstrapAdmins } = deps;

  const roster = async (workspaceId: string): Promise<AdminRoster> => ({
    admins: (await listAdmins(db, workspaceId)).filter((admin) => !admin.erased),
    bootstrapped: bootstrapAdmins,
  });

  return {
    async roster(actor) {
      await access.authorize(actor, 'roles.manage', { workspaceId: actor.workspaceId });
      return roster(actor.workspaceId);
    },

    async setAdmins(actor, slackUserIds) {
      await access.authorize(actor, 'roles.manage', { workspaceId: actor.workspaceId });
      const found = await Promise.all([...new Set(slackUserIds)].map((id) => people.resolve(actor.workspaceId, id)));
      const chosen = found.filter((p) => p !== undefined);
      if (chosen.length < found.length) return { ok: false, errors: { admins: 'Pick someone in this workspace: Slack does not know that person.' } };
      const invalid = chosen.find((person) => !isActive(person));
      if (invalid) {
        const why = invalid.isBot ? 'is a bot' : 'is deactivated in Slack';
        return { ok: false, errors: { admins: `${displayName(invalid)} ${why}, so cannot be an HR admin.` } };
      }
      if (chosen.length === 0) return { ok: false, errors: { admins: 'Keep at least one HR admin, or nobody can change these settings.' } };

      const current = await listAdmins(db, actor.workspaceId);
      const chosenIds = new Set(chosen.map((person) => person.id));
      const revoked = current.filter((admin) => !chosenIds.has(admin.id));
      const pinned = revoked.find((admin) => bootstrapAdmins.has(admin.slackUserId) && isActive(admin));
      if (pinned) {
        return {
          ok: false,
          errors: { admins: `${displayName(pinned)} is an admin through ADMIN_SLACK_IDS; remove them from that setting first.` },
        };
      }
      const granted = chosen.filter((person) => !person.isAdmin);
      const event = (person: Person, action: 'role.admin_granted' | 'role.admin_revoked'): NewAuditEvent => ({
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action,
        subjectId: person.id,
      });
      await db.transaction().execute(async (tx) => {
        await setAdmin(tx, granted.map((person) => person.id), true);
        await setAdmin(tx, revoked.map((person) => person.id), false);
        await insertAuditEvents(
          tx,
          [...granted.map((person) => event(person, 'role.admin_granted')), ...revoked.map((person) => event(person, 'role.admin_revoked'))],
          clock.now().toJSDate(),
        );
      });
      return { ok: true, value: await roster(actor.workspaceId) };
    },
  };
}
