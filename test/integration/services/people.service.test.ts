import type { DirectoryProfile } from '../../../src/domain/person';
import { createPeopleService } from '../../../src/services/people.service';
import type { Directory } from '../../../src/services/ports';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** Slack's directory is the edge we don't own: a table of profiles stands in for users.info. */
function directoryOf(profiles: DirectoryProfile[]): Directory & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    fetchProfile: async (_workspace, id) => {
      lookups.push(id);
      return profiles.find((p) => p.slackUserId === id);
    },
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

describe('people service', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('records a person from the directory the first time, then answers from the database', async () => {
    const directory = directoryOf([alice]);
    const people = createPeopleService({ db: t.db, directory, defaultTimezone: 'Europe/Berlin' });

    const first = await people.resolveActor('T0ONE', 'U0ALICE');
    const again = await people.resolveActor('T0ONE', 'U0ALICE');

    expect(first).toMatchObject({ workspaceId: 'T0ONE', name: 'alice', realName: 'Alice Example', timezone: 'Asia/Kolkata' });
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
      directory: directoryOf([{ ...alice, slackUserId: 'U0NOTZ', timezone }]),
      defaultTimezone: 'America/New_York',
    });
    const person = await people.resolveActor('T0TWO', 'U0NOTZ');
    expect(person.timezone).toBe('America/New_York');
    await t.db.deleteFrom('person').where('id', '=', person.id).execute();
  });

  it('records the same person once when two first requests race', async () => {
    const people = createPeopleService({ db: t.db, directory: directoryOf([alice]), defaultTimezone: 'UTC' });
    const [a, b] = await Promise.all([people.resolveActor('T0RACE', 'U0ALICE'), people.resolveActor('T0RACE', 'U0ALICE')]);
    expect(a.id).toBe(b.id);
    const rows = await t.db.selectFrom('person').select('id').where('workspace_id', '=', 'T0RACE').execute();
    expect(rows).toHaveLength(1);
  });

  it('records people the directory does not know under their Slack id', async () => {
    const people = createPeopleService({ db: t.db, directory: directoryOf([]), defaultTimezone: 'Europe/Paris' });
    expect(await people.resolveActor('T0GHOSTS', 'U0GHOST')).toMatchObject({ name: 'U0GHOST', timezone: 'Europe/Paris' });
  });
});
