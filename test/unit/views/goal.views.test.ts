import { DateTime } from 'luxon';
import { validateMessage, validateView } from '../../../sandbox/block-kit/validate';
import { mrkdwnToHtml } from '../../../sandbox/web/render/mrkdwn';
import type { Goal } from '../../../src/domain/goal';
import type { GoalEvent } from '../../../src/domain/goal-history';
import type { KeyResult } from '../../../src/domain/key-result';
import { goalProgress } from '../../../src/domain/progress';
import type { Person } from '../../../src/domain/person';
import type { GoalCard, GoalDetail, TeamMember } from '../../../src/services/goal.service';
import { buildAlignModal } from '../../../src/views/goal/align.modal';
import { buildGoalDetailsModal } from '../../../src/views/goal/goal-details.modal';
import { addKeyResultRow, draftFromGoal, draftFromState, draftToInput, goalFormErrors, newDraft, removeKeyResultRow } from '../../../src/views/goal/goal-form.draft';
import { buildGoalFormModal } from '../../../src/views/goal/goal-form.modal';
import { formatValue, keyResultLine, progressBar, timeLeft } from '../../../src/views/goal/goal.format';
import { describeChange, historyLine } from '../../../src/views/goal/history.format';
import { buildGoalCreatedMessage, buildGoalHelpMessage, buildGoalListMessage } from '../../../src/views/goal/goal.messages';
import { buildPickGoalModal } from '../../../src/views/goal/pick-goal.modal';
import { buildReportGoalsModal } from '../../../src/views/goal/report-goals.modal';
import { buildUpdateModal, parseUpdateState, updateErrorBlocks } from '../../../src/views/goal/update.modal';
import { buildAdminSection } from '../../../src/views/home/admin.section';
import { buildSharedGoalsSection, buildTeamGoalsSection } from '../../../src/views/home/goals.section';
import { buildHomeView } from '../../../src/views/home/home.view';
import { buildPeopleSection } from '../../../src/views/home/people.section';
import { GoalBlock, keyResultBlock, keyResultValueBlock, VALUE_ACTION } from '../../../src/views/ids';
import { buildPerson } from '../../support/people';

const today = '2026-11-23';
const view = { today, zone: 'Europe/London', viewerId: 'p1' };
const uuid = (n: number) => `b7e4c1a2-0000-4000-8000-${String(n).padStart(12, '0')}`;

function goal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: uuid(1),
    workspaceId: 'T1',
    ownerId: 'p1',
    title: 'Cut checkout latency',
    description: null,
    category: 'performance',
    level: 'individual',
    parentId: null,
    weight: 1,
    targetDate: '2026-12-04',
    status: 'on_track',
    visibility: 'private',
    progress: 47.5,
    competencyId: null,
    createdAt: DateTime.utc(2026, 11, 1),
    updatedAt: DateTime.utc(2026, 11, 20),
    ...overrides,
  };
}

function keyResult(overrides: Partial<KeyResult> = {}): KeyResult {
  return { id: uuid(100), goalId: uuid(1), position: 0, title: 'p95 latency', kind: 'number', start: 450, target: 300, current: 380, unit: 'ms', weight: 1, ...overrides };
}

const person = (n: number, overrides: Partial<Person> = {}) => buildPerson({ slackUserId: `U0PERSON${n}`, ...overrides }, n);

const longNote = 'Blocked on the vendor; we moved the cache warm-up earlier and latency fell. '.repeat(30);

function event(n: number, overrides: Partial<GoalEvent> = {}): GoalEvent {
  return {
    id: n,
    goalId: uuid(1),
    actor: person(n % 2 === 0 ? 1 : 2),
    kind: 'progress',
    changes: [
      { type: 'kr_value', title: 'p95 latency', kind: 'number', unit: 'ms', from: 450, to: 380 },
      { type: 'field', field: 'status', from: 'not_started', to: 'on_track' },
      { type: 'field', field: 'progress', from: 0, to: 46.67 },
    ],
    note: longNote,
    at: DateTime.utc(2026, 11, 20, 14, 5),
    ...overrides,
  };
}

