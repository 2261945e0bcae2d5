/**
 * Slack's `:shortcodes:` for every emoji Cadence writes (a test holds this to src/) and a few that
 * people type often. Unknown codes stay as typed, which is what Slack shows for an emoji it does not
 * know either.
 */
const EMOJI: Record<string, string> = {
  '+1': '👍', thumbsup: '👍', '-1': '👎', '100': '💯', alarm_clock: '⏰', bar_chart: '📊', bell: '🔔', bulb: '💡',
  bust_in_silhouette: '👤', busts_in_silhouette: '👥', calendar: '📆', chart_with_upwards_trend: '📈', clap: '👏',
  clipboard: '📋', dart: '🎯', disappointed: '😞', double_vertical_bar: '⏸️', earth_africa: '🌍', eyes: '👀',
  fast_forward: '⏩', fire: '🔥', grinning: '😀', heart: '❤️', heavy_check_mark: '✔️', hourglass: '⌛',
  hourglass_flowing_sand: '⏳', incoming_envelope: '📨', information_source: 'ℹ️', joy: '😂', large_green_circle: '🟢',
  large_yellow_circle: '🟡', lock: '🔒', mag: '🔍', memo: '📝', neutral_face: '😐', no_entry: '⛔', no_entry_sign: '🚫', ok_hand: '👌', outbox_tray: '📤',
  package: '📦', page_facing_up: '📄', pencil: '📝', pencil2: '✏️', pray: '🙏', pushpin: '📌', raised_hands: '🙌',
  red_circle: '🔴', rocket: '🚀', seedling: '🌱', slightly_frowning_face: '🙁', slightly_smiling_face: '🙂', smile: '😄',
  sparkles: '✨', speech_balloon: '💬', spiral_calendar_pad: '🗓️', star: '⭐', tada: '🎉', thinking_face: '🤔',
  trophy: '🏆', warning: '⚠️', wastebasket: '🗑️', wave: '👋', white_check_mark: '✅', white_large_square: '⬜', x: '❌', zzz: '💤',
};

export function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, code: string) => EMOJI[code] ?? whole);
}
