import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../../src/lib/clock';
import { createLogger } from '../../../src/lib/logger';
import { createSecretBox } from '../../../src/lib/secret-box';
import { createInstallationService, type InstallationService } from '../../../src/services/installation.service';
import { installedClients } from '../../../src/slack/clients';
import { WebClient } from '@slack/web-api';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const logger = createLogger('silent');
const document = (teamId: string) => JSON.stringify({ team: { id: teamId }, bot: { token: `xoxb-${teamId}` } });

describe('installations', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  const oldKey = createSecretBox(randomBytes(32));
  const newKey = createSecretBox(randomBytes(32));
  const service = (keys: { current: typeof oldKey; previous?: typeof oldKey }, retentionDays = 30): InstallationService =>
    createInstallationService({ db: t.db, clock, logger, keys, retentionDays, defaultTimezone: 'UTC' });

  beforeEach(async () => {
    t = await createTestDatabase();
    clock = new ManualClock('2026-12-07T09:00:00Z');
  });
  afterEach(() => t.drop());

  const install = (installations: InstallationService, id: string) =>
    installations.store({ id, enterpriseId: null, isEnterpriseInstall: false, installerSlackId: 'U0ALICE', document: document(id) });

  it('keeps the tokens sealed at rest and gives them back only while the installation is active', async () => {
    const installations = service({ current: oldKey });
    await install(installations, 'T0ONE');
    const row = await t.db.selectFrom('slack_installation').selectAll().executeTakeFirstOrThrow();
    expect(row.installation).not.toContain('xoxb-');
    expect(await installations.find('T0ONE')).toBe(document('T0ONE'));
    expect(await installations.activeWorkspaces()).toEqual(['T0ONE']);
    // The workspace exists from the install on, so its first request finds it.
    expect(await t.db.selectFrom('workspace').select('id').execute()).toEqual([{ id: 'T0ONE' }]);

    expect(await installations.revoke('T0ONE', 'app_uninstalled')).toBe(true);
    expect(await installations.find('T0ONE')).toBeUndefined();
    expect(await installations.isKnown('T0ONE')).toBe(true);
    expect(await installations.activeWorkspaces()).toEqual([]);
  });

  it("reads an installation once for a request's guard and its authorization, and sees its own process's revocation at once", async () => {
    const installations = service({ current: oldKey });
    await install(installations, 'T0ONE');
    const queries = jest.spyOn(Client.prototype, 'query');
    try {
      expect(await installations.isActive('T0ONE')).toBe(true);
      expect(await installations.find('T0ONE')).toBe(document('T0ONE'));
      const reads = () => queries.mock.calls.filter(([text]) => /from "slack_installation"/.test(typeof text === 'string' ? text : String((text as { text?: unknown }).text)));
      expect(reads()).toHaveLength(1);

      await installations.revoke('T0ONE', 'tokens_revoked');
      expect(await installations.isActive('T0ONE')).toBe(false);
    } finally {
      queries.mockRestore();
    }
  });

  it('sees a revocation made by another process once the second a read is remembered is over', async () => {
    let monotonic = 0;
    const installations = createInstallationService({ db: t.db, clock, logger, keys: { current: oldKey }, retentionDays: 30, defaultTimezone: 'UTC', monotonicMs: () => monotonic });
    const elsewhere = service({ current: oldKey });
    await install(installations, 'T0ONE');
    expect(await installations.isActive('T0ONE')).toBe(true);

    await elsewhere.revoke('T0ONE', 'app_uninstalled');
    monotonic += 999;
    expect(await installations.isActive('T0ONE')).toBe(true);
    monotonic += 1;
    expect(await installations.isActive('T0ONE')).toBe(false);
  });

  it('revokes once, however many times Slack says so', async () => {
    const installations = service({ current: oldKey });
    await install(installations, 'T0ONE');
    const answers = await Promise.all([installations.revoke('T0ONE', 'token_revoked'), installations.revoke('T0ONE', 'tokens_revoked'), installations.revoke('T0ONE', 'app_uninstalled')]);
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('makes a revoked installation active again on reinstall', async () => {
    const installations = service({ current: oldKey });
    await install(installations, 'T0ONE');
    await installations.revoke('T0ONE', 'app_uninstalled');
    await install(installations, 'T0ONE');
    expect(await installations.isActive('T0ONE')).toBe(true);
    expect(await t.db.selectFrom('slack_installation').select(['revoked_at', 'revoked_reason']).executeTakeFirstOrThrow()).toEqual({ revoked_at: null, revoked_reason: null });
  });

  it("deletes an uninstalled workspace's data only once the retention period is over, and keeps the record", async () => {
    const installations = service({ current: oldKey }, 30);
    await install(installations, 'T0GONE');
    await install(installations, 'T0STAYS');
    await installations.revoke('T0GONE', 'app_uninstalled');

    clock.advance({ days: 29 });
    expect(await installations.deleteExpired()).toEqual([]);
    clock.advance({ days: 2 });
    expect(await installations.deleteExpired()).toEqual(['T0GONE']);
    expect(await installations.deleteExpired()).toEqual([]);

    expect(await t.db.selectFrom('workspace').select('id').execute()).toEqual([{ id: 'T0STAYS' }]);
    expect(await t.db.selectFrom('slack_installation').select(['id', 'revoked_reason', 'data_deleted_at']).where('id', '=', 'T0GONE').executeTakeFirstOrThrow()).toEqual({
      id: 'T0GONE',
      revoked_reason: 'app_uninstalled',
      data_deleted_at: clock.now().toJSDate(),
    });
  });

  it('reads installations sealed with the previous key after a rotation, and seals them anew', async () => {
    await install(service({ current: oldKey }), 'T0ONE');
    const rotated = service({ current: newKey, previous: oldKey });
    expect(await rotated.find('T0ONE')).toBe(document('T0ONE'));
    expect(await rotated.reseal()).toBe(1);
    expect(await rotated.reseal()).toBe(0);
    // Once resealed, the old key can go.
    expect(await service({ current: newKey }).find('T0ONE')).toBe(document('T0ONE'));
  });

  it('lets a dead token stop its workspace, but not a token a reinstall has replaced since', async () => {
    const installations = service({ current: oldKey });
    const clients = installedClients({ installations, build: (token) => new WebClient(token) });
    await install(installations, 'T0ONE');
    const before = await clients.forWorkspace('T0ONE');
    await installations.store({ id: 'T0ONE', enterpriseId: null, isEnterpriseInstall: false, installerSlackId: 'U0ALICE', document: JSON.stringify({ team: { id: 'T0ONE' }, bot: { token: 'xoxb-reinstalled' } }) });

    await clients.tokenRejected('T0ONE', 'invalid_auth', before.token);
    expect(await installations.isActive('T0ONE')).toBe(true);

    // The same when the reinstall went through another process, moments after this one read the installation.
    const elsewhere = service({ current: oldKey });
    await installations.find('T0ONE');
    await elsewhere.store({ id: 'T0ONE', enterpriseId: null, isEnterpriseInstall: false, installerSlackId: 'U0ALICE', document: JSON.stringify({ team: { id: 'T0ONE' }, bot: { token: 'xoxb-reinstalled-again' } }) });
    await clients.tokenRejected('T0ONE', 'invalid_auth', 'xoxb-reinstalled');
    expect(await elsewhere.isActive('T0ONE')).toBe(true);
    const after = await clients.forWorkspace('T0ONE');
    expect(after.token).toBe('xoxb-reinstalled-again');
    await clients.tokenRejected('T0ONE', 'token_revoked', after.token);
    expect(await installations.isActive('T0ONE')).toBe(false);
  });

  it('reseals what it can when one installation opens with neither key, leaving that one as it is', async () => {
    const lost = createSecretBox(randomBytes(32));
    await install(service({ current: lost }), 'T0LOST');
    await install(service({ current: oldKey }), 'T0KEPT');
    const rotated = service({ current: newKey, previous: oldKey });
    expect(await rotated.reseal()).toBe(1);
    expect(await service({ current: newKey }).find('T0KEPT')).toBe(document('T0KEPT'));
    await expect(rotated.find('T0LOST')).rejects.toThrow();
  });
});