/** The heaviest goal a person can have: long title, five key results, a long latest change. */
function fullCard(n: number): GoalCard {
  const keyResults = Array.from({ length: 5 }, (_, i) => keyResult({ id: uuid(1000 + n * 10 + i), position: i, title: `Key result ${i} ${'x'.repeat(140)}` }));
  return { goal: goal({ id: uuid(n), title: `Goal ${n} ${'y'.repeat(140)}` }), keyResults, lastChange: event(n) };
}

function detail(overrides: Partial<GoalDetail> = {}): GoalDetail {
  const card = fullCard(1);
  return {
    ...card,
    owner: person(1),
    canEdit: true,
    history: Array.from({ length: 10 }, (_, i) => event(i)),
    parent: goal({ id: uuid(50), title: 'Company goal', level: 'company' }),
    children: Array.from({ length: 20 }, (_, i) => goal({ id: uuid(60 + i), title: `Child ${i}` })),
    hiddenChildren: 2,
    goalTitles: new Map(),
    ...overrides,
  };
}

const blockIds = (blocks: readonly { block_id?: string }[]) => blocks.map((b) => b.block_id).filter(Boolean);
const text = (value: unknown) => JSON.stringify(value);

/** Every mrkdwn text object in some blocks, as Slack would format them. */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  if (object.type === 'mrkdwn' && typeof object.text === 'string') return [object.text];
  return Object.values(object).flatMap(mrkdwnTexts);
}

