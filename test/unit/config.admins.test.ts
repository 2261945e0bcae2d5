import { ConfigError, loadConfig } from '../../src/config';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'secret',
  DATABASE_URL: 'postgres://localhost/cadence',
  REDIS_URL: 'redis://localhost:6379',
};

describe('ADMIN_SLACK_IDS', () => {
  it('is empty when unset', () => {
    expect(loadConfig(base).adminSlackIds).toEqual([]);
  });

  it('reads Slack user ids separated by commas and spaces', () => {
    expect(loadConfig({ ...base, ADMIN_SLACK_IDS: ' U0ALICE, U0BOB  W0GRID ' }).adminSlackIds).toEqual(['U0ALICE', 'U0BOB', 'W0GRID']);
  });

  it('refuses anything that is not a user id, naming the variable', () => {
    expect(() => loadConfig({ ...base, ADMIN_SLACK_IDS: 'U0ALICE,alice@example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ADMIN_SLACK_IDS: 'U0ALICE,alice@example.com' })).toThrow(
      'ADMIN_SLACK_IDS must be Slack user ids (U…), separated by commas',
    );
  });
});
