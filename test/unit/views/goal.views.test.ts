import { DateTime } from 'luxon';
import { validateMessage, validateView } from '../../../sandbox/block-kit/validate';
import type { Goal } from '../../../src/domain/goal';
import { fieldErrorsToBlocks } from '../../../src/views/blocks';
import {
  buildGoalCreatedMessage,
  buildGoalHelpMessage,
  buildGoalListMessage,
} from '../../../src/views/goal/goal.messages';
import { buildNewGoalModal } from '../../../src/views/goal/new-goal.modal';
import { buildHomeView } from '../../../src/views/home/home.view';
import { goalFieldBlocks, parseNewGoalState } from '../../../src/views/goal/new-goal.parse';
import { GoalAction, GoalBlock } from '../../../src/views/ids';

function goal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: 'b7e4c1a2-0000-4000-8000-000000000001',
    workspaceId: 'T1',
    ownerId: 'p1',
    title: 'Cut checkout latency',
    description: null,
    category: 'performance',
    targetDate: '2026-12-04',
    status: 'not_started',
    visibility: 'private',
    createdAt: DateTime.utc(2026, 11, 23),
    ...overrides,
  };
}

describe('new goal modal', () => {
  it('is a valid modal with the four fields and says who will see the goal', () => {
    const modal = buildNewGoalModal();
    expect(validateView(modal)).toEqual([]);
    expect(modal.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(Object.values(GoalBlock));
    expect(JSON.stringify(modal.blocks)).toContain('Who sees this goal');
  });

  it('reads submitted state into the domain input, blank optional fields as null', () => {
    const input = parseNewGoalState({
      [GoalBlock.Title]: { [GoalAction.Title]: { type: 'plain_text_input', value: 'Ship it' } },
      [GoalBlock.Description]: { [GoalAction.Description]: { type: 'plain_text_input', value: null } },
      [GoalBlock.TargetDate]: { [GoalAction.TargetDate]: { type: 'datepicker', selected_date: null } },
      [GoalBlock.Category]: {
        [GoalAction.Category]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Stretch' }, value: 'stretch' } },
      },
    });
    expect(input).toEqual({ title: 'Ship it', description: null, targetDate: null, category: 'stretch' });
  });

  it('maps domain field errors onto the blocks that show them', () => {
    expect(fieldErrorsToBlocks({ title: 'no title', targetDate: 'past' }, goalFieldBlocks)).toEqual({
      [GoalBlock.Title]: 'no title',
      [GoalBlock.TargetDate]: 'past',
    });
  });
});

describe('goal messages', () => {
  it('confirms a new goal with its details and how far away the target is', () => {
    const message = buildGoalCreatedMessage(goal({ description: 'p95 under 300 ms' }), '2026-11-23');
    expect(validateMessage(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Cut checkout latency');
    expect(text).toContain('p95 under 300 ms');
    expect(text).toContain('Fri 4 Dec 2026 (in 11 days)');
  });

  it('escapes what people type so it cannot mention everyone or forge links', () => {
    const message = buildGoalCreatedMessage(goal({ title: '<!channel> & <http://evil|click>' }), '2026-11-23');
    expect(JSON.stringify(message.blocks)).toContain('&lt;!channel&gt; &amp; &lt;http://evil|click&gt;');
  });

  it('lists many goals within the 50-block message limit and says how many are left out', () => {
    const goals = Array.from({ length: 60 }, (_, i) => goal({ id: `g${i}`, title: `Goal ${i}` }));
    const message = buildGoalListMessage(goals, '2026-11-23');
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('and 13 more');
  });

  it('invites someone without goals to create one', () => {
    expect(buildGoalListMessage([], '2026-11-23').text).toBe('You have no goals yet.');
  });

  it('answers an unknown subcommand by naming it, then the usage', () => {
    const message = buildGoalHelpMessage('frobnicate now');
    expect(message.text).toContain('`/goal frobnicate now`');
    expect(JSON.stringify(message.blocks)).toContain('/goal list');
  });
});

describe('home tab', () => {
  it('fits a person with many goals within the Home tab limits and points to the rest', () => {
    const goals = Array.from({ length: 60 }, (_, i) => goal({ id: `g${i}`, title: `Goal ${i}` }));
    const view = buildHomeView({ name: 'Alice', goals, today: '2026-11-23' });
    expect(validateView(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('and 20 more');
  });

  it('invites someone without goals to create one', () => {
    const view = buildHomeView({ name: 'Alice', goals: [], today: '2026-11-23' });
    expect(validateView(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('No goals yet');
  });
});