describe('goal form', () => {
  const options = { levels: ['individual'] as const, parents: [], competencies: [], today };

  it('opens as the original form: title, description, target date, category, visibility, and an Add key result button', () => {
    const modal = buildGoalFormModal(newDraft(), { ...options, levels: ['individual'] });
    expect(validateView(modal)).toEqual([]);
    expect(modal.callback_id).toBe('goal_new');
    expect(blockIds(modal.blocks)).toEqual([GoalBlock.Title, GoalBlock.Description, GoalBlock.TargetDate, GoalBlock.Category, GoalBlock.Visibility, GoalBlock.KeyResults]);
    expect(text(modal.blocks)).toContain('Who sees this goal');
    // One possible level is no choice; tips wait until there is something to comment on.
    expect(text(modal.blocks)).not.toContain('Tips');
  });

  it('shows each kind of key result with the inputs it needs, five at most, within Slack’s limits', () => {
    let draft = newDraft();
    for (let i = 0; i < 6; i += 1) draft = addKeyResultRow(draft);
    expect(draft.keyResults).toHaveLength(5);
    draft.keyResults = draft.keyResults.map((row, i) => ({ ...row, kind: (['number', 'percent', 'currency', 'yes_no', 'number'] as const)[i]!, start: '1.50', target: '+3' }));
    const parents = Array.from({ length: 150 }, (_, i) => goal({ id: uuid(500 + i), title: `Parent ${i} ${'z'.repeat(100)}`, level: i % 2 ? 'team' : 'company' }));
    const modal = buildGoalFormModal({ ...draft, title: 'Improve things' }, { levels: ['company', 'team', 'individual'], parents, competencies: Array.from({ length: 120 }, (_, i) => ({ id: uuid(900 + i), name: `Competency ${i} ${'c'.repeat(110)}` })), today });
    expect(validateView(modal)).toEqual([]);
    const ids = blockIds(modal.blocks);
    expect(ids).toEqual(expect.arrayContaining([keyResultBlock(0, 'unit'), keyResultBlock(2, 'unit'), keyResultBlock(3, 'weight'), GoalBlock.Level, GoalBlock.Parent, GoalBlock.Weight]));
    // Percentages carry their unit; yes/no has no numbers.
    expect(ids).not.toEqual(expect.arrayContaining([keyResultBlock(1, 'unit')]));
    expect(ids).not.toEqual(expect.arrayContaining([keyResultBlock(3, 'start')]));
    expect(ids).not.toContain(GoalBlock.KeyResults);
    expect(text(modal.blocks)).toContain('the most a goal can have (5)');
    // Measurable key results answer "how much": the only tip left is the missing date.
    expect(text(modal.blocks)).toContain('Tips');
    expect(text(modal.blocks)).toContain('Set a target date');
    expect(text(modal.blocks)).not.toContain('“improve”');
    // Typed numbers come back as Slack's number_input takes them.
    expect(text(modal.blocks)).toContain('"initial_value":"1.5"');
  });

  it('prefills the edit form from the goal, with a note for the history and its current alignment', () => {
    const d = detail({ goal: goal({ parentId: uuid(77), weight: 2 }) });
    const draft = draftFromGoal(d);
    const modal = buildGoalFormModal(draft, { levels: ['individual'], parents: [goal({ id: uuid(50), title: 'Company goal', level: 'company' })], competencies: [], today });
    expect(validateView(modal)).toEqual([]);
    expect(modal.callback_id).toBe('goal_edit');
    expect(blockIds(modal.blocks)).toContain(GoalBlock.Note);
    expect(text(modal.blocks)).toContain('Its current alignment');
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ goalId: d.goal.id, rows: d.keyResults.map((k, key) => ({ key, id: k.id })), nextKey: 5 });
  });

  it('reads back what was typed, row by row, and gives the domain the text as typed', () => {
    const draft = addKeyResultRow(addKeyResultRow(newDraft()));
    const metadata = buildGoalFormModal(draft, { ...options, levels: ['individual'] }).private_metadata ?? '';
    const value = (v: string) => ({ [VALUE_ACTION]: { type: 'plain_text_input', value: v } });
    const state = {
      [GoalBlock.Title]: value('Faster checkout'),
      [GoalBlock.Visibility]: { [VALUE_ACTION]: { type: 'radio_buttons', selected_option: { value: 'public' } } },
      [keyResultBlock(0, 'title')]: value('p95'),
      [keyResultBlock(0, 'kind')]: { [VALUE_ACTION]: { type: 'static_select', selected_option: { value: 'number' } } },
      [keyResultBlock(0, 'start')]: { [VALUE_ACTION]: { type: 'number_input', value: '450' } },
      [keyResultBlock(0, 'target')]: { [VALUE_ACTION]: { type: 'number_input', value: '300' } },
      [keyResultBlock(1, 'title')]: value('Docs'),
      [keyResultBlock(1, 'kind')]: { [VALUE_ACTION]: { type: 'static_select', selected_option: { value: 'yes_no' } } },
    };
    const read = draftFromState(state, metadata);
    expect(draftToInput(read)).toMatchObject({
      title: 'Faster checkout',
      visibility: 'public',
      keyResults: [
        { id: null, title: 'p95', kind: 'number', start: '450', target: '300', unit: null },
        { id: null, title: 'Docs', kind: 'yes_no', start: null },
      ],
    });
    expect(removeKeyResultRow(read, 0).keyResults.map((r) => r.key)).toEqual([1]);
    // A crafted private_metadata reads as an empty new form, never as someone's goal.
    expect(draftFromState(state, '{"goalId":"x"}')).toMatchObject({ goalId: null, keyResults: [] });
  });

  it('puts each error under the block that shows it, and anything else under the title', () => {
    const draft = addKeyResultRow(removeKeyResultRow(addKeyResultRow(addKeyResultRow(newDraft())), 0));
    const inputs = new Set([GoalBlock.Title, GoalBlock.TargetDate, keyResultBlock(1, 'target'), keyResultBlock(2, 'title')]);
    expect(goalFormErrors({ targetDate: 'past', 'kr.0.target': 'same', 'kr.1.title': 'empty', parent: 'hidden' }, draft, inputs)).toEqual({
      [GoalBlock.TargetDate]: 'past',
      [keyResultBlock(1, 'target')]: 'same',
      [keyResultBlock(2, 'title')]: 'empty',
      [GoalBlock.Title]: 'hidden',
    });
  });
});

