import { DateTime } from 'luxon';
import { DEFAULT_APP_ID, DEFAULT_PEOPLE, DEFAULT_SIGNING_SECRET, SlackDriver, type WorkspaceSpec } from '../../sandbox';
import { goalCreatedJob } from '../../src/jobs/goal-created.job';
import { CallbackId, GoalBlock, HomeAction, SettingsBlock } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { waitFor } from '../support/redis';

const { alice, bob, charu, dana } = DEFAULT_PEOPLE;
const ORG = 'E0GRID';
const SALES = 'T0GRIDSALES';
const ENG = 'T0GRIDENG';
/** A workspace outside the org whose people happen to have the same user ids. */
const OTHER = 'T0OTHER';
/** Another organization installed org-wide, with the same user ids too. */
const RIVAL = 'E0RIVAL';
const RIVAL_TEAM = 'T0RIVAL';
const ORG_BOT = 'U0GRIDBOT';
const CLIENT = { clientId: '1234.5678', clientSecret: 'cadence-client-secret' };

/** The org's workspaces take its bot user; alice works in both, bob and dana only in sales, charu only in engineering. */
const gridWorkspace = (teamId: string, name: string, people: WorkspaceSpec['people']): WorkspaceSpec => ({
  teamId,
  name,
  enterpriseId: ORG,
  botToken: `xoxb-${teamId.toLowerCase()}`,
  botUserId: ORG_BOT,
  appId: DEFAULT_APP_ID,
  people,
});

const text = (value: unknown) => JSON.stringify(value ?? null);

