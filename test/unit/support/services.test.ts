import { createServer, type Server, type Socket } from 'node:net';
import { missingServices } from '../../support/services';
import { adminUrl } from '../../support/postgres';
import { TEST_REDIS_URL } from '../../support/redis';

// A loopback port that accepts connections and never answers, and one where nobody listens.
let silent: Server;
const held: Socket[] = [];
let silentPort: number;
let closedPort: number;

beforeAll(async () => {
  silent = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('the check before the suite starts', () => {
  it('says nothing when PostgreSQL and Redis both answer', async () => {
    expect(await missingServices(adminUrl, TEST_REDIS_URL)).toBeUndefined();
  });

  it('names only Redis when Redis is missing', async () => {
    const message = await missingServices(adminUrl, `redis://127.0.0.1:${closedPort}`);
    expect(message).toMatch(new RegExp(`^The tests need Redis at 127\\.0\\.0\\.1:${closedPort} \\(.*set REDIS_URL\\)\\. Start both with`));
    expect(message).not.toContain('PostgreSQL');
  });

  it('names both, in one line, when neither answers (one of them hanging rather than refusing)', async () => {
    const message = await missingServices(`postgres://postgres@127.0.0.1:${silentPort}/postgres`, `redis://127.0.0.1:${closedPort}`);
    expect(message).toContain(`PostgreSQL at 127.0.0.1:${silentPort}`);
    expect(message).toContain(`Redis at 127.0.0.1:${closedPort}`);
    expect(message).not.toContain('\n');
  });
});
