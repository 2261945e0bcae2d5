/**
 * Finding what someone meant by a few words: a goal or key result by its title. Exact titles win;
 * otherwise every word typed must appear in the title. Pure, so both the offline grammar and a
 * model's arguments are resolved the same way.
 */

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}%.$€£-]+/u)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter(Boolean);

const normal = (text: string): string => words(text).join(' ');

export type Match<T> = { kind: 'one'; item: T } | { kind: 'none' } | { kind: 'many'; items: T[] };

export function matchByTitle<T>(query: string, items: readonly T[], titleOf: (item: T) => string): Match<T> {
  const wanted = normal(query);
  if (!wanted) return { kind: 'none' };
  const exact = items.filter((item) => normal(titleOf(item)) === wanted);
  if (exact.length === 1) return { kind: 'one', item: exact[0]! };
  if (exact.length > 1) return { kind: 'many', items: exact };
  const queryWords = words(query);
  const partial = items.filter((item) => {
    const title = words(titleOf(item));
    return queryWords.every((w) => title.some((t) => t.startsWith(w)));
  });
  if (partial.length === 1) return { kind: 'one', item: partial[0]! };
  return partial.length === 0 ? { kind: 'none' } : { kind: 'many', items: partial };
}

/** A Slack user id from a mention (<@U123|name>) or the id itself. */
export function slackIdOf(text: string): string | undefined {
  const trimmed = text.trim();
  const mention = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(trimmed);
  if (mention) return mention[1];
  return /^[UW][A-Z0-9]{2,}$/.test(trimmed) ? trimmed : undefined;
}
