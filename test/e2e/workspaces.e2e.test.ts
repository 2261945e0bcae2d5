import { DEFAULT_PEOPLE, DEFAULT_SIGNING_SECRET, DEFAULT_TEAM_ID, SlackDriver, type SlackMessage } from '../../sandbox';
import { defaultWorkspace } from '../../sandbox/emulator/defaults';
import { AccessDeniedError } from '../../src/domain/access-policy';
import { goalCreatedJob } from '../../src/jobs/goal-created.job';
import { GoalBlock } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { waitFor } from '../support/redis';

const alice = DEFAULT_PEOPLE.alice.id;
const bob = DEFAULT_PEOPLE.bob.id;
const charu = DEFAULT_PEOPLE.charu.id;
const FIRST = DEFAULT_TEAM_ID;
const SECOND = 'T0SECOND';
const CLIENT = { clientId: '1234.5678', clientSecret: 'cadence-client-secret' };

/** The same people (same user ids) in a second workspace, with its own bot and token. */
const secondWorkspace = () => ({ ...defaultWorkspace(), teamId: SECOND, name: 'Second Co', domain: 'second', botToken: 'xoxb-second-workspace', botUserId: 'U0SECONDBOT', botId: 'B0SECONDBOT' });

const text = (value: unknown) => JSON.stringify(value ?? null);

