import { DateTime } from 'luxon';
import type { CheckinCadence } from '../../domain/settings';

// Fixed locale: the words must not depend on the server's.
const LOCALE = { locale: 'en-GB' } as const;

/** A period by the day of its nudge slot: "Friday 27 November". */
export function formatPeriod(period: string): string {
  return DateTime.fromISO(period, { zone: 'utc' }).toFormat('cccc d LLLL', LOCALE);
}

/** "the week of Friday 27 November", or "the two weeks up to ..." for a fortnightly cadence. */
export function describePeriod(period: string, cadence: Pick<CheckinCadence, 'everyWeeks'>): string {
  return `${cadence.everyWeeks === 1 ? 'the week of' : 'the two weeks up to'} ${formatPeriod(period)}`;
}

/** An instant as the person reads it, in their own zone: "Fri 27 Nov, 15:00". */
export function formatLocalTime(at: DateTime, zone: string): string {
  return at.setZone(zone).toFormat('ccc d LLL, HH:mm', LOCALE);
}
