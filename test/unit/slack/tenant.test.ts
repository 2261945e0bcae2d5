import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signedHeaders } from '../../../sandbox/driver/signing';
import { createAnswersFirst } from '../../../src/http/answers-first';
import { createSlackRequestGuard } from '../../../src/http/slack-request-guard';
import { createLogger } from '../../../src/lib/logger';
import { tenantOf } from '../../../src/slack/tenant';

const SECRET = 'tenant-test-signing-secret';
const ORG = 'E0ORG';
const TEAM = 'T0TEAM';

describe('tenantOf: which Cadence workspace a request belongs to', () => {
  it('is the organization for an org-wide install, whichever of its workspaces the request comes from', () => {
    expect(tenantOf({ teamId: TEAM, enterpriseId: ORG, isEnterpriseInstall: true })).toBe(ORG);
    expect(tenantOf({ teamId: 'T0OTHERTEAM', enterpriseId: ORG, isEnterpriseInstall: true })).toBe(ORG);
  });

  it('is the workspace for a workspace install, even inside an organization', () => {
    expect(tenantOf({ teamId: TEAM, enterpriseId: ORG, isEnterpriseInstall: false })).toBe(TEAM);
    expect(tenantOf({ teamId: TEAM, enterpriseId: undefined, isEnterpriseInstall: undefined })).toBe(TEAM);
  });

  it('is nothing when the request names neither', () => {
    expect(tenantOf({ teamId: undefined, enterpriseId: undefined, isEnterpriseInstall: true })).toBeUndefined();
  });
});

describe('the request guard serves a request for the workspace tenantOf names', () => {
  /** Runs one signed request through the guard; returns the workspace it asked about and the outcome. */
  async function guarded(body: string, contentType: string): Promise<{ asked: string[]; outcome: string }> {
    const asked: string[] = [];
    const guard = createSlackRequestGuard({
      signingSecret: SECRET,
      serves: async (workspaceId) => {
        asked.push(workspaceId);
        return workspaceId === ORG;
      },
      claimSignature: async () => true,
      answersFirst: createAnswersFirst({ quietMs: 0, maxWaitMs: 0 }),
      logger: createLogger('silent'),
    });
    const headers = Object.fromEntries(Object.entries(signedHeaders(SECRET, Math.floor(Date.now() / 1000), body)).map(([k, v]) => [k.toLowerCase(), v]));
    const req = Object.assign(Readable.from([Buffer.from(body)]), { headers: { ...headers, 'content-type': contentType } }) as unknown as IncomingMessage;
    const res = { writeHead: () => ({ end: () => undefined }), once: () => res } as unknown as ServerResponse;
    return { asked, outcome: await guard(req, res) };
  }

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const interaction = (payload: object) => form({ payload: JSON.stringify(payload) });
  const FORM = 'application/x-www-form-urlencoded';

  it('maps a slash command from an org-wide install to the organization', async () => {
    const org = await guarded(form({ command: '/goal', user_id: 'U1', team_id: TEAM, enterprise_id: ORG, is_enterprise_install: 'true' }), FORM);
    expect(org).toEqual({ asked: [ORG], outcome: 'pass' });
    const workspace = await guarded(form({ command: '/goal', user_id: 'U1', team_id: TEAM, enterprise_id: ORG, is_enterprise_install: 'false' }), FORM);
    expect(workspace).toEqual({ asked: [TEAM], outcome: 'answered' });
  });

  it('maps interactions by their enterprise and is_enterprise_install', async () => {
    const base = { type: 'block_actions', user: { id: 'U1', team_id: TEAM }, actions: [{ action_id: 'x' }] };
    expect((await guarded(interaction({ ...base, team: { id: TEAM, enterprise_id: ORG }, enterprise: { id: ORG }, is_enterprise_install: true }), FORM)).asked).toEqual([ORG]);
    // Slack leaves `team` null in some org-wide payloads: the org still comes from `enterprise`.
    expect((await guarded(interaction({ ...base, team: null, enterprise: { id: ORG }, is_enterprise_install: true }), FORM)).asked).toEqual([ORG]);
    expect((await guarded(interaction({ ...base, team: { id: TEAM }, enterprise: null, is_enterprise_install: false }), FORM)).asked).toEqual([TEAM]);
  });

  it('maps a form submitted across a Slack Connect channel to the workspace the modal belongs to, as Bolt authorizes it', async () => {
    const submitted = (view: object) => interaction({ type: 'view_submission', user: { id: 'U1', team_id: 'T0GUEST' }, team: { id: 'T0GUEST' }, view });
    expect((await guarded(submitted({ id: 'V1', callback_id: 'goal_new', app_installed_team_id: TEAM }), FORM)).asked).toEqual([TEAM]);
    expect((await guarded(submitted({ id: 'V1', callback_id: 'goal_new' }), FORM)).asked).toEqual(['T0GUEST']);
    // A button in a modal is authorized by the clicker's team, as Bolt does.
    const clicked = interaction({ type: 'block_actions', user: { id: 'U1', team_id: 'T0GUEST' }, team: { id: 'T0GUEST' }, actions: [{ action_id: 'x' }], view: { id: 'V1', app_installed_team_id: TEAM } });
    expect((await guarded(clicked, FORM)).asked).toEqual(['T0GUEST']);
  });

  it("maps events by their first authorization, as Bolt does", async () => {
    const event = (authorization: object) => JSON.stringify({ type: 'event_callback', team_id: TEAM, enterprise_id: ORG, event: { type: 'app_home_opened' }, authorizations: [authorization] });
    expect((await guarded(event({ enterprise_id: ORG, team_id: null, is_enterprise_install: true }), 'application/json')).asked).toEqual([ORG]);
    expect((await guarded(event({ enterprise_id: ORG, team_id: TEAM, is_enterprise_install: false }), 'application/json')).asked).toEqual([TEAM]);
  });
});