describe('update, align and pick modals', () => {
  it('prefills every key result (yes/no as a checkbox), the status and an empty note, and reads them back', () => {
    const d = detail({ keyResults: [keyResult(), keyResult({ id: uuid(101), kind: 'yes_no', title: 'Docs', start: 0, target: 1, current: 1 })] });
    const modal = buildUpdateModal(d, view);
    expect(validateView(modal)).toEqual([]);
    expect(blockIds(modal.blocks)).toEqual(expect.arrayContaining([keyResultValueBlock(uuid(100)), keyResultValueBlock(uuid(101)), GoalBlock.Status, GoalBlock.Note]));
    expect(text(modal.blocks)).toContain('"initial_value":"380"');
    const parsed = parseUpdateState(
      {
        [keyResultValueBlock(uuid(100))]: { [VALUE_ACTION]: { type: 'number_input', value: '350' } },
        [keyResultValueBlock(uuid(101))]: { [VALUE_ACTION]: { type: 'checkboxes', selected_options: [] } },
        [GoalBlock.Status]: { [VALUE_ACTION]: { type: 'static_select', selected_option: { value: 'at_risk' } } },
      },
      modal.private_metadata ?? '',
    );
    expect(parsed).toEqual({
      goalId: d.goal.id,
      input: {
        status: 'at_risk',
        note: null,
        values: [
          { keyResultId: uuid(100), value: '350' },
          { keyResultId: uuid(101), value: '0' },
        ],
      },
    });
    expect(parseUpdateState({}, 'tampered')).toBeNull();
    expect(updateErrorBlocks({ status: 'a', note: 'b', [`kr.${uuid(100)}`]: 'c' })).toEqual({
      [GoalBlock.Status]: 'a',
      [GoalBlock.Note]: 'b',
      [keyResultValueBlock(uuid(100))]: 'c',
    });
  });

  it('asks for a percent, prefilled, only for a goal with neither key results nor aligned goals', () => {
    const d = detail({ goal: goal({ progress: 42.5 }), keyResults: [], children: [], hiddenChildren: 0 });
    const modal = buildUpdateModal(d, view);
    expect(validateView(modal)).toEqual([]);
    expect(blockIds(modal.blocks)).toContain(GoalBlock.Percent);
    expect(text(modal.blocks)).toContain('"initial_value":"42.5"');
    const parsed = parseUpdateState(
      {
        [GoalBlock.Percent]: { [VALUE_ACTION]: { type: 'number_input', value: '60' } },
        [GoalBlock.Status]: { [VALUE_ACTION]: { type: 'static_select', selected_option: { value: 'on_track' } } },
      },
      modal.private_metadata ?? '',
    );
    expect(parsed?.input).toEqual({ status: 'on_track', note: null, values: [], percent: '60' });
    expect(updateErrorBlocks({ percent: 'p' })).toEqual({ [GoalBlock.Percent]: 'p' });
    // Aligned goals (even ones the viewer cannot see) or key results: no percent.
    expect(blockIds(buildUpdateModal(detail({ keyResults: [], children: [], hiddenChildren: 1 }), view).blocks)).not.toContain(GoalBlock.Percent);
    expect(blockIds(buildUpdateModal(detail({ children: [], hiddenChildren: 0 }), view).blocks)).not.toContain(GoalBlock.Percent);
  });

  it('suggests "at risk" in the update form when progress lags the calendar', () => {
    const lagging = detail({ goal: goal({ progress: 10, createdAt: DateTime.utc(2026, 11, 1), targetDate: '2026-12-01' }) });
    expect(text(buildUpdateModal(lagging, view).blocks)).toContain('Cadence suggests *At risk*: 10% done with 73% of the time gone.');
    expect(text(buildUpdateModal(detail({ goal: goal({ progress: 90 }) }), view).blocks)).not.toContain('Cadence suggests');
  });

  it('builds the align form and the goal picker within Slack’s limits', () => {
    const parents = Array.from({ length: 120 }, (_, i) => goal({ id: uuid(300 + i), title: `Parent ${i}`, level: 'team' }));
    expect(validateView(buildAlignModal(detail(), parents))).toEqual([]);
    const cards = Array.from({ length: 130 }, (_, i) => fullCard(i + 1));
    const picker = buildPickGoalModal(cards, 'update');
    expect(validateView(picker)).toEqual([]);
    expect(text(picker.blocks)).toContain('Showing the first 100');
  });
});

