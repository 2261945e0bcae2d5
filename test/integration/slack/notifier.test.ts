import { DEFAULT_BOT_TOKEN, DEFAULT_PEOPLE } from '../../../sandbox/emulator/defaults';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/emulator/emulator';
import { NotDeliveredError, PermanentError, RateLimitedError } from '../../../src/lib/errors';
import { createLogger } from '../../../src/lib/logger';
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

  const notifier = () => createSlackNotifier(createJobWebClient(DEFAULT_BOT_TOKEN, emulator.apiUrl, logger));

  it("posts a DM into the app's conversation with the person", async () => {
    const posted = await notifier().sendDm('T0CADENCE', alice, { text: 'hello', blocks: [{ type: 'divider' }] });
    expect(posted.ts).not.toBe('');
    expect(emulator.dms(alice)).toEqual([expect.objectContaining({ text: 'hello', ts: posted.ts })]);
  });

  it.each([
    ['a deactivated or unknown person', { error: 'user_not_found' }, PermanentError],
    ['a malformed message', { error: 'invalid_blocks' }, PermanentError],
    ['a Slack-side failure', { error: 'internal_error' }, NotDeliveredError],
    ['an HTTP 503', { status: 503 }, NotDeliveredError],
    ['a 429', { status: 429, retryAfterSeconds: 7 }, RateLimitedError],
  ])('classifies %s so the queue knows whether to retry', async (_label, fault, expected) => {
    emulator.failNext('chat.postMessage', fault);
    const error = await notifier().sendDm('T0CADENCE', alice, { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(expected);
    if (error instanceof RateLimitedError) expect(error.retryAfterMs).toBe(7000);
    expect(emulator.dms(alice)).toEqual([]);
  });

  it("reads a person's profile and timezone from users.info", async () => {
    const directory = createSlackDirectory(createJobWebClient(DEFAULT_BOT_TOKEN, emulator.apiUrl, logger));
    expect(await directory.fetchProfile('T0CADENCE', alice)).toEqual({
      slackUserId: alice,
      name: expect.any(String),
      realName: 'Alice Example',
      email: 'alice@example.com',
      timezone: 'Europe/London',
      isBot: false,
      deactivated: false,
    });
    expect(await directory.fetchProfile('T0CADENCE', 'U0NOBODY')).toBeUndefined();
  });
});
