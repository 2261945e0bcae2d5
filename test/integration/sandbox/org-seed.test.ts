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

  it("is set up once: a visitor's own change survives a restart", async () => {
    const { people, org } = h.sandbox.cadence.deps;
    const dana = await people.resolveActor('T0CADENCE', 'U0DANA');
    expect((await org.setManager(dana, 'U0SOFIA', null)).ok).toBe(true);
    await h.restart();
    expect(await reportsOfPriya()).toEqual(['U0ALEX', 'U0ARJUN']);
  });
});

describe('setting up the starting org chart on a database reused from another run', () => {
  it('applies ADMIN_SLACK_IDS to people already recorded, and starts even when the chart cannot be set up', async () => {
    const h = await startSandboxHarness();
    try {
      const { people, org, db } = h.sandbox.cadence.deps;
      // As if U0DANA had been recorded earlier without admin rights, and ADMIN_SLACK_IDS then changed.
      await db.updateTable('person').set({ is_admin: false }).where('slack_user_id', '=', 'U0DANA').execute();
      const dana = await people.resolveActor('T0CADENCE', 'U0DANA');
      expect(dana.isAdmin).toBe(false);
      expect(await seedOrgChart({ people, org }, SANDBOX_PEOPLE)).toBeUndefined();

      // A sync that changes nothing stands for ADMIN_SLACK_IDS naming someone else.
      const withoutSync: PeopleService = { ...people, syncDirectory: async () => ({ workspaceId: 'T0CADENCE', people: 0 }) };
      await db.updateTable('person').set({ is_admin: false }).where('slack_user_id', '=', 'U0DANA').execute();
      expect(await seedOrgChart({ people: withoutSync, org }, SANDBOX_PEOPLE)).toBe('access denied: org.edit (not_permitted)');
    } finally {
      await h.stop();
    }
  });
});
