/**
 * Waiting for something the bot does asynchronously (a DM sent by a job, a call after an ack).
 * Event-driven rather than polling: the probe runs now and after every change the emulator
 * signals, so a wait ends as soon as its condition holds. On timeout the error says what *did*
 * happen, because "timed out" alone makes a failing end-to-end test hard to read.
 */
import type { EventEmitter } from 'node:events';

export const DEFAULT_WAIT_MS = 5000;

export interface WaitSpec<T> {
  events: EventEmitter;
  event: string;
  /** Returns the awaited value once it exists, undefined until then. */
  probe: () => T | undefined;
  /** What is being waited for, e.g. `a chat.postMessage call`. */
  what: string;
  /** What happened instead, appended to the timeout message. */
  describe: () => string;
  timeoutMs?: number;
}

export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

export function waitFor<T>(spec: WaitSpec<T>): Promise<T> {
  const timeoutMs = spec.timeoutMs ?? DEFAULT_WAIT_MS;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      spec.events.off(spec.event, check);
    };
    function check(): void {
      if (settled) return;
      let value: T | undefined;
      try {
        value = spec.probe();
      } catch (error) {
        // A predicate that throws is a broken test, not a reason to wait out the timeout.
        finish();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value !== undefined) {
        finish();
        resolve(value);
      }
    }
    const timer = setTimeout(() => {
      if (settled) return;
      finish();
      reject(new WaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${spec.what}.\n${spec.describe()}`));
    }, timeoutMs);
    spec.events.on(spec.event, check);
    check();
  });
}