describe('many workspaces, one deployment: OAuth installs through the emulator', () => {
  let h: CadenceHarness;
  const drivers: Record<string, SlackDriver> = {};

  beforeAll(async () => {
    h = await startCadenceHarness({
      emulator: { workspaces: [defaultWorkspace(), secondWorkspace()], oauthClient: CLIENT },
      env: {
        SLACK_BOT_TOKEN: undefined,
        SLACK_CLIENT_ID: CLIENT.clientId,
        SLACK_CLIENT_SECRET: CLIENT.clientSecret,
        SLACK_STATE_SECRET: 'a-state-secret-of-some-length',
        SLACK_INSTALLATIONS_KEY: '11'.repeat(32),
      },
    });
    for (const teamId of [FIRST, SECOND]) {
      drivers[teamId] = new SlackDriver({ emulator: h.emulator, botUrl: `${h.url}/slack/events`, signingSecret: DEFAULT_SIGNING_SECRET, teamId });
    }
  });
  afterAll(() => h.stop());

  const dmsIn = (teamId: string, user: string): SlackMessage[] => {
    const ws = h.emulator.workspace(teamId);
    return ws.conversation(user).filter((m) => m.user === ws.botUserId);
  };
  const waitForDmIn = (teamId: string, user: string, fragment: string) =>
    waitFor(async () => dmsIn(teamId, user).find((m) => m.text.includes(fragment)), { what: `a DM saying "${fragment}" in ${teamId}` });

  /** Opens /slack/install as a browser would: the state is in the Add to Slack link and in a cookie. */
  async function startInstall(): Promise<{ state: string; cookie: string }> {
    const page = await fetch(`${h.url}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const state = /[?&;]state=([^&"]+)/.exec(html)?.[1];
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(state).toBeDefined();
    expect(html).toContain('scope=commands%2Cchat%3Awrite');
    return { state: decodeURIComponent(state ?? ''), cookie };
  }

  async function install(teamId: string, installer: string): Promise<Response> {
    const { state, cookie } = await startInstall();
    const code = h.emulator.authorizeInstall(teamId, installer);
    return fetch(`${h.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  }

  const installation = (id: string) => h.database.db.selectFrom('slack_installation').selectAll().where('id', '=', id).executeTakeFirst();

  async function createGoal(teamId: string, user: string, title: string): Promise<void> {
    const driver = drivers[teamId] as SlackDriver;
    expect((await driver.command({ user, command: '/goal', text: '' })).status).toBe(200);
    await waitFor(async () => h.emulator.workspace(teamId).views.topModal(user)?.callback_id === 'goal_new' || undefined, { what: `the New goal modal in ${teamId}` });
    expect((await driver.submitView({ user, values: { [GoalBlock.Title]: title } })).status).toBe(200);
  }

  it('refuses a request from a workspace that has not installed Cadence, and creates nothing for it', async () => {
    const refused = await drivers[FIRST]!.command({ user: alice, command: '/goal', text: 'list' });
    expect(refused.status).toBe(403);
    expect(await h.database.db.selectFrom('workspace').select('id').execute()).toEqual([]);
  });

  it('refuses a redirect whose state it did not hand out', async () => {
    const { cookie } = await startInstall();
    const code = h.emulator.authorizeInstall(FIRST, alice);
    const forged = await fetch(`${h.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=forged`, { headers: { cookie } });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await installation(FIRST)).toBeUndefined();
  });

  it('installs two workspaces through /slack/install and /slack/oauth_redirect, tokens sealed at rest', async () => {
    expect((await install(FIRST, alice)).status).toBe(200);
    expect((await install(SECOND, bob)).status).toBe(200);
    const first = await installation(FIRST);
    expect(first).toMatchObject({ installer_slack_id: alice, revoked_at: null });
    expect(first?.installation).toMatch(/^v1\./);
    expect(first?.installation).not.toContain('xoxb-');
    // Each installer is their workspace's first HR admin, and only there.
    const admins = await h.database.db.selectFrom('person').select(['workspace_id', 'slack_user_id']).where('is_admin', '=', true).orderBy('workspace_id').execute();
    expect(admins).toEqual([
      { workspace_id: FIRST, slack_user_id: alice },
      { workspace_id: SECOND, slack_user_id: bob },
    ]);
    // Installing again, as another member of a workspace that has an HR admin, grants nothing.
    expect((await install(FIRST, bob)).status).toBe(200);
    const after = await h.database.db.selectFrom('person').select(['workspace_id', 'slack_user_id']).where('is_admin', '=', true).orderBy('workspace_id').execute();
    expect(after).toEqual(admins);
  });

  it('keeps goals and DMs in their own workspace, though the people ids are the same', async () => {
    await createGoal(FIRST, alice, 'First workspace goal');
    await createGoal(SECOND, alice, 'Second workspace goal');
    await waitForDmIn(FIRST, alice, 'First workspace goal');
    await waitForDmIn(SECOND, alice, 'Second workspace goal');
    expect(text(dmsIn(FIRST, alice))).not.toContain('Second workspace goal');
    expect(text(dmsIn(SECOND, alice))).not.toContain('First workspace goal');
    // Each DM went out with its own workspace's token.
    const sends = h.emulator.calls('chat.postMessage').map((call) => ({ teamId: call.teamId, text: String(call.params.text) }));
    expect(sends).toEqual(
      expect.arrayContaining([
        { teamId: FIRST, text: expect.stringContaining('First workspace goal') },
        { teamId: SECOND, text: expect.stringContaining('Second workspace goal') },
      ]),
    );

    for (const [teamId, own, other] of [
      [FIRST, 'First workspace goal', 'Second workspace goal'],
      [SECOND, 'Second workspace goal', 'First workspace goal'],
    ] as const) {
      const driver = drivers[teamId] as SlackDriver;
      await driver.appHomeOpened({ user: alice });
      const home = await waitFor(async () => {
        const view = h.emulator.workspace(teamId).views.home(alice);
        return view && text(view.blocks).includes(own) ? view : undefined;
      }, { what: `alice's Home in ${teamId}` });
      expect(text(home.blocks)).not.toContain(other);

      await driver.command({ user: alice, command: '/goal', text: 'list' });
      const listing = await waitFor(async () => h.emulator.workspace(teamId).ephemeralsFor(alice).find((m) => text(m).includes(own)), { what: `/goal list in ${teamId}` });
      expect(text(listing)).not.toContain(other);
    }

    // An HR admin's export of a person holds that workspace's data alone: alice administers the
    // first workspace, and the same user id in the second is someone else to it.
    const people = h.cadence.deps.people;
    const exported = await h.cadence.deps.privacy.exportPerson(await people.resolveActor(FIRST, alice), alice);
    expect(exported.ok).toBe(true);
    expect(text(exported)).toContain('First workspace goal');
    expect(text(exported)).not.toContain('Second workspace goal');
    // In the second workspace she is not an admin: the same id does not carry the role across.
    await expect(h.cadence.deps.privacy.exportPerson(await people.resolveActor(SECOND, alice), alice)).rejects.toThrow(AccessDeniedError);
  });

  it('stops all work for a workspace uninstalled mid-week; the other is unaffected', async () => {
    const before = h.emulator.calls('chat.postMessage').filter((call) => call.teamId === SECOND).length;
    const uninstalled = await drivers[SECOND]!.uninstallApp(SECOND);
    expect(uninstalled.tokensRevoked.status).toBe(200);
    expect(uninstalled.appUninstalled.status).toBe(200);
    await waitFor(async () => (await installation(SECOND))?.revoked_at ?? undefined, { what: 'the second workspace to be revoked' });
    expect(await installation(SECOND)).toMatchObject({ revoked_reason: 'tokens_revoked', installation: null });

    // A job already queued for it settles without a send.
    const goal = await h.database.db.selectFrom('goal').select('id').where('title', '=', 'Second workspace goal').executeTakeFirstOrThrow();
    await h.cadence.deps.delivery
      .sendOnce({ timing: 'reply', workspaceId: SECOND, personId: await personId(SECOND, alice), slackUserId: alice, dedupeKey: `late-${goal.id}`, kind: goalCreatedJob.name }, () => ({ text: 'too late' }))
      .then((outcome) => expect(outcome).toBe('workspace-not-served'));
    // Its people's requests are refused from now on.
    expect((await drivers[SECOND]!.command({ user: alice, command: '/goal', text: 'list' })).status).toBe(403);
    // An event is taken and dropped (Slack would retry a refused one), and nothing is published.
    const homes = h.emulator.calls('views.publish').length;
    expect((await drivers[SECOND]!.appHomeOpened({ user: alice })).status).toBe(200);
    expect(h.emulator.calls('views.publish')).toHaveLength(homes);

    await createGoal(FIRST, bob, 'Still working here');
    await waitForDmIn(FIRST, bob, 'Still working here');
    expect(h.emulator.calls('chat.postMessage').filter((call) => call.teamId === SECOND)).toHaveLength(before);
    // Its data is kept for the retention period.
    expect(await h.database.db.selectFrom('goal').select('id').where('workspace_id', '=', SECOND).execute()).not.toEqual([]);
  });

  it('surfaces a revoked token once: the workspace stops, and nothing retries', async () => {
    expect((await install(SECOND, bob)).status).toBe(200);
    expect(await installation(SECOND)).toMatchObject({ revoked_at: null });
    // Slack revokes the token with no event Cadence sees, while alice is saving a goal.
    const driver = drivers[SECOND] as SlackDriver;
    await driver.command({ user: alice, command: '/goal', text: '' });
    await waitFor(async () => h.emulator.workspace(SECOND).views.topModal(alice)?.callback_id === 'goal_new' || undefined, { what: 'the New goal modal' });
    h.emulator.uninstall(SECOND);
    const sendsToSecond = () => h.emulator.calls('chat.postMessage').filter((call) => call.teamId === SECOND).length;
    const sendsBefore = sendsToSecond();
    expect((await driver.submitView({ user: alice, values: { [GoalBlock.Title]: 'Saved as the token died' } })).status).toBe(200);

    const goal = await waitFor(
      async () => h.database.db.selectFrom('goal').select('id').where('workspace_id', '=', SECOND).where('title', '=', 'Saved as the token died').executeTakeFirst(),
      { what: 'the goal to be stored' },
    );
    // The confirmation's job fails for good on the first answer: no retries.
    const state = await waitFor(async () => {
      const current = await h.cadence.deps.jobs.getJobState(goalCreatedJob, { goalId: goal.id });
      return current === 'completed' || current === 'failed' ? current : undefined;
    }, { what: 'the goal-created job to settle' });
    expect(state).toBe('failed');
    expect(await installation(SECOND)).toMatchObject({ revoked_reason: 'token_revoked', installation: null });

    // The next send for the workspace does not reach Slack at all.
    const outcome = await h.cadence.deps.delivery.sendOnce(
      { timing: 'reply', workspaceId: SECOND, personId: await personId(SECOND, bob), slackUserId: bob, dedupeKey: `after-revocation-${goal.id}`, kind: goalCreatedJob.name },
      () => ({ text: 'never sent' }),
    );
    expect(outcome).toBe('workspace-not-served');
    expect(sendsToSecond() - sendsBefore).toBe(1);
    expect(await h.database.db.selectFrom('delivery').select('status').where('workspace_id', '=', SECOND).where('status', 'in', ['sending', 'retry']).execute()).toEqual([]);
  });

  it("deletes an uninstalled workspace's data at an admin's request, keeping the installation record", async () => {
    expect(await h.cadence.deps.installations?.deleteNow(SECOND)).toBe(true);
    expect(await h.database.db.selectFrom('workspace').select('id').where('id', '=', SECOND).executeTakeFirst()).toBeUndefined();
    expect(await h.database.db.selectFrom('goal').select('id').where('workspace_id', '=', SECOND).execute()).toEqual([]);
    expect(await installation(SECOND)).toMatchObject({ revoked_reason: 'token_revoked', data_deleted_at: expect.any(Date) });
    expect(await h.database.db.selectFrom('goal').select('id').where('workspace_id', '=', FIRST).execute()).not.toEqual([]);
    // An active workspace's data is never deleted this way.
    expect(await h.cadence.deps.installations?.deleteNow(FIRST)).toBe(false);
  });

  it("does not hold one workspace's DMs back behind another's 429s", async () => {
    // Reinstalled after its data was deleted: it starts afresh.
    expect((await install(SECOND, bob)).status).toBe(200);
    h.emulator.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 120, teamId: SECOND });
    await createGoal(SECOND, charu, 'Held back by a rate limit');
    await waitFor(async () => h.emulator.calls('chat.postMessage').some((call) => call.teamId === SECOND && call.status === 429) || undefined, {
      what: "the second workspace's 429",
    });

    await createGoal(FIRST, charu, 'Not held back');
    await waitForDmIn(FIRST, charu, 'Not held back');
    // The rate-limited workspace waits out its Retry-After, in the queue, not in a worker.
    expect(dmsIn(SECOND, charu).some((m) => m.text.includes('Held back by a rate limit'))).toBe(false);
    const held = await h.database.db.selectFrom('goal').select('id').where('title', '=', 'Held back by a rate limit').executeTakeFirstOrThrow();
    await waitFor(async () => (await h.cadence.deps.jobs.getJobState(goalCreatedJob, { goalId: held.id })) === 'delayed' || undefined, { what: 'the held job to wait, delayed' });
  });

  const personId = async (workspaceId: string, slackUserId: string) =>
    (await h.database.db.selectFrom('person').select('id').where('workspace_id', '=', workspaceId).where('slack_user_id', '=', slackUserId).executeTakeFirstOrThrow()).id;
});
