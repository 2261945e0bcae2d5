/**
 * trigger_id bookkeeping. Slack issues one per interaction and lets the app exchange it once,
 * within 3 seconds, for a modal. Both limits are enforced so that a bot which opens its modal
 * after slow work (a database round trip before `views.open`) fails here as it would in Slack.
 */
import { triggerId } from './ids';

export const TRIGGER_TTL_MS = 3000;

interface Trigger {
  userId: string;
  issuedAt: number;
  exchanged: boolean;
}

export type TriggerError = 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id';

export class TriggerStore {
  private readonly triggers = new Map<string, Trigger>();

  constructor(private readonly now: () => number) {}

  issue(userId: string): string {
    const id = triggerId(this.now());
    this.triggers.set(id, { userId, issuedAt: this.now(), exchanged: false });
    return id;
  }

  /** Whether this store issued the trigger (used or not). */
  knows(id: string): boolean {
    return this.triggers.has(id);
  }

  /** Uses the trigger up; returns the person it was issued for, or Slack's error code. */
  exchange(id: string): { userId: string } | { error: TriggerError } {
    const trigger = this.triggers.get(id);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.exchanged) return { error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
    trigger.exchanged = true;
    return { userId: trigger.userId };
  }

  reset(): void {
    this.triggers.clear();
  }
}
