import { ErrorCode } from '@slack/web-api';
import { NotDeliveredError } from '../../src/lib/errors';
import { classifySlackError } from '../../src/slack/errors';

/** The shape @slack/web-api gives a failed fetch under Node: the socket error is the TypeError's cause. */
function requestError(socketCode: string): Error {
  const original = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(socketCode), { code: socketCode }) });
  return Object.assign(new Error('A request error occurred: fetch failed'), { code: ErrorCode.RequestError, original });
}

describe('classifySlackError for network failures', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND'])('calls %s not delivered: the request never left', (code) => {
    expect(classifySlackError(requestError(code))).toBeInstanceOf(NotDeliveredError);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT'])('leaves %s as it is: Slack may have posted the message', (code) => {
    const error = requestError(code);
    expect(classifySlackError(error)).toBe(error);
  });
});
