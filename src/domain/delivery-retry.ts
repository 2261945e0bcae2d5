/** The first wait after a failed send, doubled on each further attempt up to the ceiling. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;

/**
 * How long to wait before attempt `attempts + 1` of a send that did not go through. Jittered by up
 * to a fifth either way, so sends failed by one outage do not all come back in the same instant.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
