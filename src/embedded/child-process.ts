import type { ChildProcess } from 'node:child_process';

/**
 * Asks a server Cadence started to stop with `signal` (its graceful or fast shutdown) and resolves
 * once it has exited; one that takes longer than `timeoutMs` is killed.
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill(signal);
  });
}
