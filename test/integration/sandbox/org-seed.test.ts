import { readFileSync } from 'node:fs';
import { stateFile } from '../../../sandbox/web/state-file';
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
