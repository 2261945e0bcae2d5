import { Writable } from 'node:stream';
import { bindLogWorkspace, inLogScope } from '../../src/lib/log-scope';
import { createLogger, toSlackLogger } from '../../src/lib/logger';

/** A log destination that keeps every line, to read what would have been written. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('trace', stream) };
}

describe("the Slack libraries' logs", () => {
  it('drop debug lines even at trace level: they carry whole request bodies, with what people wrote', () => {
    const { lines, logger } = capture();
    const slack = toSlackLogger(logger, 'web-api');
    slack.debug('http request body: {"text":"my anonymous answer","user":"U0PIA"}');
    slack.warn('http request failed: 503');
    expect(lines.join('')).not.toContain('my anonymous answer');
    expect(lines.join('')).toContain('http request failed: 503');
  });
});

describe('the workspace on every line', () => {
  it('names the workspace a request or job acts for on each line it writes, children and Bolt included', async () => {
    const { lines, logger } = capture();
    await inLogScope(async () => {
      logger.info('before the workspace is known');
      bindLogWorkspace('T0FIRST');
      logger.child({ component: 'worker' }).warn('a send failed');
      toSlackLogger(logger).error('bolt says so');
    });
    await inLogScope(async () => logger.info('a request'), 'T0SECOND');
    logger.info('outside any request or job');
    const workspaces = lines.map((line) => (JSON.parse(line) as { workspace?: string }).workspace);
    expect(workspaces).toEqual([undefined, 'T0FIRST', 'T0FIRST', 'T0SECOND', undefined]);
  });
});
