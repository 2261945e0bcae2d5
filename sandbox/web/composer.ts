/**
 * What Slack's client does to what a person types before the app sees it: `&`, `<` and `>` become
 * entities, and a mention typed as `@alex` or `@Alex Morgan` becomes `<@U0ALEX>` in a message, or
 * `<@U0ALEX|alex>` in the text of a slash command declared with `should_escape` (manifest.yml).
 */

export interface Mentionable {
  id: string;
  /** The handle, `alex`. */
  name: string;
  /** The full name, `Alex Morgan`. */
  realName: string;
}

/** The slash commands manifest.yml declares with `should_escape: true` (test/unit/manifest.test.ts keeps them equal). */
export const ESCAPED_COMMANDS: ReadonlySet<string> = new Set(['/goal', '/feedback']);

function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces each `@name` that names someone by handle or full name, case aside. Longer names win,
 * so `@Alex Morgan` is Alex, not `@Alex` followed by " Morgan". A name must end where a word ends.
 */
function replaceMentions(text: string, people: readonly Mentionable[], format: (person: Mentionable) => string): string {
  const byLabel = new Map<string, Mentionable>();
  for (const person of people) {
    for (const label of [person.realName, person.name]) if (label) byLabel.set(label.toLowerCase(), person);
  }
  if (byLabel.size === 0) return text;
  const labels = [...byLabel.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(^|[^\\w@])@(${labels.join('|')})(?![\\w-])`, 'gi');
  return text.replace(pattern, (_whole, before: string, label: string) => `${before}${format(byLabel.get(label.toLowerCase()) as Mentionable)}`);
}

/** A message's text as Slack delivers it in a `message.im` event. */
export function messageText(typed: string, people: readonly Mentionable[]): string {
  return replaceMentions(escapeEntities(typed), people, (p) => `<@${p.id}>`);
}

/** A slash command's `text` as Slack sends it: mentions escaped only when the command asks for it. */
export function commandText(command: string, typed: string, people: readonly Mentionable[]): string {
  const text = escapeEntities(typed);
  return ESCAPED_COMMANDS.has(command) ? replaceMentions(text, people, (p) => `<@${p.id}|${p.name}>`) : text;
}
