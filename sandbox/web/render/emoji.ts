/**
 * Slack's `:shortcodes:` for the emoji a bot is likely to use. Unknown codes stay as typed, which
 * is what Slack shows for an emoji it does not know either.
 */
const EMOJI: Record<string, string> = {
  '+1': '👍', thumbsup: '👍', '-1': '👎', alarm_clock: '⏰', bell: '🔔', bulb: '💡', bust_in_silhouette: '👤',
  busts_in_silhouette: '👥', calendar: '📆', chart_with_upwards_trend: '📈', clipboard: '📋', dart: '🎯',
  eyes: '👀', fire: '🔥', heavy_check_mark: '✔️', hourglass: '⌛', hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️', large_green_circle: '🟢', large_yellow_circle: '🟡', lock: '🔒', mag: '🔍',
  memo: '📝', no_entry: '⛔', pencil: '📝', pencil2: '✏️', pushpin: '📌', raised_hands: '🙌', red_circle: '🔴',
  rocket: '🚀', seedling: '🌱', sparkles: '✨', speech_balloon: '💬', spiral_calendar_pad: '🗓️', star: '⭐',
  tada: '🎉', trophy: '🏆', warning: '⚠️', wave: '👋', white_check_mark: '✅', x: '❌', zzz: '💤',
};

export function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, code: string) => EMOJI[code] ?? whole);
}
