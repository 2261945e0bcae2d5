import { createPerson } from '../../support/factories';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database.drop());

describe('createPerson', () => {
  it('gives people created in parallel their own Slack ids, names and emails', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => createPerson(database.db)));
    expect(new Set(people.map((p) => p.id)).size).toBe(4);
    expect(new Set(people.map((p) => p.slackUserId)).size).toBe(4);
    expect(new Set(people.map((p) => p.email)).size).toBe(4);
  });
});
