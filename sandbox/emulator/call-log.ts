/**
 * Every request the emulator answers, in order, with a change signal that the wait helpers listen
 * to. Kept separate from workspace state so that "what did the bot ask" and "what does Slack now
 * hold" can be asserted independently.
 */
import { EventEmitter } from 'node:events';
import type { RecordedCall } from './types';

export const CHANGE_EVENT = 'change';

export class CallLog {
  /** Emits CHANGE_EVENT after every recorded call and every state change made by the driver. */
  readonly events = new EventEmitter();
  private calls: RecordedCall[] = [];

  constructor() {
    // Many concurrent waits in one test are normal; the default limit of 10 would only warn.
    this.events.setMaxListeners(0);
  }

  record(call: RecordedCall): void {
    this.calls.push(call);
    this.changed();
  }

  changed(): void {
    this.events.emit(CHANGE_EVENT);
  }

  all(method?: string): RecordedCall[] {
    return method === undefined ? [...this.calls] : this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls = [];
  }
}

/** One line per call, for timeout messages: `chat.postMessage {"channel":"U0ALICE",…} -> ok`. */
export function describeCall(call: RecordedCall): string {
  const params = JSON.stringify(call.params);
  const shortParams = params.length > 160 ? `${params.slice(0, 157)}...` : params;
  const outcome = call.response.ok ? 'ok' : String(call.response.error);
  const status = call.status === 200 ? '' : ` (HTTP ${call.status})`;
  return `${call.method} ${shortParams} -> ${outcome}${status}`;
}
