/**
 * HTML as strings, safely: every value interpolated into markup goes through `escapeHtml` (or is
 * markup this module produced). The bot's text is user-typed text in the end, so nothing it sends
 * may become markup in the page.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** `name="value"` pairs; false, null and undefined leave the attribute out, true writes it bare. */
export function attrs(values: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(values)
    .flatMap(([name, value]) => {
      if (value === false || value === null || value === undefined) return [];
      return value === true ? [` ${name}`] : [` ${name}="${escapeHtml(value)}"`];
    })
    .join('');
}
