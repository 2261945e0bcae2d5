import type { StringIndexed } from '@slack/bolt';
import type { Person } from '../domain/person';

/** What Cadence's middleware adds to Bolt's context for every listener. */
export interface CadenceContext extends StringIndexed {
  /**
   * The person acting, recorded on first sight; undefined when they could not be resolved. Loaded
   * when first asked (once per request), so a listener can acknowledge Slack before any database work.
   */
  actor?: () => Promise<Person | undefined>;
  /** False for a replay of a request already acted on; absent in Socket Mode, where Slack's socket is the guard. */
  firstDelivery?: Promise<boolean>;
}

export const ACTOR_UNAVAILABLE = 'Cadence could not load your profile just now. Please try again in a minute.';

/** Whether to act on the request: false for a replayed one (or one whose signature could not be recorded). */
export const isFirstDelivery = (context: CadenceContext): Promise<boolean> => context.firstDelivery ?? Promise.resolve(true);

/** The acting person of a request, or undefined when there is none or they could not be resolved. */
export const actorOf = (context: CadenceContext): Promise<Person | undefined> => context.actor?.() ?? Promise.resolve(undefined);
