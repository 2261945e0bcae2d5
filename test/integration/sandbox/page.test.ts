import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { stateFile } from '../../../sandbox/web/state-file';
import { GoalBlock } from '../../../src/views/ids';
import { waitFor } from '../../support/redis';
import { type SandboxHarness, startSandboxHarness } from '../../support/sandbox';

const alex = 'U0ALEX';

describe('the sandbox page server', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startSandboxHarness();
  });
  afterAll(() => h.stop());

  const post = async (path: string, body: unknown, contentType = 'application/json') => {
    const response = await fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const regions = async (user = alex) => (await fetch(`${h.url}/api/regions?as=${encodeURIComponent(user)}`)).json() as Promise<Record<string, unknown>>;
  const modalHtml = async () => ((await regions()).modal as { html: string } | null)?.html ?? '';

  it('serves the page: who you are, what you are looking at and what to try first', async () => {
    const response = await fetch(`${h.url}/?as=U0PRIYA`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-user="U0PRIYA"');
    expect(html).toContain('What you are looking at');
    expect(html).toContain('Try this first');
    for (const name of ['Alex Morgan', 'Priya Raman', 'Arjun Mehta', 'Sofia Reyes', 'Dana Okafor']) expect(html).toContain(name);
    for (const city of ['London', 'New York', 'Kolkata']) expect(html).toContain(`in ${city}`);
    expect((await fetch(`${h.url}/assets/sandbox.js`)).headers.get('content-type')).toContain('javascript');
  });

  it.each([
    ['a body that is not JSON', '/api/command', '{nope', 'application/json', 400, 'not valid JSON'],
    ['a form post', '/api/command', 'as=U0ALEX', 'application/x-www-form-urlencoded', 415, 'Send JSON'],
    ['an unknown person', '/api/command', { as: 'U0NOBODY', text: '/goal' }, 'application/json', 404, 'There is no U0NOBODY'],
    ['a malformed person id', '/api/message', { as: '<script>', text: 'hi' }, 'application/json', 400, 'not a person id'],
    ['a command the app does not declare', '/api/command', { as: alex, text: '/frobnicate now' }, 'application/json', 400, '/frobnicate is not a valid command'],
    ['a submission with no form open', '/api/submit', { as: alex, values: {} }, 'application/json', 409, 'no longer open'],
    ['a click on nothing', '/api/action', { as: alex, source: { kind: 'home' }, blockId: 'b', actionId: 'a' }, 'application/json', 409, 'no longer on screen'],
    ['an advance it cannot read', '/api/clock/advance', { by: 'soon' }, 'application/json', 400, 'Say how far'],
    ['an advance beyond a year', '/api/clock/advance', { by: '400d' }, 'application/json', 400, 'a year at most'],
  ])('refuses %s with a readable message, never a 500', async (_label, path, body, contentType, status, message) => {
    const answer = await post(path, body, contentType);
    expect(answer.status).toBe(status);
    expect(String(answer.body.error)).toContain(message);
    expect(String(answer.body.error)).not.toMatch(/\n\s+at /);
  });

  it('uploads a file chosen in a form to the workspace, for the form to carry its id; refuses what is not base64', async () => {
    const answer = await post('/api/upload', { as: alex, name: 'review.vtt', content: Buffer.from('WEBVTT\n').toString('base64') });
    expect(answer.status).toBe(200);
    const fileId = String(answer.body.fileId);
    expect(h.sandbox.emulator.fileObjects([fileId])).toEqual([expect.objectContaining({ id: fileId, name: 'review.vtt', user: alex, size: 7 })]);
    expect((await post('/api/upload', { as: alex, name: 'x.txt', content: 'not base64!' })).status).toBe(400);
  });

  it('answers unknown paths and methods with 404 and 405', async () => {
    expect((await fetch(`${h.url}/wp-admin`)).status).toBe(404);
    expect((await fetch(`${h.url}/api/command`)).status).toBe(405);
    expect((await fetch(`${h.url}/api/regions?as=U0NOBODY`)).status).toBe(404);
  });

  it('runs /goal through the bot: modal, client-side and bot errors inline, then the DM', async () => {
    expect((await post('/api/command', { as: alex, text: '/goal' })).status).toBe(200);
    await h.sandbox.emulator.waitForModal(alex, (v) => v.callback_id === 'goal_new');
    expect(await modalHtml()).toContain('New goal');

    // Slack's own client stops an empty required field; the bot never hears of it.
    const calls = h.sandbox.emulator.calls().length;
    expect((await post('/api/submit', { as: alex, values: { [GoalBlock.Title]: null } })).body).toEqual({ outcome: 'errors' });
    expect(await modalHtml()).toContain('Please fill out this field.');
    expect(h.sandbox.emulator.calls()).toHaveLength(calls);

    // The bot's response_action: errors.
    const past = DateTime.now().setZone('Europe/London').minus({ days: 3 }).toISODate();
    expect((await post('/api/submit', { as: alex, values: { [GoalBlock.Title]: 'Ship it', [GoalBlock.TargetDate]: past } })).body).toEqual({ outcome: 'errors' });
    expect(await modalHtml()).toContain('The target date is in the past');

    const title = '<img src=x onerror=alert(1)> & friends';
    expect((await post('/api/submit', { as: alex, values: { [GoalBlock.Title]: title, [GoalBlock.TargetDate]: null } })).body).toEqual({ outcome: 'closed' });
    await h.sandbox.emulator.waitForDm(alex, (m) => m.text.includes('friends'));
    const after = await regions();
    expect(after.modal).toBeNull();
    expect(after.conversation).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; friends');
    expect(after.conversation).not.toContain('<img');
  });

  it('opens the Home tab and acts on its buttons as block_actions', async () => {
    const { emulator } = h.sandbox;
    const published = emulator.calls('views.publish').length;
    expect((await post('/api/home-opened', { as: alex })).status).toBe(200);
    // The publish this opening caused (block ids Slack assigns change with every publish).
    await emulator.waitFor({ probe: () => emulator.calls('views.publish')[published], what: 'the Home tab published on opening' });
    expect(JSON.stringify(emulator.home(alex)?.blocks)).toContain('friends');
    const home = String((await regions()).home);
    expect(home).toContain('data-action-id="home_new_goal"');
    const blockId = /data-block-id="([^"]+)" data-action-id="home_new_goal"/.exec(home)?.[1];
    expect(blockId).toBeDefined();
    const click = await post('/api/action', { as: alex, source: { kind: 'home' }, blockId, actionId: 'home_new_goal' });
    expect(click.status).toBe(200);
    await h.sandbox.emulator.waitForModal(alex, (v) => v.callback_id === 'goal_new');
    expect((await post('/api/close', { as: alex })).status).toBe(200);
    expect(h.sandbox.emulator.openModal(alex)).toBeUndefined();
  });

  it('tells the page about changes over server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${h.url}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const sawChange = (async () => {
      while (!seen.includes('event: change')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value);
      }
      return seen.includes('event: change');
    })();
    await post('/api/command', { as: 'U0PRIYA', text: '/goal help' });
    await expect(sawChange).resolves.toBe(true);
    controller.abort();
  });

  it('moves the clock forward for everyone and saves how far, for the next start', async () => {
    const before = h.sandbox.time.now();
    const answer = await post('/api/clock/advance', { by: '1d 2h' });
    expect(answer.status).toBe(200);
    const now = DateTime.fromISO(String(answer.body.now));
    expect(now.diff(before, 'hours').hours).toBeGreaterThanOrEqual(26);
    expect(now.diff(before, 'hours').hours).toBeLessThan(26.1);
    expect(JSON.parse(readFileSync(stateFile(h.dataDir), 'utf8'))).toMatchObject({ clockOffsetMs: 26 * 3_600_000 });
    expect(String((await regions()).clock)).toContain('1 d 2 h ahead of real time');
  });

  it('jumps to the next check-in nudge, which waits in Postgres, and delivers it', async () => {
    const team = ['U0ALEX', 'U0PRIYA', 'U0ARJUN', 'U0SOFIA', 'U0DANA'];
    // Once the start-up directory sync has scheduled the team.
    await waitFor(async () => (await h.sandbox.time.next()) !== undefined, { what: 'the team to be scheduled' });
    // The story's own work (feedback notices, a note, Priya's digest) may be due first: each "next" is one step of the same walk.
    let answer = await post('/api/clock/next', {});
    for (let step = 0; step < 20 && answer.body.delivered !== 'checkin-nudge'; step += 1) answer = await post('/api/clock/next', {});
    expect(answer.body).toMatchObject({ delivered: 'checkin-nudge' });
    const at = DateTime.fromISO(String(answer.body.at));
    expect(h.sandbox.time.now() >= at).toBe(true);
    // Fridays at 15:00 in each person's own zone; whoever's comes first gets the nudge now.
    await waitFor(() => team.some((id) => h.sandbox.emulator.dms(id).some((m) => m.text.startsWith('Time for your check-in'))), { what: 'a check-in nudge' });
    // The page is told what went out, to whom and at what time of theirs.
    const sent = answer.body.sent as Array<{ line: string }>;
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]?.line).toMatch(/^To [A-Z][a-z]+ [A-Z][a-z]+, [A-Z][a-z]{2} \d+ [A-Z][a-z]{2} 15:00 their time: Time for your check-in/);
  });
});
