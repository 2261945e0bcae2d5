import { type SandboxHarness, startSandboxHarness } from '../../support/sandbox';

const alex = 'U0ALEX';

describe('the assistant on the sandbox page, with no AI key', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startSandboxHarness();
  });
  afterAll(() => h.stop());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const conversation = async () => String(((await (await fetch(`${h.url}/api/regions?as=${alex}`)).json()) as { conversation: unknown }).conversation);

  it('tells a newcomer what to try, and answers what they write in the DM, in its thread', async () => {
    expect(await (await fetch(`${h.url}/?as=${alex}`)).text()).toContain("Chat with Cadence's assistant");
    expect((await post('/api/message', { as: alex, text: 'help' })).status).toBe(200);
    const help = await h.sandbox.emulator.waitForDm(alex, (m) => m.text.includes('I am Cadence’s assistant'));
    expect(help.text).toContain('no AI model is connected, so I follow a fixed grammar');
    expect(help.thread_ts).toBeDefined();

    expect((await post('/api/message', { as: alex, text: 'goals' })).status).toBe(200);
    await h.sandbox.emulator.waitForDm(alex, (m) => m.text.includes('Your goals') || m.text.includes('You have no goals yet'));
    const page = await conversation();
    expect(page).toContain('Reply in thread');
    expect(page).toMatch(/Your goals|You have no goals yet/);
  });
});
