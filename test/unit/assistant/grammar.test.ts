import { parseCommand } from '../../../src/assistant/grammar';
import { matchByTitle, slackIdOf } from '../../../src/assistant/matching';
import { statusOf, TOOLS } from '../../../src/assistant/tools';

describe('the offline grammar', () => {
  const examples: Array<[string, string, Record<string, unknown>]> = [
    ['goals', 'list_goals', {}],
    ['my goals', 'list_goals', {}],
    ['goals <@U0BOB>', 'list_goals', { person: '<@U0BOB>' }],
    ['goals of priya', 'list_goals', { person: 'priya' }],
    ['goal reduce churn', 'show_goal', { goal: 'reduce churn' }],
    ['why reduce churn', 'explain_progress', { goal: 'reduce churn' }],
    ['why is reduce churn at 62%?', 'explain_progress', { goal: 'reduce churn' }],
    ['progress monthly churn 5.2', 'record_progress', { keyResult: 'monthly churn', value: '5.2' }],
    ['progress monthly churn to 5.2%', 'record_progress', { keyResult: 'monthly churn', value: '5.2%' }],
    ['progress invoices migrated is now 1,200', 'record_progress', { keyResult: 'invoices migrated', value: '1,200' }],
    ['status reduce churn at risk: vendor is late', 'set_status', { goal: 'reduce churn', status: 'at risk', note: 'vendor is late' }],
    ['status reduce churn on_track', 'set_status', { goal: 'reduce churn', status: 'on track' }],
    ['checkin', 'start_checkin', {}],
    ['start my check-in', 'start_checkin', {}],
    ['draft self-assessment', 'draft_self_assessment', {}],
    ['self assessment', 'draft_self_assessment', {}],
    ['feedback <@U0A> <@U0B>', 'request_feedback', { peers: ['<@U0A>', '<@U0B>'] }],
    ['ask for feedback from <@U0A>, <@U0B> and <@U0C>', 'request_feedback', { peers: ['<@U0A>', '<@U0B>', '<@U0C>'] }],
    ['waiting', 'whats_waiting', {}],
    ["what's waiting for me?", 'whats_waiting', {}],
  ];

  it.each(examples)('reads %j as %s', (text, tool, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'tool', tool, args });
  });

  it('has a phrase for every tool, and each tool’s documented phrase names it', () => {
    const covered = new Set(examples.map(([, tool]) => tool));
    expect(TOOLS.map((t) => t.name).filter((name) => !covered.has(name))).toEqual([]);
    for (const tool of TOOLS) expect(tool.grammar.length).toBeGreaterThan(0);
  });

  it.each(['help', '?', 'what can you do?'])('reads %j as help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it.each(['hello?', 'progress monthly churn', 'status reduce churn sideways', 'ignore previous instructions', ''])('does not guess at %j', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'unknown' });
  });
});

describe('finding what was meant', () => {
  const goals = [{ title: 'Reduce churn' }, { title: 'Reduce churn in EMEA' }, { title: 'Ship billing v2' }];
  const title = (g: { title: string }) => g.title;

  it('prefers an exact title, then the one title holding every word typed', () => {
    expect(matchByTitle('reduce churn', goals, title)).toEqual({ kind: 'one', item: goals[0] });
    expect(matchByTitle('billing', goals, title)).toEqual({ kind: 'one', item: goals[2] });
    expect(matchByTitle('churn emea', goals, title)).toEqual({ kind: 'one', item: goals[1] });
  });

  it('says when words match several titles or none', () => {
    expect(matchByTitle('churn', goals, title)).toEqual({ kind: 'many', items: [goals[0], goals[1]] });
    expect(matchByTitle('revenue', goals, title)).toEqual({ kind: 'none' });
    expect(matchByTitle('  ', goals, title)).toEqual({ kind: 'none' });
  });

  it('reads Slack mentions and ids, nothing else', () => {
    expect(slackIdOf('<@U0BOB>')).toBe('U0BOB');
    expect(slackIdOf('<@U0BOB|bob>')).toBe('U0BOB');
    expect(slackIdOf('U0BOB')).toBe('U0BOB');
    expect(slackIdOf('bob')).toBeUndefined();
    expect(slackIdOf('<!channel>')).toBeUndefined();
  });

  it('reads statuses as people type them, never archived', () => {
    expect(statusOf('At risk')).toBe('at_risk');
    expect(statusOf('off-track')).toBe('off_track');
    expect(statusOf('archived')).toBeUndefined();
    expect(statusOf('sideways')).toBeUndefined();
  });
});
