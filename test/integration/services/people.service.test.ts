import type { DirectoryProfile } from '../../../src/domain/person';
import { findPersonBySlackId } from '../../../src/repositories/person.repository';
import { createPeopleService } from '../../../src/services/people.service';
import type { Directory } from '../../../src/services/ports';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/**
 * Slack's directory is the edge we don't own: a table of profiles stands in for users.info, and
 * for users.list served in pages of `pageSize`, as Slack paginates it.
 */
function directoryOf(workspaceId: string, profiles: DirectoryProfile[], pageSize = 2): Directory & { lookups: string[]; pages: number } {
  const state = { lookups: [] as string[], pages: 0 };
  return {
    get lookups() {
      return state.lookups;
    },
    get pages() {
      return state.pages;
    },
    fetchProfile: async (_workspace, id) => {
      state.lookups.push(id);
      return profiles.find((p) => p.slackUserId === id);
    },
    async *listProfiles() {
      for (let i = 0; i < profiles.length; i += pageSize) {
        state.pages += 1;
        yield profiles.slice(i, i + pageSize);
      }
    },
    workspaceIds: async () => [workspaceId],
  };
}

const alice: DirectoryProfile = {
  slackUserId: 'U0ALICE',
  name: 'alice',
  realName: 'Alice Example',
  email: 'alice@example.com',
  timezone: 'Asia/Kolkata',
  isBot: false,
  deactivated: false,
};
const profile = (id: string, overrides: Partial<DirectoryProfile> = {}): DirectoryProfile => ({
  ...alice,
  slackUserId: id,
  name: id.toLowerCase(),
  email: `${id.toLowerCase()}@example.com`,
  ...overrides,
});