describe('goal messages and details', () => {
  it('confirms a new goal with progress, key results, history and SMART tips', () => {
    const d = detail({
      goal: goal({ description: 'p95 under 300 ms', title: 'Improve checkout', targetDate: null }),
      keyResults: [],
      history: [event(1, { kind: 'created', changes: [], note: null, actor: person(1) })],
    });
    const message = buildGoalCreatedMessage(d, view);
    expect(validateMessage(message)).toEqual([]);
    const body = text(message.blocks);
    expect(body).toContain('p95 under 300 ms');
    expect(body).toContain('*You* created the goal');
    expect(body).toContain('Set a target date');
    expect(body).toContain('“improve”');
    expect(body).toContain('goal_open_update');
  });

  it('escapes what people type so it cannot mention everyone or forge links', () => {
    const message = buildGoalCreatedMessage(detail({ goal: goal({ title: '<!channel> & <http://evil|click>' }) }), view);
    expect(text(message.blocks)).toContain('&lt;!channel&gt; &amp; &lt;http://evil|click&gt;');
  });

  it('shows markers people type as typed: they never bold, italicise, strike, quote or code anything', () => {
    const typed = '*Launch* _beta_ ~soon~ `v2` for snake_case fans';
    const message = buildGoalCreatedMessage(
      detail({
        goal: goal({ title: typed, description: '> not a quote\n*really*' }),
        keyResults: [keyResult({ title: '_Signups_', unit: '*users*' })],
        history: [event(1, { kind: 'progress', changes: [], note: '~struck~ `code`', actor: person(1) })],
      }),
      view,
    );
    const html = mrkdwnTexts(message.blocks).map((markdown) => mrkdwnToHtml(markdown, { userName: () => 'Someone' }));
    const rendered = html.join('\n');
    expect(rendered).not.toMatch(/<em>|<del>/);
    expect(rendered).not.toMatch(/<code>[^<]*(v2|code)/);
    expect(rendered).not.toMatch(/<strong>(Launch|Signups|users|really)<\/strong>/);
    // Cadence's own formatting still holds around what was typed: the bold title, the quoted note.
    expect(rendered).toContain('<strong>∗Launch∗ ˍbetaˍ ∼soon∼ ˋv2ˋ for snake_case fans</strong>');
    expect(rendered).toContain('• ˍSignupsˍ: 450 ∗users∗ → 300 ∗users∗');
    expect(rendered).toContain('<blockquote>∼struck∼ ˋcodeˋ</blockquote>');
    expect(rendered).toContain('\u200b&gt; not a quote');
  });

  it('lists 20 goals with five key results each within the 50-block message limit', () => {
    const message = buildGoalListMessage(Array.from({ length: 20 }, (_, i) => fullCard(i + 1)), view);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks).toHaveLength(22);
  });

  it('cuts a longer list short and says how many are left out', () => {
    const message = buildGoalListMessage(Array.from({ length: 60 }, (_, i) => fullCard(i + 1)), view);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(text(message.blocks.at(-1))).toContain('and 13 more');
  });

  it('offers View instead of Update on goals the reader may only see', () => {
    const message = buildGoalListMessage([fullCard(1)], view, { owner: { name: 'Bob', publicOnly: true }, canEdit: false });
    expect(text(message.blocks)).toContain('goal_open_details');
    expect(text(message.blocks)).not.toContain('goal_open_update');
  });

  it('invites someone without goals to create one', () => {
    expect(buildGoalListMessage([], view).text).toBe('You have no goals yet.');
  });

  it('shows a goal in full, with ten history entries and long notes, within the modal limits', () => {
    const modal = buildGoalDetailsModal(detail(), view, ':white_check_mark: *Update saved.*');
    expect(validateView(modal)).toEqual([]);
    expect(text(modal.blocks)).toContain('Update saved');
    expect(text(modal.blocks)).toContain('Aligned to');
    expect(text(buildGoalDetailsModal(detail({ canEdit: false }), view).blocks)).not.toContain('goal_open_update');
    expect(text(buildGoalDetailsModal(detail({ parent: 'hidden' }), view).blocks)).toContain('a goal you can’t see');
  });

  it('answers an unknown subcommand by naming it, then the usage', () => {
    const message = buildGoalHelpMessage('frobnicate now');
    expect(message.text).toContain('`/goal frobnicate now`');
    for (const usage of ['/goal list', '/goal update', '/goal align']) expect(text(message.blocks)).toContain(usage);
  });
});

