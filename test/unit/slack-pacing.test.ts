import { loadConfig } from '../../src/config';
import { rateRuleFor, slackPacing } from '../../src/slack/pacing';

describe('how fast jobs call each Slack method', () => {
  const pacing = slackPacing(540);

  it('paces chat.postMessage at the configured workspace rate, with a burst of half a second', () => {
    expect(rateRuleFor('chat.postMessage', pacing)).toEqual({ perMinute: 540, burst: 4 });
  });

  it.each([
    ['users.list', 20],
    ['users.info', 100],
    ['conversations.history', 50],
    ['chat.update', 50],
    ['views.publish', 100],
    // Not in Slack's published lists: paced as Tier 3.
    ['reactions.add', 50],
  ])('paces %s at its tier, %d a minute', (method, perMinute) => {
    expect(rateRuleFor(method, pacing)?.perMinute).toBe(perMinute);
  });

  it('leaves auth.test unpaced: it names the workspace the limits are counted under', () => {
    expect(rateRuleFor('auth.test', pacing)).toBeUndefined();
  });

  it('takes the chat.postMessage rate from SLACK_POST_MESSAGE_PER_MINUTE', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh', SLACK_POST_MESSAGE_PER_MINUTE: '525' });
    expect(config.slack.pacing.postMessage.perMinute).toBe(525);
  });

  it('takes the conversations.history rate from SLACK_HISTORY_PER_MINUTE, for apps Slack holds to 1 a minute', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh', SLACK_HISTORY_PER_MINUTE: '1' });
    expect(rateRuleFor('conversations.history', config.slack.pacing)).toEqual({ perMinute: 1, burst: 1 });
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh', SLACK_HISTORY_PER_MINUTE: '0' })).toThrow(/SLACK_HISTORY_PER_MINUTE.*at least 1/);
  });
});