describe('people service', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('records a person from the directory the first time, then answers from the database', async () => {
    const directory = directoryOf('T0ONE', [alice]);
    const people = createPeopleService({ db: t.db, directory, defaultTimezone: 'Europe/Berlin' });

    const first = await people.resolveActor('T0ONE', 'U0ALICE');
    const again = await people.resolveActor('T0ONE', 'U0ALICE');

    expect(first).toMatchObject({ workspaceId: 'T0ONE', name: 'alice', realName: 'Alice Example', timezone: 'Asia/Kolkata', isAdmin: false });
    expect(again.id).toBe(first.id);
    expect(directory.lookups).toEqual(['U0ALICE']);
    const workspace = await t.db.selectFrom('workspace').selectAll().where('id', '=', 'T0ONE').executeTakeFirstOrThrow();
    expect(workspace.default_timezone).toBe('Europe/Berlin');
  });

  it.each([
    ['no timezone', null],
    ['a timezone Cadence does not know', 'Mars/Olympus_Mons'],
  ])('falls back to the workspace default when Slack gives %s', async (_label, timezone) => {
    const people = createPeopleService({
      db: t.db,
      directory: directoryOf('T0TWO', [{ ...alice, slackUserId: 'U0NOTZ', timezone }]),
      defaultTimezone: 'America/New_York',
    });
    const person = await people.resolveActor('T0TWO', 'U0NOTZ');
    expect(person.timezone).toBe('America/New_York');
    await t.db.deleteFrom('person').where('id', '=', person.id).execute();
  });

  it('records the same person once when two first requests race', async () => {
    const people = createPeopleService({ db: t.db, directory: directoryOf('T0RACE', [alice]), defaultTimezone: 'UTC' });
    const [a, b] = await Promise.all([people.resolveActor('T0RACE', 'U0ALICE'), people.resolveActor('T0RACE', 'U0ALICE')]);
    expect(a.id).toBe(b.id);
    const rows = await t.db.selectFrom('person').select('id').where('workspace_id', '=', 'T0RACE').execute();
    expect(rows).toHaveLength(1);
  });

  it('records people the directory does not know under their Slack id', async () => {
    const people = createPeopleService({ db: t.db, directory: directoryOf('T0GHOSTS', []), defaultTimezone: 'Europe/Paris' });
    expect(await people.resolveActor('T0GHOSTS', 'U0GHOST')).toMatchObject({ name: 'U0GHOST', timezone: 'Europe/Paris' });
  });

  describe('directory sync', () => {
    const everyone = [profile('U0A'), profile('U0B'), profile('U0C', { isBot: true, email: null }), profile('U0D'), profile('U0E')];

    it('records every page of the directory, bots flagged, and is idempotent', async () => {
      const directory = directoryOf('T0SYNC', everyone);
      const people = createPeopleService({ db: t.db, directory, defaultTimezone: 'UTC' });
      expect(await people.syncDirectory()).toEqual({ workspaceId: 'T0SYNC', people: 5 });
      expect(directory.pages).toBe(3);
      await people.syncDirectory();
      const rows = await t.db.selectFrom('person').select(['slack_user_id', 'is_bot']).where('workspace_id', '=', 'T0SYNC').orderBy('slack_user_id').execute();
      expect(rows).toEqual([
        { slack_user_id: 'U0A', is_bot: false },
        { slack_user_id: 'U0B', is_bot: false },
        { slack_user_id: 'U0C', is_bot: true },
        { slack_user_id: 'U0D', is_bot: false },
        { slack_user_id: 'U0E', is_bot: false },
      ]);
    });

    it('picks up deactivations, new names and timezone changes', async () => {
      const changed = everyone.map((p) =>
        p.slackUserId === 'U0A' ? { ...p, deactivated: true } : p.slackUserId === 'U0B' ? { ...p, realName: 'Bea Renamed', timezone: 'Pacific/Auckland' } : p,
      );
      await createPeopleService({ db: t.db, directory: directoryOf('T0SYNC', changed), defaultTimezone: 'UTC' }).syncDirectory();
      expect(await findPersonBySlackId(t.db, 'T0SYNC', 'U0A')).toMatchObject({ deactivated: true });
      expect(await findPersonBySlackId(t.db, 'T0SYNC', 'U0B')).toMatchObject({ realName: 'Bea Renamed', timezone: 'Pacific/Auckland' });
    });

    it('keeps each person’s job title as their Slack profile gives it, for competencies scoped to a role', async () => {
      const titled = everyone.map((p) => (p.slackUserId === 'U0D' ? { ...p, title: 'Staff Engineer' } : p));
      await createPeopleService({ db: t.db, directory: directoryOf('T0SYNC', titled), defaultTimezone: 'UTC' }).syncDirectory();
      const title = async (id: string) => (await t.db.selectFrom('person').select('title').where('workspace_id', '=', 'T0SYNC').where('slack_user_id', '=', id).executeTakeFirstOrThrow()).title;
      expect([await title('U0D'), await title('U0E')]).toEqual(['Staff Engineer', null]);
      // A title removed from the profile is removed here too.
      await createPeopleService({ db: t.db, directory: directoryOf('T0SYNC', everyone), defaultTimezone: 'UTC' }).syncDirectory();
      expect(await title('U0D')).toBeNull();
    });

    it('makes ADMIN_SLACK_IDS admins, never bots, and keeps admins the app made', async () => {
      const people = createPeopleService({
        db: t.db,
        directory: directoryOf('T0SYNC', everyone),
        defaultTimezone: 'UTC',
        bootstrapAdmins: new Set(['U0D', 'U0C']),
      });
      await t.db.updateTable('person').set({ is_admin: true }).where('slack_user_id', '=', 'U0E').execute();
      await Promise.all([people.syncDirectory(), people.syncDirectory()]);
      const admins = await t.db.selectFrom('person').select('slack_user_id').where('workspace_id', '=', 'T0SYNC').where('is_admin', '=', true).orderBy('slack_user_id').execute();
      expect(admins.map((a) => a.slack_user_id)).toEqual(['U0D', 'U0E']);
      // Cadence granted it, once, however many syncs ran at the same time.
      const granted = await t.db.selectFrom('audit_event').innerJoin('person', 'person.id', 'audit_event.subject_id').select(['actor_id', 'slack_user_id', 'detail']).where('action', '=', 'role.admin_granted').where('audit_event.workspace_id', '=', 'T0SYNC').execute();
      expect(granted).toEqual([{ actor_id: null, slack_user_id: 'U0D', detail: { source: 'ADMIN_SLACK_IDS' } }]);
    });

    it('leaves an erased person erased, even when named, but gives them a fresh start when they use Cadence again', async () => {
      await t.db.updateTable('person').set({ name: 'Deleted person', email: null, erased_at: new Date() }).where('slack_user_id', '=', 'U0E').execute();
      const people = createPeopleService({ db: t.db, directory: directoryOf('T0SYNC', everyone), defaultTimezone: 'UTC' });
      await people.syncDirectory();
      expect(await findPersonBySlackId(t.db, 'T0SYNC', 'U0E')).toMatchObject({ name: 'Deleted person', email: null, erased: true });
      expect(await people.resolve('T0SYNC', 'U0E')).toMatchObject({ name: 'Deleted person', erased: true });

      expect(await people.resolveActor('T0SYNC', 'U0E')).toMatchObject({ name: 'u0e', email: 'u0e@example.com', erased: false });
    });
  });
});
