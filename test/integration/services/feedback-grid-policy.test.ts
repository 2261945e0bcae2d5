import type { Person } from '../../../src/domain/person';
import type { TeamPolicy } from '../../../src/domain/settings';
import { ManualClock } from '../../../src/lib/clock';
import { listReaders } from '../../../src/repositories/feedback-request.repository';
import { upsertTeamSettings } from '../../../src/repositories/settings.repository';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';

const ORG = 'E0FBPOLICY';

/**
 * An Enterprise Grid organization with settings per workspace: a 360 request is made under the
 * policy of the person it is about (their home workspace's), and keeps the threshold it was made with.
 *
 *   skip (home: Ops) ── manages ──> lead (Ops) ── manages ──> sam (Sales) and olu (Ops)
 */
describe('a 360 request under the policy of its subject’s home workspace', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-11-26T10:00:00Z');
  let f: ReturnType<typeof wireFeedback>;
  let skip: Person;
  let lead: Person;
  let sam: Person;
  let olu: Person;
  let peers: Person[];

  const at = async (teamId: string, realName: string) => {
    const person = await createPerson(t.db, { workspaceId: ORG, realName });
    await t.db.updateTable('person').set({ home_team_id: teamId }).where('id', '=', person.id).execute();
    return { ...person, homeTeamId: teamId };
  };
  const own = (teamId: string, policy: TeamPolicy) =>
    upsertTeamSettings(t.db, ORG, teamId, {
      checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
      workingDays: [1, 2, 3, 4, 5],
      workingHours: { start: '09:00', end: '18:00' },
      quietHours: { start: '20:00', end: '08:00' },
      ...policy,
    });

  beforeAll(async () => {
    t = await createTestDatabase();
    f = wireFeedback(t.db, clock, ORG);
    [skip, lead, sam, olu] = [await at('T0OPS', 'Skip'), await at('T0OPS', 'Lead'), await at('T0SALES', 'Sam'), await at('T0OPS', 'Olu')];
    peers = [await at('T0OPS', 'Peer A'), await at('T0OPS', 'Peer B'), await at('T0SALES', 'Peer C')];
    await linkManager(t.db, sam.id, lead.id);
    await linkManager(t.db, olu.id, lead.id);
    await linkManager(t.db, lead.id, skip.id);
    // The organization: threshold 3, no skip-level reading. Sales: 4 answers, skip-level reading on.
    await t.db.updateTable('workspace').set({ settings_scope: 'team', anonymity_threshold: 3, skip_level_visibility: false }).where('id', '=', ORG).execute();
    await t.db.insertInto('slack_team').values([{ workspace_id: ORG, team_id: 'T0OPS', name: 'Ops' }, { workspace_id: ORG, team_id: 'T0SALES', name: 'Sales' }]).execute();
    await own('T0SALES', { anonymityThreshold: 4, skipLevelVisibility: true });
  });
  afterAll(() => t.drop());

  async function ask(about: Person) {
    const result = await f.requests.create(lead, {
      subjectSlackId: about.slackUserId,
      peerSlackIds: peers.map((p) => p.slackUserId),
      focusAreas: ['Communication'],
      customQuestion: null,
      dueOn: '2026-12-03',
      note: null,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value.request;
  }

  async function answerAll(requestId: string) {
    for (const peer of peers) {
      const result = await f.answers.answer(peer, requestId, { ratings: ['4'], comments: ['Steady'], customAnswer: null, strengths: 'Calm', suggestions: null });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
    }
    return t.db.selectFrom('feedback_request').select(['status', 'anonymity_threshold']).where('id', '=', requestId).executeTakeFirstOrThrow();
  }

  it("offers and makes the request with the subject's threshold and skip-level readers, not the requester's", async () => {
    expect((await f.requests.form(lead, sam.slackUserId)).threshold).toBe(4);
    expect((await f.requests.form(lead, olu.slackUserId)).threshold).toBe(3);
    const aboutSam = await ask(sam);
    const aboutOlu = await ask(olu);
    expect(new Set(await listReaders(t.db, aboutSam.id))).toEqual(new Set([sam.id, lead.id, skip.id]));
    expect(new Set(await listReaders(t.db, aboutOlu.id))).toEqual(new Set([olu.id, lead.id]));

    // Sales lowers its threshold after the request about Sam was made: Sam's peers keep the 4 they were promised.
    await own('T0SALES', { anonymityThreshold: null, skipLevelVisibility: true });
    expect(await answerAll(aboutSam.id)).toEqual({ status: 'open', anonymity_threshold: 4 });
    expect(await answerAll(aboutOlu.id)).toEqual({ status: 'released', anonymity_threshold: 3 });
  });
});
