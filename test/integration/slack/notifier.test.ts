import { DEFAULT_BOT_TOKEN, DEFAULT_PEOPLE } from '../../../sandbox/emulator/defaults';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/emulator/emulator';
import { NotDeliveredError, PermanentError, RateLimitedError } from '../../../src/lib/errors';
import { createLogger } from '../../../src/lib/logger';
import { singleTokenClients } from '../../../src/slack/clients';
import { createSlackDirectory } from '../../../src/slack/directory';
import { createSlackNotifier } from '../../../src/slack/notifier';
import { createJobWebClient } from '../../../src/slack/web-client';

const logger = createLogger('silent');
const alice = DEFAULT_PEOPLE.alice.id;

describe('Slack adapters against the emulator', () => {
  let emulator: SlackEmulator;
  beforeAll(async () => {
    emulator = await startSlackEmulator({ rateLimits: 'off' });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.stop());

  const notifier = () => createSlackNotifier(singleTokenClients(createJobWebClient(DEFAULT_BOT_TOKEN, emulator.apiUrl, logger)));

  it("posts a DM into the app's conversation with the person, tagged with its ledger key", async () => {
    const posted = await notifier().sendDm('T0CADENCE', alice, { text: 'hello', blocks: [{ type: 'divider' }] }, 'nudge-1');
    expect(posted.ts).not.toBe('');
    expect(emulator.dms(alice)).toEqual([
      expect.objectContaining({ text: 'hello', ts: posted.ts, metadata: { event_type: 'cadence_delivery', event_payload: { key: 'nudge-1' } } }),
    ]);
  });

  it("finds a sent DM by its ledger key in the person's history, and only from the claim on", async () => {
    const since = new Date(emulator.workspace().nowMs());
    const posted = await notifier().sendDm('T0CADENCE', alice, { text: 'first' }, 'key-a');
    await notifier().sendDm('T0CADENCE', alice, { text: 'second' }, 'key-b');
    expect(await notifier().findDm('T0CADENCE', alice, 'key-a', since)).toEqual({ channel: posted.channel, ts: posted.ts });
    expect(await notifier().findDm('T0CADENCE', alice, 'key-c', since)).toBeUndefined();
    // A claim made well after the message: the history read starts a minute before it, so misses it.
    expect(await notifier().findDm('T0CADENCE', alice, 'key-a', new Date(since.getTime() + 10 * 60_000))).toBeUndefined();
  });

  it.each([
    ['a deactivated or unknown person', { error: 'user_not_found' }, PermanentError],
    ['a malformed message', { error: 'invalid_blocks' }, PermanentError],
    ['a Slack-side failure', { error: 'internal_error' }, NotDeliveredError],
    ['an HTTP 503', { status: 503 }, NotDeliveredError],
    ['a 429', { status: 429, retryAfterSeconds: 7 }, RateLimitedError],
  ])('classifies %s so the queue knows whether to retry', async (_label, fault, expected) => {
    emulator.failNext('chat.postMessage', fault);
    const error = await notifier().sendDm('T0CADENCE', alice, { text: 'x' }, 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterMs).toBe(7000);
    expect(emulator.dms(alice)).toEqual([]);
  });

  it("reads a person's profile and timezone from users.info", async () => {
    const directory = createSlackDirectory(singleTokenClients(createJobWebClient(DEFAULT_BOT_TOKEN, emulator.apiUrl, logger)));
    expect(await directory.fetchProfile('T0CADENCE', alice)).toEqual({
      slackUserId: alice,
      name: expect.any(String),
      realName: 'Alice Example',
      email: 'alice@example.com',
      timezone: 'Europe/London',
      isBot: false,
      deactivated: false,
      title: null,
    });
    expect(await directory.fetchProfile('T0CADENCE', 'U0NOBODY')).toBeUndefined();
  });
});
