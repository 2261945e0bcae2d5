import { randomUUID } from 'node:crypto';
import type { KnownBlock, ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { validateMessage, validateView } from '../../../sandbox/block-kit/validate';
import { buildViewState } from '../../../sandbox/driver/view-state';
import type { SlackView } from '../../../sandbox';
import type { GoalCard } from '../../../src/services/goal.service';
import type { ManagerProposal } from '../../../src/domain/org-chart';
import type { Person } from '../../../src/domain/person';
import type { PersonalSettings, WorkspaceSettings } from '../../../src/domain/settings';
import type { AuditEntry } from '../../../src/services/audit.service';
import { buildAdminsModal } from '../../../src/views/admin/admins.modal';
import { AUDIT_MODAL_ENTRIES, buildAuditLogModal, describeAuditEntry } from '../../../src/views/admin/audit-log.modal';
import { auditLogCsv, buildDocumentMessages, chunkForMrkdwn } from '../../../src/views/admin/export.messages';
import { buildErasedView, buildErasePersonModal, buildExportPersonModal } from '../../../src/views/admin/person-data.modal';
import { buildAdminSection, describeAiUsage } from '../../../src/views/home/admin.section';
import { buildHomeView } from '../../../src/views/home/home.view';
import { buildPeopleSection } from '../../../src/views/home/people.section';
import { OrgBlock, SettingsBlock as B } from '../../../src/views/ids';
import { buildImportOrgModal, buildImportResultView, importProblemRows } from '../../../src/views/org/import-org.modal';
import {
  buildManagerRequestAnsweredMessage,
  buildManagerRequestMessage,
  buildProposalOutcomeMessage,
} from '../../../src/views/org/manager-proposal.messages';
import { buildProposeManagerModal } from '../../../src/views/org/propose-manager.modal';
import { buildSetManagerModal } from '../../../src/views/org/set-manager.modal';
import { buildPersonalSettingsModal } from '../../../src/views/settings/personal-settings.modal';
import { parsePersonalSettings, parseTeamSettings, parseWorkspaceSettings } from '../../../src/views/settings/settings.parse';
import { buildTeamSettingsModal, buildWorkspaceSettingsModal } from '../../../src/views/settings/workspace-settings.modal';
import { buildPerson } from '../../support/people';

/** Angle brackets in names check that builders escape what people type. */
const person = (overrides: Partial<Person> = {}): Person => {
  const built = buildPerson(overrides);
  return { ...built, realName: overrides.realName ?? `Person <${built.id}>`, email: overrides.email ?? `${built.id}@example.com` };
};

const proposal = (personId: string, managerId: string, status: ManagerProposal['status'] = 'pending', id = randomUUID()): ManagerProposal => ({
  id,
  workspaceId: 'T1',
  personId,
  managerId,
  status,
  createdAt: DateTime.utc(2026, 11, 23),
  decidedAt: null,
});

const workspace: WorkspaceSettings = {
  workspaceId: 'T1',
  defaultTimezone: 'Europe/London',
  checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '18:00' },
  quietHours: { start: '20:00', end: '08:00' },
  anonymityThreshold: 3,
  skipLevelVisibility: false,
  aiMode: 'on',
  assistantLimits: { toolCalls: 60, tokens: 50000 },
  scope: 'organization',
};
const personal: PersonalSettings = { checkin: { weekday: null, time: null, everyWeeks: null }, pausedUntil: null, mutedNudges: [], aiOptOut: false };

/** The state Slack would send for this modal with these inputs filled in. */
const stateOf = (modal: ModalView, values: Record<string, string | string[] | null>) => buildViewState(modal as unknown as SlackView, values);

