import { DateTime } from 'luxon';

/** A calendar day as a person reads it, with how far away it is from their today. */
export function formatDueDate(isoDate: string, today: string): string {
  const date = DateTime.fromISO(isoDate, { zone: 'utc' });
  const days = Math.round(date.diff(DateTime.fromISO(today, { zone: 'utc' }), 'days').days);
  const when =
    days === 0 ? 'today' : days === 1 ? 'tomorrow' : days === -1 ? 'yesterday' : days > 0 ? `in ${days} days` : `${-days} days ago`;
  // Fixed locale: the words must not depend on the server's.
  return `${date.toFormat('ccc d LLL yyyy', { locale: 'en-GB' })} (${when})`;
}

export const CATEGORY_LABELS = {
  performance: 'Performance',
  development: 'Development',
  stretch: 'Stretch',
} as const;

export const STATUS_LABELS = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  completed: 'Completed',
  deferred: 'Deferred',
  archived: 'Archived',
} as const;