describe('formatting', () => {
  it('draws progress as ten cells and never rounds up to done', () => {
    expect(progressBar(0)).toBe('`░░░░░░░░░░` 0%');
    expect(progressBar(46.67)).toBe('`████░░░░░░` 46%');
    expect(progressBar(99.9)).toBe('`█████████░` 99%');
    expect(progressBar(100)).toBe('`██████████` 100%');
  });

  it('writes key results with their units, either way round', () => {
    expect(keyResultLine(keyResult())).toBe('• p95 latency: 450 ms → 300 ms, now *380 ms* (46%)');
    expect(keyResultLine(keyResult({ kind: 'currency', unit: '$', start: 0, target: 10000, current: 2500.5 }))).toBe('• p95 latency: $0 → $10,000, now *$2,500.5* (25%)');
    expect(keyResultLine(keyResult({ kind: 'percent', unit: null, start: 40, target: 60, current: 50 }))).toBe('• p95 latency: 40% → 60%, now *50%* (50%)');
    expect(keyResultLine(keyResult({ kind: 'yes_no', current: 1 }))).toBe(':white_check_mark: p95 latency');
  });

  it('puts each unit where it belongs: currency before, % and words after', () => {
    expect(formatValue({ kind: 'number', unit: '%' }, 110)).toBe('110%');
    expect(formatValue({ kind: 'number', unit: '°C' }, 21)).toBe('21°C');
    expect(formatValue({ kind: 'currency', unit: '€' }, 5)).toBe('€5');
    expect(formatValue({ kind: 'currency', unit: 'USD' }, 5)).toBe('5 USD');
    expect(formatValue({ kind: 'number', unit: 'NPS' }, 40)).toBe('40 NPS');
  });

  it('shows a key result one short of a million as not done', () => {
    const almost = keyResult({ start: 0, target: 1_000_000, current: 999_999, unit: null });
    expect(keyResultLine(almost)).toBe('• p95 latency: 0 → 1,000,000, now *999,999* (99%)');
    expect(progressBar(goalProgress({ status: 'on_track', keyResults: [{ ...almost, weight: 1 }], reportedProgress: null }, []))).toBe('`█████████░` 99%');
  });

  it('says how much time is left, or how overdue', () => {
    expect(timeLeft(goal({ targetDate: '2026-12-04' }), today)).toBe('11 days left');
    expect(timeLeft(goal({ targetDate: today }), today)).toBe('due today');
    expect(timeLeft(goal({ targetDate: '2026-11-22' }), today)).toBe(':alarm_clock: 1 day overdue');
    expect(timeLeft(goal({ targetDate: '2026-11-22', status: 'completed' }), today)).toBe('due 22 Nov 2026');
    expect(timeLeft(goal({ targetDate: null }), today)).toBe('no target date');
  });

  it('tells history in words, naming only the goals the reader may see', () => {
    const titles = new Map([[uuid(50), 'Company goal']]);
    expect(describeChange({ type: 'field', field: 'parent', from: null, to: uuid(50) }, titles)).toBe('Alignment none → “Company goal”');
    expect(describeChange({ type: 'field', field: 'parent', from: uuid(50), to: uuid(51) }, titles)).toBe('Alignment “Company goal” → a goal you can’t see');
    expect(describeChange({ type: 'field', field: 'parent', from: uuid(50), to: null })).toBe('Alignment changed');
    expect(describeChange({ type: 'kr_edited', title: 'p95', changes: [{ field: 'target', from: 300, to: 250 }] }, titles)).toBe('Changed key result “p95” (target 300 → 250)');
    const line = historyLine(event(2, { note: 'Warm cache\nand more' }), view, titles);
    expect(line).toBe(
      '*You* updated progress · 20 Nov, 14:05: “p95 latency” 450 ms → 380 ms; Status Not started → On track; Progress 0% → 46%\n> Warm cache\n> and more',
    );
    expect(historyLine(event(1, { actor: null }), view, titles, true)).toBe(
      '*Someone no longer here* updated progress · 20 Nov, 14:05: “p95 latency” 450 ms → 380 ms; Status Not started → On track; and 1 more',
    );
  });
});

