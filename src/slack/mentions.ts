/**
 * The Slack user id in a mention as Slack escapes it in command text (`<@U123|name>` or
 * `<@U123>`), or undefined when the text is not exactly one mention.
 */
export function parseUserMention(text: string): string | undefined {
  return /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text.trim())?.[1];
}
