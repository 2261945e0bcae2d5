import { isDatabaseUnavailable } from '../../src/db/client';
import { retryDelayMs } from '../../src/domain/delivery-retry';
import { createLogger } from '../../src/lib/logger';
import { createOutageLog } from '../../src/lib/outage';

function capture() {
  const lines: Array<{ msg: string; dependency?: string; downForMs?: number }> = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) }) };
}

describe('the outage log', () => {
  it('says once that a dependency went away and once that it came back, however often it is told', () => {
    const { lines, logger } = capture();
    let now = 1000;
    const outages = createOutageLog(logger, { now: () => now });
    for (let i = 0; i < 50; i += 1) outages.down('postgres', new Error('connect ECONNREFUSED'));
    expect(outages.isDown('postgres')).toBe(true);
    now = 21_000;
    outages.up('postgres');
    outages.up('postgres');
    expect(lines.map((l) => l.msg)).toEqual(['postgres is unavailable; work waits and resumes when it is back', 'postgres is available again']);
    expect(lines[1]).toMatchObject({ dependency: 'postgres', downForMs: 20_000 });
  });

  it('probes a dependency that nothing else would see coming back', async () => {
    const { lines, logger } = capture();
    let reachable = false;
    const outages = createOutageLog(logger, { probeMs: 10, probes: { postgres: async () => (reachable ? undefined : Promise.reject(new Error('down'))) } });
    outages.down('postgres', new Error('57P01'));
    reachable = true;
    while (outages.isDown('postgres')) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines.map((l) => l.msg)).toEqual(['postgres is unavailable; work waits and resumes when it is back', 'postgres is available again']);
    outages.close();
  });
});

describe('telling a Postgres outage from a refused query', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server still starting (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['every address refused', new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })])],
    ['a wrapped cause', new Error('query failed', { cause: Object.assign(new Error('x'), { code: '08006' }) })],
  ])('counts %s as unavailable', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near'), { code: '42601' })],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
  ])('does not count %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('the wait between attempts of a send that did not go through', () => {
  it('doubles from about a second up to about a minute, jittered by a fifth either way', () => {
    expect([1, 2, 3, 7, 8, 20].map((n) => retryDelayMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 60_000, 60_000, 60_000]);
    expect(retryDelayMs(1, () => 0)).toBe(800);
    expect(retryDelayMs(1, () => 1)).toBe(1200);
  });
});
