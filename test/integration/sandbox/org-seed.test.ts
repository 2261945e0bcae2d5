import { readFileSync } from 'node:fs';
import { seedOrgChart } from '../../../sandbox/web/org-seed';
import { SANDBOX_PEOPLE } from '../../../sandbox/web/people';
import { stateFile } from '../../../sandbox/web/state-file';
import type { PeopleService } from '../../../src/services/people.service';
import { type SandboxHarness, startSandboxHarness } from '../../support/sandbox';

describe("the sandbox's starting org chart", () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startSandboxHarness();
  });
  afterAll(() => h.stop());

  const reportsOfPriya = async () => {
    const { people, org } = h.sandbox.cadence.deps;
    const priya = await people.resolveActor('T0CADENCE', 'U0PRIYA');
    return (await org.overview(priya)).reports.map((p) => p.slackUserId).sort();
  };

  it('makes Priya the manager of Alex and his two peers, as the page says', async () => {
    expect(await reportsOfPriya()).toEqual(['U0ALEX', 'U0ARJUN', 'U0SOFIA']);
    expect(JSON.parse(readFileSync(stateFile(h.dataDir), 'utf8'))).toMatchObject({ orgChartSeeded: true });
  });

  it('is audited as Cadence setting each manager, naming the person and the manager, and the admin made by ADMIN_SLACK_IDS too', async () => {
    const { people, audit } = h.sandbox.cadence.deps;
    const dana = await people.resolveActor('T0CADENCE', 'U0DANA');
    const entries = await audit.recent(dana, 50);
    const managersSet = entries.filter((entry) => entry.action === 'org.manager_set');
    expect(managersSet.map((entry) => entry.subject?.slackUserId).sort()).toEqual(['U0ALEX', 'U0ARJUN', 'U0SOFIA']);
    for (const entry of managersSet) {
      expect(entry).toMatchObject({ actor: null, manager: { slackUserId: 'U0PRIYA' }, previousManager: null, detail: { source: 'setup' } });
    }
    expect(entries.filter((entry) => entry.action === 'role.admin_granted')).toEqual([
      expect.objectContaining({ actor: null, subject: expect.objectContaining({ slackUserId: 'U0DANA' }), detail: { source: 'ADMIN_SLACK_IDS' } }),
    ]);
    // The review story's template is Dana's own (story-seed.ts); the chart and roles are Cadence's.
    const chart = entries.filter((entry) => entry.action.startsWith('org.') || entry.action.startsWith('role.'));
    expect(chart.some((entry) => entry.actor?.slackUserId === 'U0DANA')).toBe(false);
  });

  it("is set up once: a visitor's own change survives a restart", async () => {
    const { people, org } = h.sandbox.cadence.deps;
    const dana = await people.resolveActor('T0CADENCE', 'U0DANA');
    expect((await org.setManager(dana, 'U0SOFIA', null)).ok).toBe(true);
    await h.restart();
    expect(await reportsOfPriya()).toEqual(['U0ALEX', 'U0ARJUN']);
  });
});

describe('setting up the starting org chart on a database reused from another run', () => {
  it('needs no admin: Cadence sets it up itself', async () => {
    const h = await startSandboxHarness();
    try {
      const { people, org, db } = h.sandbox.cadence.deps;
      // As if the chart were lost and nobody were an admin (ADMIN_SLACK_IDS naming someone not in the workspace).
      await db.updateTable('manager_link').set({ valid_to: new Date() }).where('valid_to', 'is', null).execute();
      await db.updateTable('person').set({ is_admin: false }).execute();
      const withoutSync: PeopleService = { ...people, syncDirectory: async () => ({ workspaceId: 'T0CADENCE', people: 0 }) };
      expect(await seedOrgChart({ people: withoutSync, org }, SANDBOX_PEOPLE)).toBeUndefined();
      const priya = await people.resolveActor('T0CADENCE', 'U0PRIYA');
      expect((await org.overview(priya)).reports.map((p) => p.slackUserId).sort()).toEqual(['U0ALEX', 'U0ARJUN', 'U0SOFIA']);
    } finally {
      await h.stop();
    }
  });
});
