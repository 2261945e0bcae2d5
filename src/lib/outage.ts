import type { Logger } from './logger';

/**
 * Says once that a dependency went away and once that it came back, however many connections and
 * jobs notice in between: an outage of minutes is two log lines, not thousands.
 */
export interface OutageLog {
  /**
   * Reports the dependency unavailable. Its probe, if it has one, is then called every `probeMs`
   * until it resolves, which reports the dependency back.
   */
  down(dependency: string, error: unknown): void;
  up(dependency: string): void;
  isDown(dependency: string): boolean;
  /** Stops the probes. */
  close(): void;
}

export function createOutageLog(
  logger: Logger,
  options: { probes?: Record<string, () => Promise<unknown>>; probeMs?: number; now?: () => number } = {},
): OutageLog {
  const now = options.now ?? Date.now;
  const since = new Map<string, number>();
  const probes = new Map<string, NodeJS.Timeout>();
  const log: OutageLog = {
    down(dependency, error) {
      if (since.has(dependency)) return;
      const probe = options.probes?.[dependency];
      since.set(dependency, now());
      logger.error({ err: error, dependency }, `${dependency} is unavailable; work waits and resumes when it is back`);
      if (!probe || probes.has(dependency)) return;
      let probing = false;
      const timer = setInterval(() => {
        if (probing) return;
        probing = true;
        probe().then(
          () => log.up(dependency),
          () => undefined,
        ).finally(() => {
          probing = false;
        });
      }, options.probeMs ?? 1000);
      // A probe must never keep the process alive on its own.
      timer.unref();
      probes.set(dependency, timer);
    },
    up(dependency) {
      clearInterval(probes.get(dependency));
      probes.delete(dependency);
      const start = since.get(dependency);
      if (start === undefined) return;
      since.delete(dependency);
      logger.warn({ dependency, downForMs: now() - start }, `${dependency} is available again`);
    },
    isDown: (dependency) => since.has(dependency),
    close() {
      for (const timer of probes.values()) clearInterval(timer);
      probes.clear();
    },
  };
  return log;
}