describe('Enterprise Grid: one org-wide install serves every workspace of the organization', () => {
  let h: CadenceHarness;
  const drivers: Record<string, SlackDriver> = {};

  beforeAll(async () => {
    h = await startCadenceHarness({
      emulator: {
        enterprises: [
          { id: ORG, name: 'Grid Co', botToken: 'xoxb-grid-org', botUserId: ORG_BOT, appId: DEFAULT_APP_ID },
          { id: RIVAL, name: 'Rival Co', botToken: 'xoxb-rival-org', botUserId: 'U0RIVALBOT', appId: DEFAULT_APP_ID },
        ],
        workspaces: [
          gridWorkspace(SALES, 'Grid Sales', [{ ...alice }, { ...bob }, { ...dana }]),
          gridWorkspace(ENG, 'Grid Engineering', [{ ...alice }, { ...charu }]),
          { teamId: OTHER, name: 'Other Co', botToken: 'xoxb-other', botUserId: 'U0OTHERBOT', appId: DEFAULT_APP_ID, people: [{ ...alice }, { ...bob }] },
          { teamId: RIVAL_TEAM, name: 'Rival', enterpriseId: RIVAL, botToken: 'xoxb-rival-team', botUserId: 'U0RIVALBOT', appId: DEFAULT_APP_ID, people: [{ ...alice }] },
        ],
        oauthClient: CLIENT,
      },
      env: {
        SLACK_BOT_TOKEN: undefined,
        SLACK_CLIENT_ID: CLIENT.clientId,
        SLACK_CLIENT_SECRET: CLIENT.clientSecret,
        SLACK_STATE_SECRET: 'a-state-secret-of-some-length',
        SLACK_INSTALLATIONS_KEY: '22'.repeat(32),
      },
    });
    for (const teamId of [SALES, ENG, OTHER, RIVAL_TEAM]) {
      drivers[teamId] = new SlackDriver({ emulator: h.emulator, botUrl: `${h.url}/slack/events`, signingSecret: DEFAULT_SIGNING_SECRET, teamId });
    }
  });
  afterAll(() => h.stop());

  const driver = (teamId: string) => drivers[teamId] as SlackDriver;
  const workspaceRow = () => h.database.db.selectFrom('workspace').selectAll().where('id', '=', ORG).executeTakeFirstOrThrow();
  const installation = (id: string) => h.database.db.selectFrom('slack_installation').selectAll().where('id', '=', id).executeTakeFirst();

  /** /slack/install then /slack/oauth_redirect, as a browser goes through them; `code` is what Slack put on the redirect. */
  async function install(code: string): Promise<Response> {
    const page = await fetch(`${h.url}/slack/install`);
    const state = decodeURIComponent(/[?&;]state=([^&"]+)/.exec(await page.text())?.[1] ?? '');
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return fetch(`${h.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  }

  async function createGoal(teamId: string, user: string, title: string): Promise<void> {
    expect((await driver(teamId).command({ user, command: '/goal', text: '' })).status).toBe(200);
    await waitFor(async () => h.emulator.workspace(teamId).views.topModal(user)?.callback_id === 'goal_new' || undefined, { what: `the New goal modal in ${teamId}` });
    expect((await driver(teamId).submitView({ user, values: { [GoalBlock.Title]: title } })).status).toBe(200);
  }

  /** What `/goal list` shows the person in that workspace. */
  async function goalList(teamId: string, user: string, expected: string): Promise<string> {
    const before = h.emulator.workspace(teamId).ephemeralsFor(user).length;
    expect((await driver(teamId).command({ user, command: '/goal', text: 'list' })).status).toBe(200);
    const listing = await waitFor(async () => h.emulator.workspace(teamId).ephemeralsFor(user).slice(before).find((m) => text(m).includes(expected)), {
      what: `/goal list in ${teamId} showing "${expected}"`,
    });
    return text(listing);
  }

  it('refuses requests from the org before it installs Cadence', async () => {
    expect((await driver(SALES).command({ user: alice.id, command: '/goal', text: 'list' })).status).toBe(403);
  });

  it('installs org-wide through OAuth: one installation and one Cadence workspace, under the enterprise id', async () => {
    expect((await install(h.emulator.authorizeOrgInstall(ORG, alice.id))).status).toBe(200);
    const stored = await installation(ORG);
    expect(stored).toMatchObject({ enterprise_id: ORG, is_enterprise_install: true, installer_slack_id: alice.id, revoked_at: null });
    expect(stored?.installation).not.toContain('xoxb-');
    expect(await installation(SALES)).toBeUndefined();
    const workspaces = await h.database.db.selectFrom('workspace').select('id').execute();
    expect(workspaces).toEqual([{ id: ORG }]);
    // The installer is the organization's first HR admin.
    const admins = await h.database.db.selectFrom('person').select(['workspace_id', 'slack_user_id']).where('is_admin', '=', true).execute();
    expect(admins).toEqual([{ workspace_id: ORG, slack_user_id: alice.id }]);
    // The org's workspaces are known at once, for settings per workspace.
    const teams = await h.database.db.selectFrom('slack_team').select(['team_id', 'name']).where('workspace_id', '=', ORG).orderBy('team_id').execute();
    expect(teams).toEqual([
      { team_id: ENG, name: 'Grid Engineering' },
      { team_id: SALES, name: 'Grid Sales' },
    ]);
    // The other company installs on its own, and another organization org-wide.
    expect((await install(h.emulator.authorizeInstall(OTHER, bob.id))).status).toBe(200);
    expect((await install(h.emulator.authorizeOrgInstall(RIVAL, alice.id))).status).toBe(200);
  });

  it('is one person across the workspaces of the org: the goal set in one is listed in the other', async () => {
    await createGoal(SALES, alice.id, 'Org-wide goal');
    expect(await goalList(ENG, alice.id, 'Org-wide goal')).toContain('Org-wide goal');
    // The confirmation went out with the org's token.
    const sent = await h.emulator.waitForCall('chat.postMessage', (call) => String(call.params.text).includes('Org-wide goal'));
    expect(sent.enterpriseId).toBe(ORG);
    // One person for alice in the org, wherever she acted; the other organization's alice is someone else.
    const rows = await h.database.db.selectFrom('person').select('workspace_id').where('slack_user_id', '=', alice.id).orderBy('workspace_id').execute();
    expect(rows).toEqual([{ workspace_id: ORG }, { workspace_id: RIVAL }]);

    // Her Home shows it when she opens it from either workspace.
    await driver(ENG).appHomeOpened({ user: alice.id });
    await h.emulator.waitForCall('views.publish', (call) => call.params.user_id === alice.id && text(call.params.view).includes('Org-wide goal'));
  });

  it("shows nothing of the org to the same user id in another company's workspace", async () => {
    await createGoal(OTHER, alice.id, 'Other company goal');
    const listing = await goalList(OTHER, alice.id, 'Other company goal');
    expect(listing).not.toContain('Org-wide goal');
    expect(await goalList(SALES, alice.id, 'Org-wide goal')).not.toContain('Other company goal');
    // Nor in another organization, where she is an HR admin too.
    await createGoal(RIVAL_TEAM, alice.id, 'Rival org goal');
    expect(await goalList(RIVAL_TEAM, alice.id, 'Rival org goal')).not.toContain('Org-wide goal');
    expect(await goalList(ENG, alice.id, 'Org-wide goal')).not.toContain('Rival org goal');
    // Alice administers the org; to the other company she is nobody special.
    const people = h.cadence.deps.people;
    const exported = await h.cadence.deps.privacy.exportPerson(await people.resolveActor(ORG, alice.id), alice.id);
    expect(text(exported)).toContain('Org-wide goal');
    expect(text(exported)).not.toContain('Other company goal');
    expect(text(exported)).not.toContain('Rival org goal');
  });

  it("syncs the org's directory from every workspace it is granted, each person once", async () => {
    const result = await h.cadence.deps.people.syncDirectory(ORG);
    expect(result).toMatchObject({ workspaceId: ORG });
    const listed = h.emulator.calls('users.list').filter((call) => call.enterpriseId === ORG).map((call) => call.params.team_id);
    expect(listed).toEqual(expect.arrayContaining([SALES, ENG]));
    const people = await h.database.db.selectFrom('person').select('slack_user_id').where('workspace_id', '=', ORG).where('is_bot', '=', false).orderBy('slack_user_id').execute();
    expect(people.map((p) => p.slack_user_id)).toEqual([alice.id, bob.id, charu.id, dana.id].sort());
  });

  it('applies settings per workspace to the people each workspace is home to, as the HR admin chose', async () => {
    const sales = h.emulator.workspace(SALES);
    const homeShows = (fragment: string) =>
      waitFor(async () => (text(sales.views.home(alice.id)?.blocks).includes(fragment) ? true : undefined), { what: `alice's Home showing ${fragment}` });
    // Alice administers the org from Sales, her home workspace (where her Home tab lives).
    await driver(SALES).appHomeOpened({ user: alice.id });
    await homeShows(HomeAction.WorkspaceSettings);
    expect(text(sales.views.home(alice.id)?.blocks)).not.toContain(HomeAction.TeamSettings);
    await driver(SALES).clickButton({ user: alice.id, actionId: HomeAction.WorkspaceSettings, source: { home: true } });
    const orgModal = await waitFor(async () => (sales.views.topModal(alice.id)?.callback_id === CallbackId.WorkspaceSettings ? sales.views.topModal(alice.id) : undefined), {
      what: 'the organization settings',
    });
    expect(text(orgModal.blocks)).toContain('Each workspace may set its own');
    expect((await driver(SALES).submitView({ user: alice.id, values: { [SettingsBlock.Scope]: 'team' } })).status).toBe(200);
    await waitFor(async () => ((await workspaceRow()).settings_scope === 'team' ? true : undefined), { what: 'the scope to be saved' });

    // Engineering checks in on Tuesdays at 10:00; Sales keeps the organization's Fridays.
    await homeShows(HomeAction.TeamSettings);
    expect(text(sales.views.home(alice.id)?.blocks)).toContain('for workspaces without their own');
    await driver(SALES).selectOption({ user: alice.id, actionId: HomeAction.TeamSettings, value: ENG, source: { home: true } });
    const teamModal = await waitFor(async () => (sales.views.topModal(alice.id)?.callback_id === CallbackId.TeamSettings ? sales.views.topModal(alice.id) : undefined), {
      what: "Engineering's own settings",
    });
    expect(text(teamModal.blocks)).toContain('Grid Engineering');
    // Sunday is not a working day: the form says so and nothing is saved.
    const refused = await driver(SALES).submitView({ user: alice.id, values: { [SettingsBlock.CheckinWeekday]: '7', [SettingsBlock.CheckinTime]: '10:00' } });
    expect(text(refused.outcome)).toContain('Sunday is not a working day');
    expect((await driver(SALES).submitView({ user: alice.id, values: { [SettingsBlock.CheckinWeekday]: '2', [SettingsBlock.CheckinTime]: '10:00' } })).status).toBe(200);
    const audit = await waitFor(
      async () => h.database.db.selectFrom('audit_event').select(['action', 'detail']).where('workspace_id', '=', ORG).where('action', '=', 'settings.team_changed').executeTakeFirst(),
      { what: 'the change to be audited' },
    );
    expect(audit.detail).toMatchObject({ team: ENG, teamName: 'Grid Engineering' });

    const { people, settings, checkinSchedule } = h.cadence.deps;
    const cadence = async (user: string) => (await settings.forPerson(await people.resolveActor(ORG, user))).workspace.checkin;
    expect(await cadence(charu.id)).toMatchObject({ weekday: 2, time: '10:00' });
    expect(await cadence(bob.id)).toMatchObject({ weekday: 5, time: '15:00' });
    // Alice is in both workspaces; Sales, her first, is her home.
    expect(await cadence(alice.id)).toMatchObject({ weekday: 5 });

    // Their next check-ins follow: Tuesday 10:00 for charu, Friday 15:00 for bob, each in their own zone.
    await checkinSchedule.refresh();
    const nextDue = async (user: string, zone: string) => {
      const row = await h.database.db
        .selectFrom('checkin_schedule')
        .innerJoin('person', 'person.id', 'checkin_schedule.person_id')
        .select('next_due_at')
        .where('person.workspace_id', '=', ORG)
        .where('person.slack_user_id', '=', user)
        .executeTakeFirstOrThrow();
      const at = DateTime.fromJSDate(row.next_due_at as Date).setZone(zone);
      return { weekday: at.weekday, time: at.toFormat('HH:mm') };
    };
    expect(await nextDue(charu.id, charu.tz)).toEqual({ weekday: 2, time: '10:00' });
    expect(await nextDue(bob.id, bob.tz)).toEqual({ weekday: 5, time: '15:00' });
  });

  it("keeps a 360 summary about someone of a workspace with a higher anonymity threshold unreleased, where the organization's would release it", async () => {
    const sales = h.emulator.workspace(SALES);
    // The scope is per workspace (the test before): Engineering asks for 4 answers, the organization for 3.
    await driver(SALES).selectOption({ user: alice.id, actionId: HomeAction.TeamSettings, value: ENG, source: { home: true } });
    const teamModal = await waitFor(async () => (sales.views.topModal(alice.id)?.callback_id === CallbackId.TeamSettings ? sales.views.topModal(alice.id) : undefined), {
      what: "Engineering's own settings",
    });
    expect(text(teamModal.blocks)).toContain('the person it is about');
    expect(text(teamModal.blocks)).toContain('Blank: the organization’s (now 3)');
    // Slack's own number input stops a 2; a crafted submission meets the same rule on the server.
    const refused = await driver(SALES).submitView({ user: alice.id, values: { [SettingsBlock.AnonymityThreshold]: '2' }, skipClientValidation: true });
    expect(text(refused.outcome)).toContain('At least 3');
    expect((await driver(SALES).submitView({ user: alice.id, values: { [SettingsBlock.AnonymityThreshold]: '4' } })).status).toBe(200);
    const audited = await waitFor(
      async () =>
        (await h.database.db.selectFrom('audit_event').select('detail').where('workspace_id', '=', ORG).where('action', '=', 'settings.team_changed').execute()).find((row) =>
          text(row.detail).includes('anonymityThreshold'),
        ),
      { what: 'the threshold change to be audited' },
    );
    expect(audited.detail).toMatchObject({ team: ENG, changes: { anonymityThreshold: { from: null, to: 4 } } });

    // Charu (Engineering) and bob (Sales) each ask three colleagues about themselves, and all three answer.
    const { people, feedbackRequests, feedbackAnswers } = h.cadence.deps;
    const actor = (user: string) => people.resolveActor(ORG, user);
    const dueOn = DateTime.utc().plus({ days: 7 }).toISODate() ?? '';
    const ask = async (subject: string, peers: string[]) => {
      const result = await feedbackRequests.create((await actor(subject))!, { subjectSlackId: subject, peerSlackIds: peers, focusAreas: ['Communication'], customQuestion: null, dueOn, note: null });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      for (const peer of peers) {
        const answered = await feedbackAnswers.answer((await actor(peer))!, result.value.request.id, { ratings: ['4'], comments: ['Clear'], customAnswer: null, strengths: 'Calm', suggestions: 'More demos' });
        if (!answered.ok) throw new Error(JSON.stringify(answered.errors));
      }
      return h.database.db.selectFrom('feedback_request').select(['status', 'anonymity_threshold']).where('id', '=', result.value.request.id).executeTakeFirstOrThrow();
    };
    expect(await ask(charu.id, [alice.id, bob.id, dana.id])).toEqual({ status: 'open', anonymity_threshold: 4 });
    expect(await ask(bob.id, [alice.id, charu.id, dana.id])).toEqual({ status: 'released', anonymity_threshold: 3 });

    // Engineering goes back to the organization's 3: the request already open keeps the 4 its peers were promised.
    await driver(SALES).selectOption({ user: alice.id, actionId: HomeAction.TeamSettings, value: ENG, source: { home: true } });
    await waitFor(async () => (sales.views.topModal(alice.id)?.callback_id === CallbackId.TeamSettings ? true : undefined), { what: "Engineering's own settings again" });
    expect((await driver(SALES).submitView({ user: alice.id, values: { [SettingsBlock.AnonymityThreshold]: '' } })).status).toBe(200);
    await waitFor(async () => ((await h.database.db.selectFrom('team_settings').select('anonymity_threshold').where('team_id', '=', ENG).executeTakeFirst())?.anonymity_threshold === null ? true : undefined), {
      what: "Engineering to keep the organization's threshold",
    });
    const kept = await h.database.db.selectFrom('feedback_request').innerJoin('person', 'person.id', 'feedback_request.subject_id').select(['status', 'anonymity_threshold']).where('person.slack_user_id', '=', charu.id).where('person.workspace_id', '=', ORG).execute();
    expect(kept).toEqual([{ status: 'open', anonymity_threshold: 4 }]);
  });

  it('stops all work in every workspace of the org when the org uninstalls; the other company and org are unaffected', async () => {
    const uninstalled = await driver(SALES).uninstallApp(ORG);
    expect(uninstalled.tokensRevoked.status).toBe(200);
    await waitFor(async () => (await installation(ORG))?.revoked_at ?? undefined, { what: 'the org install to be revoked' });
    expect(await installation(ORG)).toMatchObject({ revoked_reason: 'tokens_revoked', installation: null });

    for (const teamId of [SALES, ENG]) expect((await driver(teamId).command({ user: alice.id, command: '/goal', text: 'list' })).status).toBe(403);
    const person = await h.database.db.selectFrom('person').select('id').where('workspace_id', '=', ORG).where('slack_user_id', '=', charu.id).executeTakeFirstOrThrow();
    const outcome = await h.cadence.deps.delivery.sendOnce(
      { timing: 'reply', workspaceId: ORG, personId: person.id, slackUserId: charu.id, dedupeKey: 'after-org-uninstall', kind: goalCreatedJob.name },
      () => ({ text: 'never sent' }),
    );
    expect(outcome).toBe('workspace-not-served');
    expect(await h.cadence.deps.people.servedWorkspaces()).toEqual([RIVAL, OTHER]);

    expect(await goalList(OTHER, alice.id, 'Other company goal')).toContain('Other company goal');
    expect(await goalList(RIVAL_TEAM, alice.id, 'Rival org goal')).toContain('Rival org goal');
  });
});
