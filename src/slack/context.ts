import type { StringIndexed } from '@slack/bolt';
import type { Person } from '../domain/person';

/** What Cadence's middleware adds to Bolt's context for every listener. */
export interface CadenceContext extends StringIndexed {
  /** The person acting, recorded on first sight; absent when they could not be resolved. */
  actor?: Person;
}

export const ACTOR_UNAVAILABLE = 'Cadence could not load your profile just now. Please try again in a minute.';
