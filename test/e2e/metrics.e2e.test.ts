import { DEFAULT_TEAM_ID } from '../../sandbox';
import { GoalBlock } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { waitFor } from '../support/redis';

const alice = 'U0ALICE';

/** One sample's value from Prometheus's text format, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('/metrics on the web role', () => {
  let h: CadenceHarness;

  beforeAll(async () => {
    h = await startCadenceHarness();
  });
  afterAll(() => h.stop());

  const scrape = async () => {
    const response = await fetch(`${h.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('counts and times Slack requests per listener, and the DMs, Slack calls, jobs and dependencies behind them', async () => {
    await h.driver.command({ user: alice, command: '/goal' });
    await h.emulator.waitForModal(alice, (view) => view.callback_id === 'goal_new');
    await h.driver.submitView({ user: alice, values: { [GoalBlock.Title]: 'Publish the metrics' } });
    await h.emulator.waitForDm(alice, (m) => m.text.includes('Publish the metrics'));
    // A Slack 429 on the next DM: paced jobs count it against the workspace and the method.
    h.emulator.failNext('chat.postMessage', { status: 429, error: 'ratelimited', retryAfterSeconds: 1 });
    await h.driver.command({ user: alice, command: '/goal' });
    await h.emulator.waitForModal(alice, (view) => view.callback_id === 'goal_new');
    await h.driver.submitView({ user: alice, values: { [GoalBlock.Title]: 'Survive a 429' } });
    await h.emulator.waitForDm(alice, (m) => m.text.includes('Survive a 429'));

    let text = '';
    await waitFor(async () => (sample((text = await scrape()), 'cadence_deliveries', { workspace: DEFAULT_TEAM_ID, status: 'sent' }) ?? 0) >= 2, {
      what: 'both confirmations in the ledger as sent',
    });
    expect(sample(text, 'cadence_slack_requests_total', { kind: 'slash_command', listener: '/goal', status: '200' })).toBe(2);
    expect(sample(text, 'cadence_slack_requests_total', { kind: 'view_submission', listener: 'goal_new', status: '200' })).toBe(2);
    expect(sample(text, 'cadence_slack_ack_seconds_count', { kind: 'slash_command', listener: '/goal' })).toBe(2);
    expect(sample(text, 'cadence_slack_api_calls_total', { workspace: DEFAULT_TEAM_ID, method: 'chat.postMessage', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'cadence_slack_api_calls_total', { workspace: DEFAULT_TEAM_ID, method: 'chat.postMessage', outcome: 'rate_limited' })).toBe(1);
    expect(sample(text, 'cadence_jobs', { queue: 'slack', state: 'failed' })).toBe(0);
    expect(sample(text, 'cadence_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(sample(text, 'cadence_dependency_up', { dependency: h.redis.kind === 'redis' ? 'redis' : 'queues' })).toBe(1);
    expect(sample(text, 'cadence_overdue_seconds', { kind: 'checkin_reminder' })).toBe(0);
    expect(sample(text, 'cadence_nodejs_heap_size_total_bytes', {})).toBeGreaterThan(0);
  });

  it('labels what the guard refuses as refused, without reading anything it carries into a label', async () => {
    const refused = await h.driver.sendRaw({ body: 'command=%2Fgoal&user_id=U0X&team_id=T0X', contentType: 'application/x-www-form-urlencoded', signingSecret: 'wrong' });
    expect(refused.status).toBe(401);
    const text = await scrape();
    expect(sample(text, 'cadence_slack_requests_total', { kind: 'refused', listener: 'none', status: '401' })).toBe(1);
  });
});
