/**
 * The emulator's Web API as the real @slack/web-api client sees it: success shapes the bot relies
 * on and the error codes it must handle, over real HTTP.
 */
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { DEFAULT_BOT_TOKEN, DEFAULT_BOT_USER_ID, DEFAULT_PEOPLE, DEFAULT_TEAM_ID, startSlackEmulator, type SlackEmulator } from '../../../sandbox';
import { clientFor, ManualClock } from './support';

const alice = DEFAULT_PEOPLE.alice.id;
const bob = DEFAULT_PEOPLE.bob.id;

/** The Slack error code of a rejected call (fails the test if it was not a platform error). */
async function slackError(call: Promise<unknown>): Promise<{ code: string; data: WebAPIPlatformError['data'] }> {
  try {
    await call;
  } catch (error) {
    const platform = error as WebAPIPlatformError;
    if (platform.code === ErrorCode.PlatformError) return { code: platform.data.error, data: platform.data };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Slack emulator Web API', () => {
  const clock = new ManualClock(Date.UTC(2025, 6, 1, 9, 0, 0)); // July: London on BST
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = await startSlackEmulator({ rateLimits: 'off', now: clock.now });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  describe('authentication', () => {
    it('auth.test answers with the bot and team ids Bolt reads at startup', async () => {
      const result = await clientFor(emulator).auth.test();
      expect(result).toMatchObject({ ok: true, team_id: DEFAULT_TEAM_ID, user_id: DEFAULT_BOT_USER_ID, bot_id: expect.stringMatching(/^B/) });
    });

    it('rejects an unknown token with invalid_auth and a missing one with not_authed', async () => {
      expect((await slackError(clientFor(emulator, {}, 'xoxb-wrong').auth.test())).code).toBe('invalid_auth');
      const response = await fetch(`${emulator.apiUrl}auth.test`, { method: 'POST' });
      expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
    });

    it('answers unknown_method for a method it does not serve, with HTTP 200', async () => {
      const result = await fetch(`${emulator.apiUrl}emoji.list`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-0cadence-test-token' } });
      expect(result.status).toBe(200);
      expect(await result.json()).toEqual({ ok: false, error: 'unknown_method' });
    });

    it('accepts a JSON body and a token field as well as the SDK form encoding', async () => {
      const response = await fetch(`${emulator.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ token: 'xoxb-0cadence-test-token', channel: alice, blocks: [{ type: 'divider' }] }),
      });
      expect(await response.json()).toMatchObject({ ok: true, channel: 'D0ALICE' });
      expect(emulator.dms(alice)[0]?.blocks).toEqual([{ type: 'divider', block_id: expect.any(String) }]);
    });
  });

  describe('users', () => {
    it('users.info gives the IANA zone, its label and the offset for the emulator clock', async () => {
      const { user } = await clientFor(emulator).users.info({ user: alice });
      expect(user).toMatchObject({ id: alice, tz: 'Europe/London', tz_label: 'British Summer Time', tz_offset: 3600, deleted: false, is_bot: false });
      expect(user?.profile?.email).toBe('alice@example.com');

      clock.set(Date.UTC(2025, 0, 15, 9, 0, 0));
      const winter = await clientFor(emulator).users.info({ user: alice });
      expect(winter.user).toMatchObject({ tz_label: 'Greenwich Mean Time', tz_offset: 0 });
      const kolkata = await clientFor(emulator).users.info({ user: DEFAULT_PEOPLE.charu.id });
      expect(kolkata.user?.tz_offset).toBe(19800);
      clock.set(Date.UTC(2025, 6, 1, 9, 0, 0));
    });

    it('users.info omits tz, tz_label and tz_offset for a person Slack has no zone for', async () => {
      emulator.addPerson({ id: 'U0NOTZ', name: 'notz', tz: null });
      const { user } = await clientFor(emulator).users.info({ user: 'U0NOTZ' });
      expect(user).not.toHaveProperty('tz');
      expect(user).not.toHaveProperty('tz_offset');
    });

    it('users.info answers user_not_found for an unknown id', async () => {
      expect((await slackError(clientFor(emulator).users.info({ user: 'UNOBODY' }))).code).toBe('user_not_found');
    });

    it('users.list pages with next_cursor until it is empty, bot user included', async () => {
      for (let i = 0; i < 7; i += 1) emulator.addPerson({ id: `U1EXTRA${i}`, name: `extra${i}` });
      const client = clientFor(emulator);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await client.users.list({ limit: 4, ...(cursor ? { cursor } : {}) });
        expect(page.members?.length).toBeLessThanOrEqual(4);
        seen.push(...(page.members ?? []).map((m) => m.id ?? ''));
        cursor = page.response_metadata?.next_cursor || undefined;
        pages += 1;
      } while (cursor);
      // 4 default people + the bot + 7 extra = 12 -> 3 pages of 4.
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(12);
      expect(seen).toContain(DEFAULT_BOT_USER_ID);
    });

    it('users.list caps limit at 200 and rejects a forged cursor', async () => {
      for (let i = 0; i < 250; i += 1) emulator.addPerson({ id: `U2BULK${String(i).padStart(3, '0')}`, name: `bulk${i}` });
      const first = await clientFor(emulator).users.list({ limit: 1000 });
      expect(first.members).toHaveLength(200);
      const byDefault = await clientFor(emulator).users.list({});
      expect(byDefault.members).toHaveLength(100);
      expect((await slackError(clientFor(emulator).users.list({ cursor: 'bm9wZQ==' }))).code).toBe('invalid_cursor');
    });

    it('users.lookupByEmail finds people case-insensitively and answers users_not_found otherwise', async () => {
      const found = await clientFor(emulator).users.lookupByEmail({ email: 'Bob@Example.com' });
      expect(found.user?.id).toBe(bob);
      expect((await slackError(clientFor(emulator).users.lookupByEmail({ email: 'nobody@example.com' }))).code).toBe('users_not_found');
    });
  });

  describe('conversations.open', () => {
    it('opens the app DM with one person and refuses unknown or deactivated people', async () => {
      const client = clientFor(emulator);
      expect((await client.conversations.open({ users: alice })).channel?.id).toBe('D0ALICE');
      expect((await slackError(client.conversations.open({ users: 'UNOBODY' }))).code).toBe('user_not_found');
      emulator.addPerson({ id: 'U0GONE', name: 'gone', deleted: true });
      expect((await slackError(client.conversations.open({ users: 'U0GONE' }))).code).toBe('user_disabled');
    });
  });

  describe('conversations.history', () => {
    const tagged = (key: string) => ({ event_type: 'cadence_delivery', event_payload: { key } });

    it('pages the DM newest first from `oldest` on, with message metadata only when asked for', async () => {
      const client = clientFor(emulator);
      const first = await client.chat.postMessage({ channel: alice, text: 'one', metadata: tagged('k1') });
      clock.advance(1000);
      const second = await client.chat.postMessage({ channel: alice, text: 'two', metadata: tagged('k2') });
      clock.advance(1000);
      const third = await client.chat.postMessage({ channel: alice, text: 'three', metadata: tagged('k3') });
      await client.chat.postMessage({ channel: bob, text: 'not alice', metadata: tagged('kb') });

      const page1 = await client.conversations.history({ channel: 'D0ALICE', limit: 2, include_all_metadata: true });
      expect(page1.messages?.map((m) => [m.text, m.metadata?.event_payload])).toEqual([
        ['three', { key: 'k3' }],
        ['two', { key: 'k2' }],
      ]);
      expect(page1.has_more).toBe(true);
      const page2 = await client.conversations.history({ channel: 'D0ALICE', limit: 2, include_all_metadata: true, cursor: page1.response_metadata?.next_cursor });
      expect(page2.messages?.map((m) => m.ts)).toEqual([first.ts]);
      expect(page2.response_metadata?.next_cursor).toBe('');

      const since = await client.conversations.history({ channel: 'D0ALICE', oldest: first.ts });
      expect(since.messages?.map((m) => m.ts)).toEqual([third.ts, second.ts]);
      expect(since.messages?.some((m) => m.metadata !== undefined)).toBe(false);
      expect((await slackError(client.conversations.history({ channel: 'C0PUBLIC' }))).code).toBe('channel_not_found');
    });

    it('refuses metadata that is not an event_type with an event_payload', async () => {
      const client = clientFor(emulator);
      const refused = await slackError(client.chat.postMessage({ channel: alice, text: 'x', metadata: { event_type: 'has spaces', event_payload: {} } }));
      expect(refused.code).toBe('invalid_metadata_format');
      expect(emulator.dms(alice)).toEqual([]);
    });
  });

  describe('chat', () => {
    it('chat.postMessage to a user id lands in the app DM with that person', async () => {
      const result = await clientFor(emulator).chat.postMessage({ channel: alice, text: 'Hello Alice' });
      expect(result).toMatchObject({ ok: true, channel: 'D0ALICE', ts: expect.stringMatching(/^\d+\.\d{6}$/) });
      expect(emulator.dms(alice)).toEqual([expect.objectContaining({ text: 'Hello Alice', user: DEFAULT_BOT_USER_ID, ts: result.ts })]);
      expect(emulator.dms(bob)).toEqual([]);
    });

    it('chat.postMessage to the D… id works the same, and thread_ts is kept', async () => {
      const client = clientFor(emulator);
      const parent = await client.chat.postMessage({ channel: 'D0BOB', text: 'parent' });
      await client.chat.postMessage({ channel: 'D0BOB', text: 'reply', thread_ts: parent.ts ?? '' });
      expect(emulator.dms(bob).map((m) => [m.text, m.thread_ts])).toEqual([
        ['parent', undefined],
        ['reply', parent.ts],
      ]);
    });

    it('gives every message a distinct ts even when the clock stands still', async () => {
      const client = clientFor(emulator);
      const a = await client.chat.postMessage({ channel: alice, text: 'a' });
      const b = await client.chat.postMessage({ channel: alice, text: 'b' });
      expect(a.ts).not.toBe(b.ts);
      expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    });

    it('chat.postMessage answers channel_not_found, no_text and messages_tab_disabled', async () => {
      const client = clientFor(emulator);
      expect((await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'hi' }))).code).toBe('channel_not_found');
      expect((await slackError(client.chat.postMessage({ channel: 'UNOBODY', text: 'hi' }))).code).toBe('channel_not_found');
      expect((await slackError(client.chat.postMessage({ channel: alice, text: '' }))).code).toBe('no_text');
      emulator.workspace().messagesTabEnabled = false;
      expect((await slackError(client.chat.postMessage({ channel: alice, text: 'hi' }))).code).toBe('messages_tab_disabled');
      expect(emulator.dms(alice)).toEqual([]);
    });

    it('chat.postMessage still delivers into the DM of a deactivated person, as Slack does', async () => {
      const client = clientFor(emulator);
      emulator.addPerson({ id: 'U0GONE', name: 'gone', deleted: true });
      await client.chat.postMessage({ channel: 'U0GONE', text: 'are you there?' });
      expect(emulator.dms('U0GONE').map((m) => m.text)).toEqual(['are you there?']);
    });

    it('chat.postMessage refuses invalid blocks with Slack json-pointer errors and stores nothing', async () => {
      const error = await slackError(
        clientFor(emulator).chat.postMessage({ channel: alice, text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '' } }] }),
      );
      expect(error.code).toBe('invalid_blocks');
      expect((error.data as { errors?: unknown }).errors).toEqual([expect.stringContaining('[json-pointer:/blocks/0/text/text]')]);
      expect(emulator.dms(alice)).toEqual([]);
    });

    it('chat.postEphemeral is recorded for the person only, and refuses someone outside the DM', async () => {
      const client = clientFor(emulator);
      const result = await client.chat.postEphemeral({ channel: 'D0ALICE', user: alice, text: 'only you' });
      expect(emulator.ephemerals(alice)).toEqual([expect.objectContaining({ ts: result.message_ts, text: 'only you', source: 'chat.postEphemeral' })]);
      expect(emulator.dms(alice)).toEqual([]);
      expect((await slackError(client.chat.postEphemeral({ channel: 'D0ALICE', user: bob, text: 'x' }))).code).toBe('user_not_in_channel');
      expect((await slackError(client.chat.postEphemeral({ channel: 'D0ALICE', user: 'UNOBODY', text: 'x' }))).code).toBe('user_not_found');
    });

    it('chat.update edits the app message, keeps blocks not resent, and refuses others', async () => {
      const client = clientFor(emulator);
      const posted = await client.chat.postMessage({ channel: alice, text: 'v1', blocks: [{ type: 'divider' }] });
      await client.chat.update({ channel: 'D0ALICE', ts: posted.ts ?? '', text: 'v2' });
      const [message] = emulator.dms(alice);
      expect(message).toMatchObject({ text: 'v2', blocks: [{ type: 'divider' }], edited: { user: DEFAULT_BOT_USER_ID } });

      expect((await slackError(client.chat.update({ channel: 'D0ALICE', ts: '1.000001', text: 'x' }))).code).toBe('message_not_found');
      emulator.workspace().post({ channel: 'D0ALICE', user: alice, text: 'from alice', asBot: false });
      const aliceTs = emulator.conversation(alice).find((m) => m.user === alice)?.ts ?? '';
      expect((await slackError(client.chat.update({ channel: 'D0ALICE', ts: aliceTs, text: 'x' }))).code).toBe('cant_update_message');
    });

    it('chat.update validates the new blocks', async () => {
      const client = clientFor(emulator);
      const posted = await client.chat.postMessage({ channel: alice, text: 'v1' });
      const error = await slackError(client.chat.update({ channel: alice, ts: posted.ts ?? '', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }));
      expect(error.code).toBe('invalid_blocks');
      expect(emulator.dms(alice)[0]?.text).toBe('v1');
    });
  });

  describe('recording', () => {
    it('records each call with decoded params (no token), response and clock time', async () => {
      await clientFor(emulator).chat.postMessage({ channel: alice, text: 'hi', blocks: [{ type: 'divider' }] });
      const [call] = emulator.calls('chat.postMessage');
      expect(call).toMatchObject({ method: 'chat.postMessage', teamId: DEFAULT_TEAM_ID, status: 200, at: clock.now(), response: { ok: true } });
      expect(call?.params).toMatchObject({ channel: alice, text: 'hi', blocks: [{ type: 'divider' }] });
      expect(call?.params).not.toHaveProperty('token');
    });

    it('waitForDm resolves when a later message matches and explains itself on timeout', async () => {
      const client = clientFor(emulator);
      const waiting = emulator.waitForDm(alice, (m) => m.text.includes('second'));
      await client.chat.postMessage({ channel: alice, text: 'first' });
      await client.chat.postMessage({ channel: alice, text: 'second' });
      await expect(waiting).resolves.toMatchObject({ text: 'second' });

      await expect(emulator.waitForDm(alice, (m) => m.text === 'never', 50)).rejects.toThrow(/DMs to U0ALICE so far:[\s\S]*"first"[\s\S]*chat\.postMessage/);
    });

    it('reset() returns to the starting workspace: added people gone, deactivated ones restored', async () => {
      emulator.addPerson({ id: 'U0TEMP', name: 'temp' });
      emulator.deactivatePerson(bob);
      emulator.reset();
      expect((await clientFor(emulator).users.list({})).members?.map((m) => m.id)).not.toContain('U0TEMP');
      expect((await clientFor(emulator).users.info({ user: bob })).user?.deleted).toBe(false);
    });

    it('waitForCall resolves on a call already made', async () => {
      await clientFor(emulator).users.info({ user: alice });
      await expect(emulator.waitForCall('users.info', (c) => c.params.user === alice, 50)).resolves.toMatchObject({ method: 'users.info' });
    });
  });

  describe('files', () => {
    it('files.info describes an uploaded file; url_private serves its bytes only with the bot token', async () => {
      const id = emulator.uploadFile({ user: alice, name: 'review.vtt', content: 'WEBVTT\n' });
      const { file } = await clientFor(emulator).files.info({ file: id });
      expect(file).toMatchObject({ id, name: 'review.vtt', filetype: 'vtt', mimetype: 'text/vtt', size: 7, user: alice, url_private: expect.stringContaining('/files-pri/') });
      const withToken = await fetch(file!.url_private!, { headers: { authorization: `Bearer ${DEFAULT_BOT_TOKEN}` } });
      expect(await withToken.text()).toBe('WEBVTT\n');
      // As Slack does, a request without the token gets the sign-in page, not an error status.
      const without = await fetch(file!.url_private!);
      expect(without.status).toBe(200);
      expect(without.headers.get('content-type')).toContain('text/html');
    });

    it('answers file_not_found for an unknown file and file_deleted for a deleted one', async () => {
      expect((await slackError(clientFor(emulator).files.info({ file: 'F0NOPE' }))).code).toBe('file_not_found');
      const id = emulator.uploadFile({ user: alice, name: 'notes.txt', content: 'hello' });
      emulator.workspace().files.delete(id);
      expect((await slackError(clientFor(emulator).files.info({ file: id }))).code).toBe('file_deleted');
    });
  });
});