describe('org chart views', () => {
  it.each([
    ['without a manager', { manager: undefined, proposedManager: undefined }],
    ['with a manager and a pending request', { manager: person(), proposedManager: person() }],
  ])('the "your manager" modal is valid %s and says who will see what', (_label, overview) => {
    const modal = buildProposeManagerModal(overview);
    expect(validateView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('Who sees this');
  });

  it('the admin modals are valid', () => {
    for (const modal of [buildSetManagerModal(), buildImportOrgModal(), buildImportResultView({ changed: 3, unchanged: 1 })]) {
      expect(validateView(modal)).toEqual([]);
    }
  });

  it('lists a refused import one bad line per row, counting lines, not reasons', () => {
    const problems = [
      ...[2, 3, 4, 5, 6, 7].map((line) => ({ line, reason: `unknown email p${line}@x.io: no one in this workspace has it` })),
      { line: 8, reason: 'unknown email a_b*@x.io: no one in this workspace has it' },
      { line: 8, reason: 'unknown email manager c@x.io: no one in this workspace has it' },
      { line: 9, reason: 'the email is missing' },
      { line: 9, reason: 'expected 2 columns (email,manager_email), found 3' },
    ];
    const modal = buildImportOrgModal({ csv: 'pasted text', problems });
    expect(validateView(modal)).toEqual([]);
    const sections = (modal.blocks as KnownBlock[]).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
    expect(sections).toContain(':warning: *Nothing was imported.* Fix these 8 lines and import again:');
    expect(importProblemRows(problems)).toHaveLength(8);
    expect(importProblemRows(problems).slice(-2)).toEqual([
      '• *Line 8:* unknown email a_b∗@x.io: no one in this workspace has it; unknown email manager c@x.io: no one in this workspace has it.',
      '• *Line 9:* the email is missing; expected 2 columns (email,manager_email), found 3.',
    ]);
    expect(sections.join('\n')).toContain(importProblemRows(problems).join('\n'));
    const csv = (modal.blocks as KnownBlock[]).find((b) => b.type === 'input' && b.block_id === OrgBlock.Csv);
    expect(csv && csv.type === 'input' && csv.element.type === 'plain_text_input' ? csv.element.initial_value : undefined).toBe('pasted text');
  });

  it('keeps a refused import of the longest paste within a modal', () => {
    const reason = `unknown email ${'x'.repeat(120)}@example.com: no one in this workspace has it`;
    const problems = Array.from({ length: 1500 }, (_, i) => ({ line: i + 1, reason }));
    const modal = buildImportOrgModal({ csv: 'x\n'.repeat(1500), problems });
    expect(validateView(modal)).toEqual([]);
    const listed = (modal.blocks as KnownBlock[]).flatMap((b) => (b.type === 'section' && b.text ? b.text.text.split('\n').filter((l) => l.startsWith('• ')) : []));
    expect(JSON.stringify(modal.blocks)).toContain(`…and ${1500 - listed.length} more.`);
  });

  it('the manager request DM has two buttons carrying only the proposal id, and each answer replaces it validly', () => {
    const ana = person();
    const bo = person();
    const asked = proposal(ana.id, bo.id);
    const message = buildManagerRequestMessage(asked, ana);
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain(`<@${ana.slackUserId}>`);
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b) => ('value' in b ? b.value : undefined))).toEqual([asked.id, asked.id]);
    for (const outcome of ['confirmed', 'rejected', 'loop', 'closed'] as const) {
      expect(validateMessage(buildManagerRequestAnsweredMessage({ outcome, proposal: proposal(ana.id, bo.id), person: ana }))).toEqual([]);
    }
    expect(validateMessage(buildProposalOutcomeMessage(proposal(ana.id, bo.id, 'rejected'), bo))).toEqual([]);
  });
});

