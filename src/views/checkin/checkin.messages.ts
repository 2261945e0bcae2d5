import { escapeMrkdwn, section } from '../blocks';
import type { SlackMessage } from '../message';

const CHECKIN_USAGE = [
  '`/checkin` opens your check-in for this week: wins, blockers, how confident you are, and your mood if you like.',
  '`/checkin help` shows this.',
  'Cadence asks you at your own local time (Fridays at 15:00 unless you or your workspace chose otherwise). Change when, or pause, under Settings on the Cadence Home tab.',
].join('\n');

/** `/checkin help`, and the answer to any subcommand it does not know. */
export function buildCheckinHelpMessage(unknownSubcommand?: string): SlackMessage {
  const intro = unknownSubcommand
    ? `I don't know \`/checkin ${escapeMrkdwn(unknownSubcommand)}\`. Here is what I can do:`
    : 'Check-ins take two minutes and keep your manager up to date. Here is what I can do:';
  return { text: intro, blocks: [section(intro), section(CHECKIN_USAGE)] };
}
