import type { Person } from '../../../src/domain/person';
import type { WorkspaceSettingsInput } from '../../../src/domain/settings';
import { ManualClock } from '../../../src/lib/clock';
import { findPersonById } from '../../../src/repositories/person.repository';
import { createAccessService } from '../../../src/services/access.service';
import { createAuditService } from '../../../src/services/audit.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createOrgService } from '../../../src/services/org.service';
import { createPeopleService } from '../../../src/services/people.service';
import { createPrivacyService } from '../../../src/services/privacy.service';
import { createRolesService } from '../../../src/services/roles.service';
import { createSettingsService } from '../../../src/services/settings.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

const settingsForm: WorkspaceSettingsInput = {
  checkinWeekday: '4',
  checkinTime: '11:00',
  checkinEveryWeeks: '2',
  workingDays: ['1', '2', '3', '4'],
  workStart: '08:00',
  workEnd: '17:00',
  quietStart: '21:00',
  quietEnd: '07:00',
  anonymityThreshold: '4',
  skipLevelVisibility: true,
  aiMode: 'on',
  assistantToolCalls: '60',
  assistantTokens: '50000',
  settingsScope: null,
  defaultTimezone: 'Asia/Kolkata',
};

describe('admin services: settings, roles, audit log, export and deletion', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-11-23T12:00:00Z');
  let services: ReturnType<typeof wire>;
  let admin: Person;
  let pinned: Person;
  let ana: Person;
  let bo: Person;
  let bot: Person;

  function wire(db: TestDatabase['db']) {
    const access = createAccessService({ db });
    const people = createPeopleService({
      db,
      defaultTimezone: 'UTC',
      directory: { fetchProfile: async () => undefined, listProfiles: async function* () {}, workspaceIds: async () => ['T0ADMIN'] },
    });
    const events = { managerProposed: async () => undefined, proposalAnswered: async () => undefined, managersChanged: async () => undefined };
    return {
      settings: createSettingsService({ db, clock, access }),
      roles: createRolesService({ db, clock, access, people, bootstrapAdmins: new Set(['U0PINNED']) }),
      audit: createAuditService({ db, clock, access }),
      privacy: createPrivacyService({ db, clock, access, people }),
      org: createOrgService({ db, clock, access, people, events }),
      goals: createGoalService({ db, clock, access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } }),
    };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    services = wire(t.db);
    const workspaceId = 'T0ADMIN';
    admin = await createPerson(t.db, { workspaceId, isAdmin: true, realName: 'Ada Admin' });
    pinned = await createPerson(t.db, { workspaceId, slackUserId: 'U0PINNED', isAdmin: true });
    ana = await createPerson(t.db, { workspaceId, realName: 'Ana Lyst', email: 'ana@admin.test' });
    bo = await createPerson(t.db, { workspaceId, realName: 'Bo Boss' });
    bot = await createPerson(t.db, { workspaceId, isBot: true });
  });
  afterAll(() => t.drop());

  const auditActions = async () =>
    (await t.db.selectFrom('audit_event').select('action').where('workspace_id', '=', 'T0ADMIN').orderBy('created_at').execute()).map((a) => a.action);

  describe('workspace settings', () => {
    it('refuses anyone but an admin, and stores nothing', async () => {
      await expect(services.settings.updateWorkspace(ana, settingsForm)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(services.settings.forAdmin(ana)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      expect((await services.settings.forPerson(ana)).workspace.anonymityThreshold).toBe(3);
    });

    it('keeps invalid settings out entirely', async () => {
      const result = await services.settings.updateWorkspace(admin, { ...settingsForm, anonymityThreshold: '2', defaultTimezone: 'Nowhere/Land' });
      expect(result.ok).toBe(false);
      expect((await services.settings.forPerson(admin)).workspace.checkin.weekday).toBe(5);
    });

    it('refuses settings per workspace where there are no Slack workspaces of an organization to set', async () => {
      const result = await services.settings.updateWorkspace(admin, { ...settingsForm, settingsScope: 'team' });
      expect(result).toEqual({ ok: false, errors: { settingsScope: expect.stringContaining('organization installed org-wide') } });
      expect((await services.settings.forPerson(admin)).workspace.scope).toBe('organization');
    });

    it('saves them for an admin and records what changed', async () => {
      expect((await services.settings.updateWorkspace(admin, settingsForm)).ok).toBe(true);
      expect((await services.settings.forPerson(ana)).workspace).toMatchObject({
        checkin: { weekday: 4, time: '11:00', everyWeeks: 2 },
        workingDays: [1, 2, 3, 4],
        anonymityThreshold: 4,
        skipLevelVisibility: true,
        aiMode: 'on',
        assistantLimits: { toolCalls: 60, tokens: 50000 },
        scope: 'organization',
        defaultTimezone: 'Asia/Kolkata',
      });
      const [entry] = await services.audit.recent(admin, 1);
      expect(entry).toMatchObject({ action: 'settings.workspace_changed', actor: { name: 'Ada Admin' } });
      expect(Object.keys((entry?.detail.changes ?? {}) as object).sort()).toEqual(
        ['anonymityThreshold', 'checkin', 'defaultTimezone', 'quietHours', 'skipLevelVisibility', 'workingDays', 'workingHours'].sort(),
      );
    });
  });

  describe('personal settings', () => {
    it('saves a person’s own choices, their AI opt-out among them, and records them', async () => {
      const result = await services.settings.updatePersonal(ana, {
        checkinWeekday: '1',
        checkinTime: null,
        checkinEveryWeeks: null,
        pausedUntil: '2026-12-24',
        enabledNudges: ['checkin'],
        aiOptOut: true,
      });
      expect(result.ok).toBe(true);
      expect((await services.settings.forPerson(ana)).personal).toEqual({
        checkin: { weekday: 1, time: null, everyWeeks: null },
        pausedUntil: '2026-12-24',
        mutedNudges: ['goal', 'feedback', 'review', 'digest'],
        aiOptOut: true,
      });
      expect((await auditActions()).at(-1)).toBe('settings.personal_changed');
    });
  });

  describe('HR admins', () => {
    it('lets an admin grant and revoke the role, and records both', async () => {
      const result = await services.roles.setAdmins(admin, [admin.slackUserId, pinned.slackUserId, bo.slackUserId]);
      expect(result.ok && result.value.admins.map((a) => a.id).sort()).toEqual([admin.id, pinned.id, bo.id].sort());
      await services.roles.setAdmins(admin, [admin.slackUserId, pinned.slackUserId]);
      expect((await findPersonById(t.db, bo.id))?.isAdmin).toBe(false);
      expect((await auditActions()).slice(-2)).toEqual(['role.admin_granted', 'role.admin_revoked']);
    });

    it.each([
      ['an admin set by ADMIN_SLACK_IDS', () => [admin.slackUserId], /is an admin through ADMIN_SLACK_IDS/],
      ['everyone', () => [], /Keep at least one HR admin/],
      ['a bot', () => [admin.slackUserId, pinned.slackUserId, bot.slackUserId], /is a bot, so cannot be an HR admin/],
    ])('refuses to remove or add %s', async (_label, ids, message) => {
      expect(await services.roles.setAdmins(admin, ids())).toEqual({ ok: false, errors: { admins: expect.stringMatching(message) } });
    });

    it('refuses people who are not admins', async () => {
      await expect(services.roles.setAdmins(ana, [ana.slackUserId])).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(services.roles.roster(ana)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    });
  });

  describe('audit log', () => {
    it('is for admins only, newest first, and an export is itself recorded', async () => {
      await expect(services.audit.recent(ana, 10)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(services.audit.export(ana)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      const recent = await services.audit.recent(admin, 50);
      expect(recent.map((e) => e.at.toMillis())).toEqual([...recent.map((e) => e.at.toMillis())].sort((a, b) => b - a));
      const exported = await services.audit.export(admin);
      expect(exported.length).toBe(recent.length);
      expect((await auditActions()).at(-1)).toBe('audit.exported');
    });
  });

  describe('a person’s data', () => {
    let companyGoalId: string;
    const companyProgress = async () => (await t.db.selectFrom('goal').select('progress').where('id', '=', companyGoalId).executeTakeFirstOrThrow()).progress;

    beforeAll(async () => {
      const company = await services.goals.create(admin, { title: 'Company aim', description: null, category: 'performance', targetDate: null, level: 'company', visibility: 'public' });
      if (!company.ok) throw new Error('expected a company goal');
      companyGoalId = company.value.goal.id;
      const chapters = { title: 'Chapters', kind: 'number', start: '0', target: '10', unit: null, weight: null };
      const mine = await services.goals.create(ana, {
        title: 'Write the <team> handbook',
        description: 'Mine & theirs',
        category: 'development',
        targetDate: null,
        parentId: companyGoalId,
        keyResults: [chapters],
      });
      if (!mine.ok) throw new Error('expected a goal');
      await services.goals.updateProgress(ana, mine.value.goal.id, { status: 'on_track', note: 'Half way', values: [{ keyResultId: mine.value.keyResults[0]!.id, value: '5' }] });
      await services.org.setManager(admin, ana.slackUserId, bo.slackUserId);
      await t.db.updateTable('person').set({ title: 'Analyst' }).where('id', '=', ana.id).execute();
    });

    it('exports everything Cadence holds about someone, for admins only, and records it', async () => {
      await expect(services.privacy.exportPerson(bo, ana.slackUserId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      const result = await services.privacy.exportPerson(admin, ana.slackUserId);
      if (!result.ok) throw new Error('expected an export');
      const data = result.value.data;
      expect(data.person).toMatchObject({ slackUserId: ana.slackUserId, realName: 'Ana Lyst', email: 'ana@admin.test', title: 'Analyst' });
      expect(data.settings.pausedUntil).toBe('2026-12-24');
      expect(data.goals.map((g) => g.title)).toEqual(['Write the <team> handbook']);
      expect(data.goals[0]).toMatchObject({ progress: 50, keyResults: [{ title: 'Chapters', start: 0, target: 10, current: 5 }] });
      expect(data.goals[0]?.history.map((h) => [h.kind, h.by?.name, h.note])).toEqual([
        ['created', 'Ana Lyst', null],
        ['progress', 'Ana Lyst', 'Half way'],
      ]);
      expect(data.reportsTo).toEqual([{ manager: { slackUserId: bo.slackUserId, name: 'Bo Boss' }, from: expect.any(String), to: null, source: 'admin' }]);
      expect(data.auditLog.map((e) => e.action)).toEqual(expect.arrayContaining(['settings.personal_changed', 'org.manager_set']));
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
      expect((await auditActions()).at(-1)).toBe('person.exported');
    });

    it('refuses to let admins delete their own data or anyone delete without being admin', async () => {
      expect(await services.privacy.erasePerson(admin, admin.slackUserId)).toEqual({
        ok: false,
        errors: { person: 'You cannot delete your own data; ask another HR admin.' },
      });
      await expect(services.privacy.erasePerson(bo, ana.slackUserId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    });

    it('deletes personal content, keeps the audit trail under a placeholder, and is recorded', async () => {
      const before = await t.db.selectFrom('audit_event').select('id').where('subject_id', '=', ana.id).execute();
      expect(await companyProgress()).toBe(50);
      const result = await services.privacy.erasePerson(admin, ana.slackUserId);
      expect(result).toMatchObject({ ok: true, value: { goals: 1 } });
      // Her goal no longer counts towards the company goal it was aligned to.
      expect(await companyProgress()).toBe(0);

      expect(await findPersonById(t.db, ana.id)).toMatchObject({ name: 'Deleted person', realName: null, email: null, deactivated: true, erased: true });
      expect((await t.db.selectFrom('person').select('title').where('id', '=', ana.id).executeTakeFirstOrThrow()).title).toBeNull();
      expect(await t.db.selectFrom('goal').select('id').where('owner_id', '=', ana.id).execute()).toEqual([]);
      expect(await t.db.selectFrom('manager_link').select('id').where('person_id', '=', ana.id).execute()).toEqual([]);
      expect((await services.settings.forPerson(ana)).personal).toEqual({ checkin: { weekday: null, time: null, everyWeeks: null }, pausedUntil: null, mutedNudges: [], aiOptOut: false });
      const after = await t.db.selectFrom('audit_event').select('id').where('subject_id', '=', ana.id).execute();
      expect(after.length).toBe(before.length + 1);
      const [latest] = await services.audit.recent(admin, 1);
      expect(latest).toMatchObject({ action: 'person.erased', subject: { name: 'Deleted person' }, detail: { goals: 1 } });

      expect(await services.privacy.erasePerson(admin, ana.slackUserId)).toEqual({ ok: false, errors: { person: 'Their personal data has already been deleted.' } });
    });
  });
});
