import { DEFAULT_PEOPLE, defaultWorkspace, type SlackView } from '../../sandbox';
import { AdminBlock, GoalBlock, OrgBlock, SettingsBlock } from '../../src/views/ids';
import { type CadenceHarness, openAllHours, startCadenceHarness } from '../support/cadence';
import { waitFor } from '../support/redis';

const alice = DEFAULT_PEOPLE.alice.id;
const bob = DEFAULT_PEOPLE.bob.id;
const charu = DEFAULT_PEOPLE.charu.id;
/** The HR admin, through ADMIN_SLACK_IDS. */
const dana = DEFAULT_PEOPLE.dana.id;
/** Left the company: deactivated in Slack. */
const erin = 'U0ERIN';

const blockText = (view: { blocks?: unknown[] } | undefined) => JSON.stringify(view?.blocks ?? []);

describe('people, org chart and access through the Slack emulator', () => {
  let h: CadenceHarness;
  beforeAll(async () => {
    const workspace = defaultWorkspace();
    workspace.people = [
      ...(workspace.people ?? []),
      { id: erin, name: 'erin', realName: 'Erin Gone', email: 'erin@example.com', tz: 'Europe/Paris', deleted: true },
    ];
    h = await startCadenceHarness({ emulator: { workspaces: [workspace] }, env: { ADMIN_SLACK_IDS: dana } });
    await openAllHours(h);
  });
  afterAll(() => h.stop());

  const person = (slackUserId: string) =>
    h.database.db.selectFrom('person').selectAll().where('slack_user_id', '=', slackUserId).executeTakeFirst();
  const managerOf = async (slackUserId: string) => {
    const row = await h.database.db
      .selectFrom('manager_link as l')
      .innerJoin('person as p', 'p.id', 'l.person_id')
      .innerJoin('person as m', 'm.id', 'l.manager_id')
      .select('m.slack_user_id')
      .where('p.slack_user_id', '=', slackUserId)
      .where('l.valid_to', 'is', null)
      .executeTakeFirst();
    return row?.slack_user_id;
  };

  async function openHome(user: string, contains: string): Promise<SlackView> {
    await h.driver.appHomeOpened({ user });
    return h.emulator.waitForHome(user, (view) => blockText(view).includes(contains));
  }

  async function openFromHome(user: string, actionId: string, callbackId: string): Promise<SlackView> {
    await h.driver.clickButton({ user, actionId, source: { home: true } });
    return h.emulator.waitForModal(user, (view) => view.callback_id === callbackId);
  }

  it('syncs the directory from Slack at start: everyone, the deactivated flagged, the admin from ADMIN_SLACK_IDS', async () => {
    const synced = await waitFor(async () => (await person(erin)) ?? false, { what: 'the start-up directory sync' });
    expect(synced).toMatchObject({ real_name: 'Erin Gone', deactivated: true, timezone: 'Europe/Paris' });
    expect(await person(charu)).toMatchObject({ timezone: 'Asia/Kolkata', email: 'charu@example.com', is_admin: false });
    // ADMIN_SLACK_IDS are applied once the whole directory is in, just after the rows appear.
    expect(await waitFor(async () => (await person(dana))?.is_admin === true, { what: 'the bootstrap admin' })).toBe(true);
    expect(h.emulator.calls('users.list').length).toBeGreaterThan(0);
  });

  it('a person names their manager, who confirms with the DM button, then sees their goals while a peer is refused', async () => {
    await h.driver.command({ user: bob, command: '/goal', text: '' });
    await h.emulator.waitForModal(bob, (view) => view.callback_id === 'goal_new');
    await h.driver.submitView({ user: bob, values: { [GoalBlock.Title]: 'Ship the billing migration' } });

    await openHome(bob, 'Set my manager');
    await openFromHome(bob, 'home_propose_manager', 'org_propose_manager');
    const asked = await h.driver.submitView({ user: bob, values: { [OrgBlock.Manager]: alice } });
    expect(asked.outcome).toMatchObject({ kind: 'updated' });
    expect(blockText(asked.outcome.kind === 'updated' ? asked.outcome.view : undefined)).toContain(`<@${alice}>`);
    await h.emulator.waitForHome(bob, (view) => blockText(view).includes('has not confirmed yet'));

    const request = await h.emulator.waitForDm(alice, (m) => m.text.includes('says you are their manager'));
    expect(blockText(request)).toContain(`<@${bob}>`);
    await h.driver.clickButton({ user: alice, actionId: 'proposal_confirm', source: { message: { channel: request.channel, ts: request.ts } } });
    await h.emulator.waitForDm(alice, (m) => m.ts === request.ts && m.text.startsWith('You confirmed'));
    await h.emulator.waitForDm(bob, (m) => m.text === 'Alice Example confirmed they are your manager.');
    expect(await managerOf(bob)).toBe(alice);

    await h.driver.command({ user: alice, command: '/goal', text: `list <@${bob}|bob>` });
    const list = await h.emulator.waitForEphemeral(alice, (m) => m.text.startsWith('Bob Example'));
    expect(list.text).toBe("Bob Example's goals (1)");
    expect(blockText(list)).toContain('Ship the billing migration');

    await h.driver.command({ user: charu, command: '/goal', text: `list <@${bob}>` });
    const refused = await h.emulator.waitForEphemeral(charu, (m) => m.text.startsWith("You can't see that"));
    expect(blockText(refused)).not.toContain('Ship the billing migration');

    const home = await openHome(alice, 'My reports');
    expect(blockText(home)).toContain(`*My reports (1):* <@${bob}>`);
    // The button in the DM is gone: the request cannot be answered twice.
    const answered = h.emulator.dms(alice).find((m) => m.ts === request.ts);
    expect(blockText(answered)).not.toContain('proposal_confirm');
  });

  it('a manager who says no leaves the chart as it was, and the person hears so', async () => {
    await openHome(charu, 'Set my manager');
    await openFromHome(charu, 'home_propose_manager', 'org_propose_manager');
    await h.driver.submitView({ user: charu, values: { [OrgBlock.Manager]: bob } });
    const request = await h.emulator.waitForDm(bob, (m) => m.text.includes('says you are their manager'));
    await h.driver.clickButton({ user: bob, actionId: 'proposal_reject', source: { message: { channel: request.channel, ts: request.ts } } });
    await h.emulator.waitForDm(charu, (m) => m.text === 'Bob Example said they are not your manager.');
    expect(await managerOf(charu)).toBeUndefined();
  });

  it.each([
    ['themself', charu, 'You cannot be your own manager. Pick the person you report to.'],
    ['a deactivated person', erin, 'Erin Gone is deactivated in Slack.'],
    ['their own report', bob, undefined],
  ])('keeps the manager form open with an inline error when someone names %s', async (_label, manager, message) => {
    const who = manager === bob ? alice : charu;
    await openHome(who, 'My manager');
    await openFromHome(who, 'home_propose_manager', 'org_propose_manager');
    const result = await h.driver.submitView({ user: who, values: { [OrgBlock.Manager]: manager } });
    expect(result.body).toEqual({
      response_action: 'errors',
      errors: { [OrgBlock.Manager]: message ?? 'Bob Example reports to you (Alice Example → Bob Example → Alice Example), so cannot be your manager.' },
    });
    await h.driver.closeView({ user: who });
  });

  it('shows the admin section only to HR admins', async () => {
    expect(blockText(await openHome(charu, 'My settings'))).not.toContain('Workspace settings');
    const home = await openHome(dana, 'Admin');
    expect(blockText(home)).toContain('HR admin');
  });

  it('an HR admin imports the org chart: a bad paste lists every bad line and changes nothing, a good one applies', async () => {
    await openHome(dana, 'Import org chart');
    await openFromHome(dana, 'home_import_org', 'org_import');
    const bad = ['email,manager_email', 'charu@example.com,dana@example.com', 'nobody@example.com,alice@example.com', 'dana@example.com,dana@example.com', 'erin@example.com,alice@example.com'].join('\n');
    const refused = await h.driver.submitView({ user: dana, values: { [OrgBlock.Csv]: bad } });
    expect(refused.outcome.kind).toBe('updated');
    const listed = blockText(refused.outcome.kind === 'updated' ? refused.outcome.view : undefined);
    expect(listed).toContain('Fix these 4 lines and import again:');
    expect(listed).toContain(
      [
        // An HR admin cannot make themself anyone's manager: that would open the report's check-ins and feedback.
        '• *Line 2:* you cannot make yourself charu@example.com’s manager: another HR admin must set it.',
        '• *Line 3:* unknown email nobody@example.com: no one in this workspace has it.',
        '• *Line 4:* dana@example.com cannot be their own manager.',
        '• *Line 5:* erin@example.com is deactivated in Slack.',
      ].join('\\n'),
    );
    expect(await managerOf(charu)).toBeUndefined();

    const good = 'email,manager_email\ncharu@example.com,alice@example.com\nbob@example.com,alice@example.com';
    const applied = await h.driver.submitView({ user: dana, values: { [OrgBlock.Csv]: good } });
    expect(applied.outcome).toMatchObject({ kind: 'updated' });
    expect(blockText(applied.outcome.kind === 'updated' ? applied.outcome.view : undefined)).toContain('a new manager');
    expect(await managerOf(charu)).toBe(alice);
    expect(await managerOf(bob)).toBe(alice);
  });

  it('an HR admin changes workspace settings: bad values get inline errors, good ones are saved and audited', async () => {
    await openHome(dana, 'Workspace settings');
    await openFromHome(dana, 'home_workspace_settings', 'settings_workspace');
    // The Slack client would refuse 2 itself (min_value 3); a crafted request must meet the same rule.
    const refused = await h.driver.submitView({
      user: dana,
      values: { [SettingsBlock.AnonymityThreshold]: '2', [SettingsBlock.WorkingDays]: [] },
      skipClientValidation: true,
    });
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: {
        [SettingsBlock.AnonymityThreshold]: 'At least 3, so no answer can be traced back to one person.',
        [SettingsBlock.WorkingDays]: 'Pick at least one working day.',
      },
    });
    const saved = await h.driver.submitView({
      user: dana,
      values: { [SettingsBlock.SkipLevel]: ['on'], [SettingsBlock.AnonymityThreshold]: '5', [SettingsBlock.AssistantToolCalls]: '25' },
    });
    expect(saved.outcome).toEqual({ kind: 'closed' });
    await h.emulator.waitForHome(dana, (view) => blockText(view).includes('Skip-level visibility on'));
    expect(blockText(h.emulator.home(dana))).toContain('DM assistant: 25 actions and 50,000 tokens a person a day');

    // Skip-level on: dana, above alice, now sees bob's goals.
    await h.driver.command({ user: dana, command: '/goal', text: `list <@${bob}>` });
    await h.emulator.waitForEphemeral(dana, (m) => m.text === "Bob Example's goals (1)");

    const log = await openFromHome(dana, 'home_audit_log', 'audit_log');
    expect(blockText(log)).toContain('changed the workspace settings');
    expect(blockText(log)).toContain('confirmed being the manager of');
    await h.driver.clickButton({ user: dana, actionId: 'audit_export', source: { modal: true } });
    const csv = await h.emulator.waitForDm(dana, (m) => m.text.includes('time_utc,actor_slack_id'));
    expect(csv.text).toContain('settings.workspace_changed');
  });

  it('a person pauses their nudges; a day in the past is refused inline', async () => {
    await openHome(bob, 'My settings');
    await openFromHome(bob, 'home_personal_settings', 'settings_personal');
    const refused = await h.driver.submitView({ user: bob, values: { [SettingsBlock.PausedUntil]: '2020-01-01' } });
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: { [SettingsBlock.PausedUntil]: 'That day has passed. Pick today or a later day, or clear the date to resume.' },
    });
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const saved = await h.driver.submitView({ user: bob, values: { [SettingsBlock.PausedUntil]: until, [SettingsBlock.CheckinWeekday]: '2' } });
    expect(saved.outcome).toEqual({ kind: 'closed' });
    await h.emulator.waitForHome(bob, (view) => blockText(view).includes(`paused until ${until}`) && blockText(view).includes('Tuesdays at 15:00'));
  });

  it('an HR admin exports a person’s data to their DM, then deletes it after confirming', async () => {
    await openFromHome(dana, 'home_export_person', 'privacy_export');
    await h.driver.submitView({ user: dana, values: { [AdminBlock.Person]: bob } });
    const exported = await h.emulator.waitForDm(dana, (m) => m.text.includes('"slackUserId": "U0BOB"'));
    expect(exported.text).toContain('Ship the billing migration');

    await openFromHome(dana, 'home_erase_person', 'privacy_erase');
    const unconfirmed = await h.driver.submitView({ user: dana, values: { [AdminBlock.Person]: bob }, skipClientValidation: true });
    expect(unconfirmed.body).toEqual({
      response_action: 'errors',
      errors: { [AdminBlock.ConfirmErase]: 'Tick this to confirm: the deletion cannot be undone.' },
    });
    const erased = await h.driver.submitView({ user: dana, values: { [AdminBlock.Person]: bob, [AdminBlock.ConfirmErase]: ['erase'] } });
    expect(blockText(erased.outcome.kind === 'updated' ? erased.outcome.view : undefined)).toContain('including 1 goal');
    expect(await person(bob)).toMatchObject({ name: 'Deleted person', email: null, deactivated: true });
    expect(await managerOf(bob)).toBeUndefined();
  });
});
