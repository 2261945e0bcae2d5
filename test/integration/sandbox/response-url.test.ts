/**
 * response_url: 5 posts within 30 minutes, then 404; ephemeral by default, in_channel on request,
 * replace_original / delete_original acting on the message that was clicked.
 */
import { DEFAULT_PEOPLE, RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS, startSlackEmulator, type SlackEmulator } from '../../../sandbox';
import { clientFor, ManualClock } from './support';

const alice = DEFAULT_PEOPLE.alice.id;

async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('Slack emulator response_url', () => {
  const clock = new ManualClock();
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = await startSlackEmulator({ rateLimits: 'off', now: clock.now });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('works 5 times, each an ephemeral message to the person, then answers 404 used_url', async () => {
    const url = emulator.issueResponseUrl({ userId: alice, channel: 'D0ALICE' });
    expect(url.startsWith(`${emulator.url}/response/`)).toBe(true);
    for (let i = 1; i <= RESPONSE_URL_MAX_USES; i += 1) {
      expect(await post(url, { text: `reply ${i}` })).toEqual({ status: 200, body: { ok: true } });
    }
    expect(await post(url, { text: 'one too many' })).toEqual({ status: 404, body: { ok: false, error: 'used_url' } });
    expect(emulator.ephemerals(alice).map((m) => [m.text, m.source])).toEqual(
      [1, 2, 3, 4, 5].map((i) => [`reply ${i}`, 'response_url']),
    );
    expect(emulator.dms(alice)).toEqual([]);
  });

  it('expires 30 minutes after it was issued', async () => {
    const url = emulator.issueResponseUrl({ userId: alice, channel: 'D0ALICE' });
    clock.advance(RESPONSE_URL_TTL_MS);
    expect((await post(url, { text: 'just in time' })).status).toBe(200);
    clock.advance(1);
    expect(await post(url, { text: 'late' })).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
  });

  it('response_type in_channel posts a real message in the DM', async () => {
    const url = emulator.issueResponseUrl({ userId: alice, channel: 'D0ALICE' });
    await post(url, { text: 'for everyone', response_type: 'in_channel' });
    expect(emulator.dms(alice).map((m) => m.text)).toEqual(['for everyone']);
  });

  it('replace_original rewrites the clicked message and delete_original removes it', async () => {
    const { ts } = await clientFor(emulator).chat.postMessage({ channel: alice, text: 'Approve?', blocks: [{ type: 'divider' }] });
    const url = emulator.issueResponseUrl({ userId: alice, channel: 'D0ALICE', original: { ts: ts ?? '', ephemeral: false } });
    await post(url, { replace_original: true, text: 'Approved' });
    expect(emulator.dms(alice)).toEqual([expect.objectContaining({ ts, text: 'Approved' })]);
    expect(emulator.dms(alice)[0]?.blocks).toBeUndefined();
    await post(url, { delete_original: true });
    expect(emulator.dms(alice)).toEqual([]);
  });

  it('refuses invalid blocks with Slack json-pointer errors, posts nothing and spends no use', async () => {
    const url = emulator.issueResponseUrl({ userId: alice, channel: 'D0ALICE' });
    const refused = await post(url, { text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'not allowed' } }] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ ok: false, error: 'invalid_blocks', errors: [expect.stringContaining('[json-pointer:/blocks/0/text')] });
    expect(await post(url, {})).toMatchObject({ status: 400, body: { error: 'no_text' } });
    expect(emulator.ephemerals(alice)).toEqual([]);
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i += 1) expect((await post(url, { text: 'ok' })).status).toBe(200);
  });

  it('records posts as response_url calls', async () => {
    const url = emulator.issueResponseUrl({ userId: alice, channel: 'D0ALICE' });
    await post(url, { text: 'noted' });
    await expect(emulator.waitForCall('response_url', (c) => c.params.text === 'noted', 100)).resolves.toMatchObject({ status: 200 });
  });

  it('answers 404 for a URL it never issued', async () => {
    expect(await post(`${emulator.url}/response/T0CADENCE/nope`, { text: 'x' })).toEqual({ status: 404, body: { ok: false, error: 'invalid_url' } });
  });
});
