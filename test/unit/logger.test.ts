import { Writable } from 'node:stream';
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
