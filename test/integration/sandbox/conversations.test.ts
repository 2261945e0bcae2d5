import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { SlackMessage } from '../../../sandbox';
import { CheckinAction, CheckinCallbackId } from '../../../src/views/ids';
import { waitFor } from '../../support/redis';
import { type SandboxHarness, startSandboxHarness } from '../../support/sandbox';

const team = ['U0ALEX', 'U0PRIYA', 'U0ARJUN', 'U0SOFIA', 'U0DANA'];
const isNudge = (m: SlackMessage) => m.text.startsWith('Time for your check-in');

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe("the sandbox's conversations", () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startSandboxHarness();
  });
  afterAll(() => h.stop());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const conversationHtml = async (user: string) =>
    String(((await (await fetch(`${h.url}/api/regions?as=${user}`)).json()) as { conversation: string }).conversation);

  let nudged: string;
  let nudge: SlackMessage;

  it("replies in a nudge's thread: the bot gets message.im with thread_ts and keeps the reply as the note", async () => {
    await waitFor(async () => (await h.sandbox.time.next()) !== undefined, { what: 'the team to be scheduled' });
    // The story's own work (feedback notices, a note, Priya's digest) may be due first: each "next" is one step of the same walk.
    let next = await post('/api/clock/next', {});
    for (let step = 0; step < 20 && next.body.delivered !== 'checkin-nudge'; step += 1) next = await post('/api/clock/next', {});
    expect(next.body).toMatchObject({ delivered: 'checkin-nudge' });
    await waitFor(() => team.some((id) => h.sandbox.emulator.dms(id).some(isNudge)), { what: 'a check-in nudge' });
    nudged = team.find((id) => h.sandbox.emulator.dms(id).some(isNudge)) as string;
    nudge = h.sandbox.emulator.dms(nudged).find(isNudge) as SlackMessage;

    expect((await post('/api/message', { as: nudged, text: 'Shipped the importer', threadTs: nudge.ts })).status).toBe(200);
    const answer = await h.sandbox.emulator.waitForDm(nudged, (m) => m.text.startsWith('Noted for'));
    expect(answer.thread_ts).toBe(nudge.ts);
    const reply = h.sandbox.emulator.conversation(nudged).find((m) => m.text === 'Shipped the importer');
    expect(reply?.thread_ts).toBe(nudge.ts);
    const html = await conversationHtml(nudged);
    expect(html.indexOf('Shipped the importer')).toBeGreaterThan(html.indexOf('Time for your check-in'));
    expect(html).toContain('2 replies');
  });

  it('refuses a reply to a message that is not in the conversation, and sends nothing', async () => {
    const before = h.sandbox.emulator.conversation(nudged).length;
    const answer = await post('/api/message', { as: nudged, text: 'hello?', threadTs: '1.000001' });
    expect(answer.status).toBe(409);
    expect(String(answer.body.error)).toContain('no longer in this conversation');
    expect(h.sandbox.emulator.conversation(nudged)).toHaveLength(before);
  });

  it('turns @name and @Full Name into mentions, in messages and in commands that escape them', async () => {
    await post('/api/message', { as: 'U0ALEX', text: 'ping @priya and @Arjun Mehta' });
    await h.sandbox.emulator.waitForDm('U0ALEX', (m) => m.text.includes('reply in the thread'));
    expect(h.sandbox.emulator.conversation('U0ALEX').some((m) => m.text === 'ping <@U0PRIYA> and <@U0ARJUN>')).toBe(true);

    expect((await post('/api/command', { as: 'U0PRIYA', text: '/goal list @Alex Morgan' })).status).toBe(200);
    const said = await h.sandbox.emulator.waitForEphemeral('U0PRIYA', (m) => m.text.length > 0);
    // The two goals of the sandbox's story (story-seed.ts).
    expect(said.text).toBe("Alex Morgan's goals (2)");
  });

  it('is all still there after a restart, and its buttons still work', async () => {
    const before = h.sandbox.emulator.conversation(nudged).map((m) => ({ ts: m.ts, text: m.text, thread_ts: m.thread_ts }));
    await h.restart();
    expect(h.sandbox.emulator.conversation(nudged).map((m) => ({ ts: m.ts, text: m.text, thread_ts: m.thread_ts }))).toEqual(before);
    const html = await conversationHtml(nudged);
    expect(html).toContain('Time for your check-in');
    expect(html).toContain('Shipped the importer');

    const blockId = (nudge.blocks ?? []).find((b) => b.type === 'actions')?.block_id;
    const click = await post('/api/action', { as: nudged, source: { kind: 'message', channel: nudge.channel, ts: nudge.ts }, blockId, actionId: CheckinAction.Open });
    expect(click.status).toBe(200);
    await h.sandbox.emulator.waitForModal(nudged, (v) => v.callback_id === CheckinCallbackId.Form);

    // What is posted after the restart comes after what was kept.
    await post('/api/message', { as: nudged, text: 'after the restart' });
    const last = h.sandbox.emulator.conversation(nudged).find((m) => m.text === 'after the restart');
    expect(Number(last?.ts)).toBeGreaterThan(Math.max(...before.map((m) => Number(m.ts))));
  });

  it('answers /healthz and /readyz on the page port', async () => {
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${h.url}/readyz`)).json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it("listens for the bot's requests on loopback only", async () => {
    const port = h.sandbox.cadence.port as number;
    expect(await accepts('127.0.0.1', port)).toBe(true);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    // A machine with no other interface has nothing else to listen on.
    if (outside) expect(await accepts(outside.address, port)).toBe(false);
  });
});