describe('home tab', () => {
  function team(reports: number, goalsEach: number): TeamMember[] {
    return Array.from({ length: reports }, (_, r) => ({
      person: person(100 + r),
      goals: Array.from({ length: goalsEach }, (_, g) =>
        goal({ id: uuid(r * 100 + g), title: `Report ${r} goal ${g} ${'w'.repeat(100)}`, status: g === 0 ? 'at_risk' : 'on_track', targetDate: g === 1 ? '2026-11-01' : '2027-01-01' }),
      ),
    }));
  }
  const peopleSection = buildPeopleSection({
    overview: { manager: person(9), proposedManager: undefined, reports: team(15, 0).map((m) => m.person), awaitingAnswer: [] },
    settingsSummary: 'Check-ins on Fridays at 15:00',
  });
  const adminSection = buildAdminSection({
    aiUsage: [],
    teams: [],
    summary: { activePeople: 30, withManager: 20, admins: 2 },
    workspace: {
      workspaceId: 'T1',
      checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
      workingDays: [1, 2, 3, 4, 5],
      workingHours: { start: '09:00', end: '18:00' },
      quietHours: { start: '20:00', end: '08:00' },
      anonymityThreshold: 3,
      skipLevelVisibility: false,
      aiMode: 'on',
      assistantLimits: { toolCalls: 60, tokens: 50000 },
      scope: 'organization',
      defaultTimezone: 'UTC',
    },
  });

  it('fits a manager with 20 goals of their own and 15 reports (8 goals each), shared goals, people and admin sections', () => {
    const shared = Array.from({ length: 12 }, (_, i) => ({ goal: goal({ id: uuid(900 + i), level: 'company' as const, visibility: 'public' as const }), owner: person(200 + i) }));
    const sections = [...buildTeamGoalsSection(team(15, 8), view), ...buildSharedGoalsSection(shared, view), ...peopleSection, ...adminSection];
    const home = buildHomeView({ name: 'Alice', goals: Array.from({ length: 20 }, (_, i) => fullCard(i + 1)), view, sections });
    expect(validateView(home)).toEqual([]);
    const body = text(home.blocks);
    expect(body).toContain('Team goals');
    expect((body.match(/goal_open_update/g) ?? []).length).toBe(20);
    expect((body.match(/goal_open_report/g) ?? []).length).toBe(15);
    expect(body).toContain(':warning:');
    expect(body).toContain(':alarm_clock:');
    expect(body).toContain('…and 4 more');
  });

  it('points a manager of more reports than it shows to the rest', () => {
    const blocks = buildTeamGoalsSection(team(25, 1), view);
    expect(validateView({ type: 'home', blocks })).toEqual([]);
    expect(text(blocks)).toContain('5 more reports');
  });

  it('shows a report’s goals to their manager in a modal, with Update buttons', () => {
    const cards = Array.from({ length: 120 }, (_, i) => fullCard(i + 1));
    const modal = buildReportGoalsModal(person(3), { cards, scope: 'all', canEdit: true }, view);
    expect(validateView(modal)).toEqual([]);
    expect(text(modal.blocks)).toContain('and 22 more');
  });

  it('invites someone without goals to create one', () => {
    const home = buildHomeView({ name: 'Alice', goals: [], view });
    expect(validateView(home)).toEqual([]);
    expect(text(home.blocks)).toContain('No goals yet');
    expect(buildTeamGoalsSection([], view)).toEqual([]);
    expect(buildSharedGoalsSection([], view)).toEqual([]);
  });
});
