import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '../lib/logger';
import { acquireLock } from './lock';

export interface EmbeddedPostgres {
  /** A `postgres://` URL on loopback for the ordinary `pg` driver. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), in this process, with its files in `dir`, served over
 * the PostgreSQL wire protocol on a loopback port by PGlite's own socket server. The app keeps using
 * `pg`, its type parsers and the same Kysely code and migrations; only the endpoint differs.
 *
 * PGlite runs one session. The socket server queues messages from several connections, but the
 * extended protocol's unnamed statements and portals would then mix between them, so the pool in
 * front of it must hold one connection (see `singleSessionDatabase`). The server allows a second so
 * a reconnect is never refused while the previous socket is still being torn down.
 */
export async function startEmbeddedPostgres(dir: string, logger: Logger): Promise<EmbeddedPostgres> {
  mkdirSync(dir, { recursive: true });
  const release = acquireLock(`${dir}.lock`, `The embedded database in ${dir}`);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(dir);
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 2 });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    logger.info({ dir }, 'embedded PostgreSQL (PGlite) started; set DATABASE_URL to use a PostgreSQL server instead');
    const db = pglite;
    return {
      url,
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    release();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the embedded database in ${dir} could not be opened: ${reason}`, { cause: error });
  }
}
