import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const taskset = (cpus: string, pid: number) => execFileSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' });

/**
 * Gives the apps under test CPU 0 and Slack's side (the emulator and the command sender, which run
 * elsewhere in real life) the other CPUs, so their work does not queue Cadence's acks behind it.
 * Returns how to undo it, or undefined where it cannot be done (one CPU, no taskset).
 */
export function pinApart(slackSide: Array<number | undefined>): (() => void) | undefined {
  const cpus = availableParallelism();
  if (process.env.BENCH_PIN === '0' || process.platform !== 'linux' || cpus < 2 || slackSide.some((pid) => pid === undefined)) return undefined;
  try {
    taskset('0', process.pid);
    for (const pid of slackSide) taskset(`1-${cpus - 1}`, pid ?? 0);
  } catch {
    return undefined;
  }
  return () => taskset(`0-${cpus - 1}`, process.pid);
}
