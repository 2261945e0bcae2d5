/**
 * Enterprise Grid in the emulator, as the real @slack/web-api client sees it: an org-wide install's
 * token across the org's workspaces, and the answers that differ from a workspace's.
 */
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { DEFAULT_APP_ID, DEFAULT_PEOPLE, startSlackEmulator, type SlackEmulator, type WorkspaceSpec } from '../../../sandbox';
import { clientFor } from './support';

const { alice, bob, charu } = DEFAULT_PEOPLE;
const ORG = 'E0EMU';
const ORG_TOKEN = 'xoxb-org-emu';
const member = (teamId: string, name: string, people: WorkspaceSpec['people']): WorkspaceSpec => ({
  teamId,
  name,
  enterpriseId: ORG,
  botToken: `xoxb-${teamId.toLowerCase()}`,
  botUserId: 'U0ORGBOT',
  appId: DEFAULT_APP_ID,
  people,
});

async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const platform = error as WebAPIPlatformError;
    if (platform.code === ErrorCode.PlatformError) return platform.data.error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Slack emulator: Enterprise Grid organizations', () => {
  let emulator: SlackEmulator;
  const org = () => clientFor(emulator, {}, ORG_TOKEN);

  beforeAll(async () => {
    emulator = await startSlackEmulator({
      rateLimits: 'off',
      enterprises: [{ id: ORG, name: 'Emu Org', botToken: ORG_TOKEN, botUserId: 'U0ORGBOT', appId: DEFAULT_APP_ID }],
      workspaces: [member('T0EMUA', 'Emu A', [{ ...alice }, { ...bob }]), member('T0EMUB', 'Emu B', [{ ...alice }, { ...charu }])],
    });
  });
  afterAll(() => emulator.stop());

  /** oauth.v2.access for an org-wide approval: what Bolt's installer reads. */
  async function installOrgWide() {
    const code = emulator.authorizeOrgInstall(ORG, alice.id);
    return clientFor(emulator, {}, '').oauth.v2.access({ client_id: 'id', client_secret: 'secret', code });
  }

  it('has no org token before the org installs the app', async () => {
    expect(await slackError(org().auth.test())).toBe('invalid_auth');
  });

  it('answers an org-wide install as Slack does: no team, the enterprise, its token', async () => {
    expect(await installOrgWide()).toMatchObject({ ok: true, team: null, enterprise: { id: ORG, name: 'Emu Org' }, is_enterprise_install: true, access_token: ORG_TOKEN });
    expect(await org().auth.test()).toMatchObject({ team_id: ORG, enterprise_id: ORG, is_enterprise_install: true, user_id: 'U0ORGBOT' });
  });

  it("lists the org's workspaces, and each workspace's members only with team_id", async () => {
    expect((await org().auth.teams.list()).teams).toEqual([
      { id: 'T0EMUA', name: 'Emu A' },
      { id: 'T0EMUB', name: 'Emu B' },
    ]);
    expect(await slackError(org().users.list({}))).toBe('missing_argument');
    const listed = await org().users.list({ team_id: 'T0EMUB' });
    const people = (listed.members ?? []).filter((m) => !m.is_bot);
    expect(people.map((m) => m.id)).toEqual([alice.id, charu.id]);
    // Alice is in both workspaces: Slack names them, first her first.
    expect(people.find((m) => m.id === alice.id)?.enterprise_user).toMatchObject({ enterprise_id: ORG, teams: ['T0EMUA', 'T0EMUB'] });
    expect(await slackError(org().users.list({ team_id: 'T0OUTSIDE' }))).toBe('team_access_not_granted');
  });

  it("posts a DM to a person in their home workspace, with the org's token", async () => {
    await org().chat.postMessage({ channel: charu.id, text: 'hello from the org' });
    expect(emulator.workspace('T0EMUB').conversation(charu.id).map((m) => m.text)).toEqual(['hello from the org']);
    const call = emulator.calls('chat.postMessage').at(-1);
    expect(call).toMatchObject({ teamId: 'T0EMUB', enterpriseId: ORG });
  });

  it("revokes the org's token on uninstall, leaving each workspace's own token as it was", async () => {
    emulator.uninstall(ORG);
    expect(await slackError(org().auth.test())).toBe('token_revoked');
    expect(await clientFor(emulator, {}, 'xoxb-t0emua').auth.test()).toMatchObject({ team_id: 'T0EMUA', enterprise_id: ORG, is_enterprise_install: false });
  });
});
