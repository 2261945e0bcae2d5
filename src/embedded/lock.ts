import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

/**
 * An exclusive, process-wide claim on a directory, as a file holding the owner's pid. PGlite keeps
 * a whole PostgreSQL in one process with no lock of its own, so a second Cadence opening the same
 * files would corrupt them; this turns that into a clear refusal. A lock left by a process that is
 * gone (killed, crashed) is taken over.
 */
export function acquireLock(lockPath: string, what: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => releaseLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (isAlive(owner)) {
        throw new Error(
          `${what} is in use by another Cadence process (pid ${owner}). Stop it first, or set DATABASE_URL to a PostgreSQL server that several processes can share.`,
          { cause: error },
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

function releaseLock(lockPath: string): void {
  try {
    if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) rmSync(lockPath, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
