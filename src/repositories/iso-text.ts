import type { DateTime } from 'luxon';

/**
 * Instants as the ISO text a `timestamptz[]` parameter is written in, for the rows of one
 * statement: pg would format a Date per row, and rows written together mostly share a few instants.
 */
export function isoText(): (at: DateTime) => string {
  const texts = new Map<number, string>();
  return (at) => {
    const millis = at.toMillis();
    let text = texts.get(millis);
    if (text === undefined) texts.set(millis, (text = new Date(millis).toISOString()));
    return text;
  };
}
