import { DateTime, IANAZone } from 'luxon';
import type { Weekday } from './settings';

/**
 * Local time in a zone, DST-correct, computed once per zone, day and time. Asking luxon for a
 * zone's offset formats a date through Intl each time, and a dispatcher tick asks the same few
 * questions (this minute's instant, this Friday at 15:00, in one zone or a handful) for every
 * person due: answers are kept, keyed by everything they depend on (the zone and the day and time,
 * or the instant), so a kept answer is the one a fresh computation would give.
 */

/** Entries per cache; past that it starts afresh, which costs one recomputation per key. */
const MAX_ENTRIES = 20_000;

function cached<V>(compute: (...args: string[]) => V): (...args: string[]) => V {
  const entries = new Map<string, V>();
  return (...args) => {
    const key = args.join('\u0000');
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    const value = compute(...args);
    entries.set(key, value);
    return value;
  };
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A calendar day 'YYYY-MM-DD' as days since 1970-01-01. */
export function dayNumber(day: string): number {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function zoneOf(zone: string): IANAZone {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new Error(`unknown timezone "${zone}"`);
  return tz;
}

function computeAtLocal(day: string, time: string, zone: string): DateTime {
  const tz = zoneOf(zone);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  // The wall time read as if it were UTC; a real instant is this minus the zone's offset then.
  const wall = dayNumber(day) * DAY_MS + (hour * 60 + minute) * MINUTE_MS;
  const before = tz.offset(wall - DAY_MS);
  const after = tz.offset(wall + DAY_MS);
  const matching = [before, tz.offset(wall), after]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => instant + tz.offset(instant) * MINUTE_MS === wall)
    .sort((a, b) => a - b);
  const first = matching[0];
  if (first !== undefined) return DateTime.fromMillis(first, { zone: 'utc' });
  // In a gap: the transition lies between the wall time read with the later offset and with the
  // earlier one. Offsets and transitions fall on whole minutes, so search minute by minute.
  let lo = wall - after * MINUTE_MS;
  let hi = wall - before * MINUTE_MS;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
    if (tz.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return DateTime.fromMillis(hi, { zone: 'utc' });
}

/**
 * The instant a local day and 'HH:mm' stand for in `zone`. In a spring-forward gap (02:30 when
 * clocks jump from 02:00 to 03:00) it is the first minute after the gap, 03:00; in a fall-back
 * overlap (01:30 happening twice) it is the first occurrence. luxon alone would move a gap time
 * forward by the gap's length and pick either occurrence depending on the zone.
 */
export const atLocal: (day: string, time: string, zone: string) => DateTime = cached(computeAtLocal);

/** An instant as the people in a zone see it. */
export interface LocalView {
  /** 'YYYY-MM-DD' */
  day: string;
  weekday: Weekday;
  /** 'HH:mm' */
  time: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

const localViewOf = cached((millis: string, zone: string): LocalView => {
  // An unknown zone gives an invalid DateTime (no day, no working moment), as luxon's setZone does.
  const local = DateTime.fromMillis(Number(millis), { zone });
  return { day: local.toISODate() ?? '', weekday: local.weekday as Weekday, time: `${pad(local.hour)}:${pad(local.minute)}` };
});

export function localView(at: DateTime, zone: string): LocalView {
  return localViewOf(String(at.toMillis()), zone);
}