describe('settings views', () => {
  it('the workspace settings modal is valid, prefilled, and reads back what was entered', () => {
    const modal = buildWorkspaceSettingsModal({ ...workspace, skipLevelVisibility: true });
    expect(validateView(modal)).toEqual([]);
    expect(parseWorkspaceSettings(stateOf(modal, {}))).toEqual({
      checkinWeekday: '5',
      checkinTime: '15:00',
      checkinEveryWeeks: '1',
      workingDays: ['1', '2', '3', '4', '5'],
      workStart: '09:00',
      workEnd: '18:00',
      quietStart: '20:00',
      quietEnd: '08:00',
      anonymityThreshold: '3',
      skipLevelVisibility: true,
      aiMode: 'on',
      assistantToolCalls: '60',
      assistantTokens: '50000',
      settingsScope: null,
      defaultTimezone: 'Europe/London',
    });
    const changed = parseWorkspaceSettings(stateOf(modal, { [B.SkipLevel]: [], [B.WorkingDays]: ['1', '7'], [B.AnonymityThreshold]: '5' }));
    expect(changed).toMatchObject({ skipLevelVisibility: false, workingDays: ['1', '7'], anonymityThreshold: '5' });
  });

  it("a Slack workspace's own settings modal offers its own policy, the organization's when it has none, and reads back what was chosen", () => {
    const { checkin, workingDays, workingHours, quietHours } = workspace;
    const form = {
      team: { id: 'T0ENG', name: 'Engineering' },
      settings: { checkin, workingDays, workingHours, quietHours, anonymityThreshold: null, skipLevelVisibility: null },
      own: false,
      organization: { anonymityThreshold: 5, skipLevelVisibility: true },
    };
    const modal = buildTeamSettingsModal(form);
    expect(validateView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('Blank: the organization’s (now 5)');
    expect(JSON.stringify(modal.blocks)).toContain('The organization’s (now on)');
    expect(parseTeamSettings(stateOf(modal, {}))).toMatchObject({ anonymityThreshold: null, skipLevelVisibility: 'organization' });
    const own = buildTeamSettingsModal({ ...form, settings: { ...form.settings, anonymityThreshold: 8, skipLevelVisibility: false }, own: true });
    expect(parseTeamSettings(stateOf(own, {}))).toMatchObject({ anonymityThreshold: '8', skipLevelVisibility: 'off' });
    expect(parseTeamSettings(stateOf(own, { [B.SkipLevel]: 'on', [B.AnonymityThreshold]: null }))).toMatchObject({ anonymityThreshold: null, skipLevelVisibility: 'on' });
  });

  it('the personal settings modal is valid, and "workspace default" reads back as no choice', () => {
    const modal = buildPersonalSettingsModal({ workspace, personal: { ...personal, mutedNudges: ['digest'], pausedUntil: '2026-12-24' } });
    expect(validateView(modal)).toEqual([]);
    expect(parsePersonalSettings(stateOf(modal, {}))).toEqual({
      checkinWeekday: null,
      checkinTime: null,
      checkinEveryWeeks: null,
      pausedUntil: '2026-12-24',
      enabledNudges: ['checkin', 'goal', 'feedback', 'review'],
      aiOptOut: false,
    });
    expect(parsePersonalSettings(stateOf(modal, { [B.CheckinWeekday]: '2', [B.CheckinEveryWeeks]: '2', [B.Nudges]: [] }))).toMatchObject({
      checkinWeekday: '2',
      checkinEveryWeeks: '2',
      enabledNudges: [],
      aiOptOut: false,
    });
  });
});

describe('admin views', () => {
  const entry = (i: number): AuditEntry => ({
    at: DateTime.utc(2026, 11, 23, 12).minus({ minutes: i }),
    action: 'org.manager_set',
    description: 'set a manager',
    actor: { slackUserId: 'U0ADMIN', name: 'Ada' },
    subject: { slackUserId: '', name: 'Deleted person' },
    detail: { source: 'import', changes: { anonymityThreshold: { from: 3, to: 5 } } },
  });

  it('the admins, export and delete modals are valid', () => {
    const admins = [person({ isAdmin: true }), person({ isAdmin: true, slackUserId: 'U0PINNED' })];
    for (const modal of [
      buildAdminsModal({ admins, bootstrapped: new Set(['U0PINNED']) }),
      buildExportPersonModal(),
      buildErasePersonModal(),
      buildErasedView(person(), 2),
    ]) {
      expect(validateView(modal)).toEqual([]);
    }
  });

  it('the audit log modal fits Slack’s limits however long the log, in the reader’s timezone', () => {
    const modal = buildAuditLogModal(Array.from({ length: 500 }, (_, i) => entry(i)), 'Asia/Kolkata');
    expect(validateView(modal)).toEqual([]);
    const text = JSON.stringify(modal.blocks);
    expect(text).toContain('23 Nov 2026, 17:30');
    expect(text).toContain('Older entries are in the export');
    expect(modal.blocks.length).toBeLessThanOrEqual(AUDIT_MODAL_ENTRIES + 4);
  });

  it('exports the audit log as CSV with quoting where needed', () => {
    const csv = auditLogCsv([entry(0)]).split('\n');
    expect(csv[0]).toBe('time_utc,actor_slack_id,actor,action,description,subject_slack_id,subject,manager,previous_manager,detail');
    expect(csv[1]).toBe(
      '2026-11-23T12:00:00.000Z,U0ADMIN,Ada,org.manager_set,set a manager,,Deleted person,,,"{""source"":""import"",""changes"":{""anonymityThreshold"":{""from"":3,""to"":5}}}"',
    );
    const setUp = { ...entry(0), actor: null, manager: { slackUserId: 'U0PRI', name: 'Priya' }, previousManager: { slackUserId: 'U0SAM', name: 'Sam' } };
    expect(auditLogCsv([setUp]).split('\n')[1]).toContain(',,Cadence,org.manager_set,set a manager,,Deleted person,Priya,Sam,');
  });

  it('tells an org change with both sides: who acted (Cadence when no person did), whose manager, the new one and the one before', () => {
    const change = (overrides: Partial<AuditEntry>): AuditEntry => ({ ...entry(0), subject: { slackUserId: 'U0ALEX', name: 'Alex' }, ...overrides });
    const priya = { slackUserId: 'U0PRI', name: 'Priya' };
    const sam = { slackUserId: 'U0SAM', name: 'Sam' };
    expect(describeAuditEntry(change({ actor: null, manager: priya, previousManager: null }))).toBe('Cadence set the manager of <@U0ALEX> to <@U0PRI> (had none)');
    expect(describeAuditEntry(change({ manager: priya, previousManager: sam }))).toBe('<@U0ADMIN> set the manager of <@U0ALEX> to <@U0PRI> (was <@U0SAM>)');
    expect(describeAuditEntry(change({ action: 'org.manager_removed', manager: null, previousManager: sam }))).toBe('<@U0ADMIN> removed <@U0SAM> as manager of <@U0ALEX>');
    expect(describeAuditEntry(change({ action: 'role.admin_granted', description: 'made an HR admin', actor: null }))).toBe('Cadence made an HR admin <@U0ALEX>');
  });

  it('splits a long document into valid messages at line ends, escaping mrkdwn without splitting entities', () => {
    const document = Array.from({ length: 3000 }, (_, i) => `line ${i} <&> ${'x'.repeat(40)}`).join('\n');
    const messages = buildDocumentMessages('Here it is.', document);
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(validateMessage(message)).toEqual([]);
    const chunks = chunkForMrkdwn(document, 30_000);
    expect(chunks.join('\n')).toBe(document.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(chunkForMrkdwn('&'.repeat(10), 12)).toEqual(['&amp;&amp;', '&amp;&amp;', '&amp;&amp;', '&amp;&amp;', '&amp;&amp;']);
  });
});

describe('home tab with people and admin sections', () => {
  const card = (i: number): GoalCard => ({
    goal: {
      id: `g${i}`,
      workspaceId: 'T1',
      ownerId: 'p1',
      title: `Goal ${i}`,
      description: null,
      category: 'performance',
      level: 'individual',
      parentId: null,
      weight: 1,
      targetDate: null,
      status: 'not_started',
      visibility: 'private',
      progress: 0,
      competencyId: null,
      createdAt: DateTime.utc(2026, 11, 23),
      updatedAt: DateTime.utc(2026, 11, 23),
    },
    keyResults: [],
    lastChange: undefined,
  });

  it('fits an admin manager with many goals, reports and requests within 100 blocks', () => {
    const me = person({ isAdmin: true });
    const reports = Array.from({ length: 30 }, () => person());
    const awaitingAnswer = reports.slice(0, 8).map((report) => ({ proposal: proposal(report.id, me.id), person: report }));
    const sections = [
      ...buildPeopleSection({ overview: { manager: person(), proposedManager: undefined, reports, awaitingAnswer }, settingsSummary: 'Check-ins Fridays at 15:00' }),
      ...buildAdminSection({ summary: { activePeople: 120, withManager: 100, admins: 2 }, workspace, teams: [], aiUsage: [] }),
    ];
    const view = buildHomeView({ name: 'Ana', goals: Array.from({ length: 60 }, (_, i) => card(i)), view: { today: '2026-11-23', zone: 'UTC', viewerId: me.id }, sections });
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('My reports (30)');
    expect(text).toContain('10 more');
    expect(text).toContain('Workspace settings');
  });

  it('shows HR admins what AI drafts cost, per model, and that no content is kept', () => {
    expect(describeAiUsage([])).toBe('AI, last 30 days: no drafts.');
    expect(
      describeAiUsage([
        { provider: 'offline', model: null, calls: 3, fallbacks: 0, promptTokens: 0, completionTokens: 0, cost: { amount: 0, currency: 'USD' } },
        { provider: 'openai', model: 'gpt-4o-mini', calls: 12, fallbacks: 1, promptTokens: 5400, completionTokens: 900, cost: { amount: 1.345, currency: 'EUR' } },
        { provider: 'openai', model: 'local', calls: 1, fallbacks: 0, promptTokens: 100, completionTokens: 10, cost: { amount: 0.000123, currency: 'USD' } },
        { provider: 'openai', model: 'unpriced', calls: 2, fallbacks: 0, promptTokens: 10, completionTokens: 10, cost: null },
      ]),
    ).toBe(
      'AI, last 30 days: 3 built offline · 12 drafts by gpt-4o-mini (1 fell back offline), 5,400 tokens in, 900 out, €1.35 · 1 draft by local, 100 tokens in, 10 out, $0.00012 · ' +
        '2 drafts by unpriced, 10 tokens in, 10 out, cost unknown (no price in AI_PRICES). Content is never logged.',
    );
  });
});
