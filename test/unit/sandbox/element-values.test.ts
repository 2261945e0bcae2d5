/**
 * view.state.values as Slack reports it, per element type (PLATFORM.md "Inbound payloads"), and the
 * checks the Slack client makes before letting a submission through.
 */
import { buildViewState, clientSideProblems } from '../../../sandbox/driver/view-state';
import type { SlackView } from '../../../sandbox';

function viewWith(blocks: unknown[]): SlackView {
  return {
    id: 'V1', team_id: 'T', type: 'modal', hash: 'h', callback_id: 'cb', external_id: '', private_metadata: '',
    blocks: blocks as SlackView['blocks'], state: { values: {} }, root_view_id: 'V1', previous_view_id: null,
    clear_on_close: false, notify_on_close: false, app_id: 'A', bot_id: 'B', app_installed_team_id: 'T',
  };
}

function input(blockId: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { type: 'input', block_id: blockId, label: { type: 'plain_text', text: blockId }, element: { action_id: 'a', ...element }, ...extra };
}

const option = (value: string) => ({ text: { type: 'plain_text', text: value.toUpperCase() }, value });

describe('buildViewState', () => {
  const view = viewWith([
    input('text', { type: 'plain_text_input' }),
    input('num', { type: 'number_input', is_decimal_allowed: false }),
    input('date', { type: 'datepicker' }),
    input('time', { type: 'timepicker', initial_time: '09:30' }),
    input('one', { type: 'static_select', options: [option('x'), option('y')] }),
    input('grouped', { type: 'static_select', option_groups: [{ label: { type: 'plain_text', text: 'G' }, options: [option('g1')] }] }),
    input('many', { type: 'multi_static_select', options: [option('x'), option('y')] }),
    input('boxes', { type: 'checkboxes', options: [option('x'), option('y')] }),
    input('radio', { type: 'radio_buttons', options: [option('x')] }),
    input('who', { type: 'users_select' }),
    input('whos', { type: 'multi_users_select' }),
    input('rich', { type: 'rich_text_input' }),
  ]);

  it('reports each element under its own key, number_input as a string', () => {
    const state = buildViewState(view, {
      text: 'hello', num: 42, date: '2025-02-01', time: '10:00', one: 'y', grouped: 'g1', many: ['x', 'y'],
      boxes: ['y'], radio: 'x', who: 'U0BOB', whos: ['U0BOB', 'U0ALICE'], rich: 'rich words',
    });
    expect(state).toEqual({
      text: { a: { type: 'plain_text_input', value: 'hello' } },
      num: { a: { type: 'number_input', value: '42' } },
      date: { a: { type: 'datepicker', selected_date: '2025-02-01' } },
      time: { a: { type: 'timepicker', selected_time: '10:00' } },
      one: { a: { type: 'static_select', selected_option: option('y') } },
      grouped: { a: { type: 'static_select', selected_option: option('g1') } },
      many: { a: { type: 'multi_static_select', selected_options: [option('x'), option('y')] } },
      boxes: { a: { type: 'checkboxes', selected_options: [option('y')] } },
      radio: { a: { type: 'radio_buttons', selected_option: option('x') } },
      who: { a: { type: 'users_select', selected_user: 'U0BOB' } },
      whos: { a: { type: 'multi_users_select', selected_users: ['U0BOB', 'U0ALICE'] } },
      rich: { a: { type: 'rich_text_input', rich_text_value: { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'rich words' }] }] } } },
    });
  });

  it('gives untouched inputs their initial value or the empty shape (null, [])', () => {
    const state = buildViewState(view, {});
    expect(state.text?.a).toEqual({ type: 'plain_text_input', value: null });
    expect(state.time?.a).toEqual({ type: 'timepicker', selected_time: '09:30' });
    expect(state.one?.a).toEqual({ type: 'static_select', selected_option: null });
    expect(state.many?.a).toEqual({ type: 'multi_static_select', selected_options: [] });
    expect(state.whos?.a).toEqual({ type: 'multi_users_select', selected_users: [] });
  });

  it('refuses a list for a single-valued element and a value for a multi-valued one', () => {
    expect(() => buildViewState(view, { one: ['x'] })).toThrow(/single value/);
    expect(() => buildViewState(view, { many: 'x' })).toThrow(/list of values/);
  });
});

describe('clientSideProblems', () => {
  const view = viewWith([
    input('required', { type: 'plain_text_input', min_length: 3, max_length: 5 }),
    input('optional', { type: 'plain_text_input' }, { optional: true }),
    input('count', { type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: '10' }),
    input('mail', { type: 'email_text_input' }, { optional: true }),
  ]);
  const problems = (values: Record<string, string>) => clientSideProblems(view, buildViewState(view, values));

  it('accepts a complete, well-formed submission', () => {
    expect(problems({ required: 'abcd', count: '3' })).toEqual({});
  });

  it('flags required inputs left empty but not optional ones', () => {
    expect(problems({ count: '3' })).toEqual({ required: 'Please fill out this field.' });
  });

  it('enforces min/max length, whole numbers within range and email shape', () => {
    expect(problems({ required: 'ab', count: '2.5', mail: 'nope' })).toEqual({
      required: 'Must be at least 3 characters',
      count: 'Must be a whole number',
      mail: 'Enter an email address.',
    });
    expect(problems({ required: 'abcdef', count: '11' })).toEqual({ required: 'Must be at most 5 characters', count: 'Must be at most 10' });
  });
});
