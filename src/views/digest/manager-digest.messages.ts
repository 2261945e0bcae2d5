import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { displayName } from '../../domain/person';
import type { DigestContent } from '../../services/manager-digest.service';
import { context, divider, escapeMrkdwn, header, LIMITS, plain, section } from '../blocks';
import { formatPeriod } from '../checkin/checkin.format';
import { STATUS_LABELS } from '../format';
import { staleReasonLines } from '../goal/stale-goal.messages';
import type { SlackMessage } from '../message';
import { DigestAction } from '../ids';

/**
 * Caps that keep the DM well under Slack's 50 blocks for any team size: names are lines of one
 * section each (the section's 3,000 characters truncate a very long list), blockers one section
 * per person up to a cap, and check-in buttons five to an actions block up to a cap.
 */
export const DIGEST_CAPS = { names: 25, blockers: 8, goals: 10, buttons: 15, buttonsPerBlock: 5 } as const;

/** The value of an "open check-in" button: whose, and which of their periods. */
export const checkinButtonValue = (personId: string, period: string) => JSON.stringify({ personId, period });

const more = (shown: number, total: number) => (total > shown ? [`…and ${total - shown} more.`] : []);

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, DIGEST_CAPS.names).map(escapeMrkdwn);
  return [shown.join(', '), ...more(shown.length, names.length)].join(' ');
}

function buttonBlocks(content: DigestContent): KnownBlock[] {
  const buttons: Button[] = content.summary.checkedIn.slice(0, DIGEST_CAPS.buttons).flatMap((report, index) => {
    const period = content.checkinPeriods.get(report.personId);
    return period
      ? [{ type: 'button', action_id: `${DigestAction.OpenCheckinPrefix}${index}`, text: plain(`${report.name}'s check-in`.slice(0, 75)), value: checkinButtonValue(report.personId, period) }]
      : [];
  });
  const blocks: ActionsBlock[] = [];
  for (let start = 0; start < buttons.length; start += DIGEST_CAPS.buttonsPerBlock) {
    blocks.push({ type: 'actions', block_id: `digest_checkins_${start}`, elements: buttons.slice(start, start + DIGEST_CAPS.buttonsPerBlock) });
  }
  const hidden = content.summary.checkedIn.length - buttons.length;
  return hidden > 0 ? [...blocks, context(`${hidden} more check-ins: open them from their goals on the Cadence Home tab.`)] : blocks;
}

/** At-risk, overdue and stale goals, one line each: a goal that is several of these is listed once. */
function goalLines(content: DigestContent): string[] {
  const flags = new Map<string, { title: string; owner: string; why: string[] }>();
  const entry = (goal: { id: string; title: string }, owner: string) => {
    const found = flags.get(goal.id) ?? { title: goal.title, owner, why: [] };
    flags.set(goal.id, found);
    return found;
  };
  for (const { goal, owner, overdue } of content.goalsAtRisk) {
    const line = entry(goal, displayName(owner));
    if (goal.status === 'at_risk' || goal.status === 'off_track') line.why.push(STATUS_LABELS[goal.status]);
    if (overdue) line.why.push('Overdue');
  }
  for (const { goal, owner, reason } of content.staleGoals) {
    const line = entry(goal, displayName(owner));
    line.why.push(...staleReasonLines(reason, { zone: owner.timezone }).filter((why) => !why.startsWith('The target date') || !line.why.includes('Overdue')));
  }
  return [...flags.values()].map((g) => `• ${escapeMrkdwn(g.title)}, ${escapeMrkdwn(g.owner)}: ${g.why.join(' ')}`);
}

/** The weekly DM to a manager. All user-typed text is escaped, and attributed to its author. */
export function buildManagerDigestMessage(content: DigestContent): SlackMessage {
  const { summary } = content;
  const total = summary.checkedIn.length + summary.missing.length;
  const text = `Your team's week up to ${formatPeriod(content.period)}: ${summary.checkedIn.length} of ${total} checked in.`;
  const blocks: KnownBlock[] = [
    header('Your team this week'),
    context(`${escapeMrkdwn(text)} Sent once everyone's check-in window for the week had closed (the end of their next working day), so every check-in that counts for it is here.`),
  ];

  blocks.push(section(`*Checked in (${summary.checkedIn.length})*\n${summary.checkedIn.length ? nameList(summary.checkedIn.map((r) => r.name)) : 'No one yet.'}`));
  if (summary.missing.length) blocks.push(section(`*Not checked in (${summary.missing.length})*\n${nameList(summary.missing.map((r) => r.name))}`));

  if (summary.blockers.length) {
    blocks.push(divider(), section(`*Blockers raised (${summary.blockers.length})*`));
    for (const blocker of summary.blockers.slice(0, DIGEST_CAPS.blockers)) {
      blocks.push(section(`*${escapeMrkdwn(blocker.name)}:* ${escapeMrkdwn(blocker.text)}`));
    }
    blocks.push(...more(DIGEST_CAPS.blockers, summary.blockers.length).map((line) => context(line)));
  }

  const goals = goalLines(content);
  if (goals.length) {
    const lines = goals.slice(0, DIGEST_CAPS.goals);
    blocks.push(divider(), section([`*Goals needing attention (${goals.length})*`, ...lines, ...more(lines.length, goals.length)].join('\n')));
  }

  const moods: string[] = [];
  if (summary.teamMood) moods.push(`Team mood: *${summary.teamMood.average.toFixed(1)}* / 5 from ${summary.teamMood.count} check-ins.`);
  if (summary.sharedMoods.length) {
    const shown = summary.sharedMoods.slice(0, DIGEST_CAPS.names).map((m) => `${escapeMrkdwn(m.name)} ${m.mood}/5`);
    moods.push(`Shared with you: ${[shown.join(', '), ...more(shown.length, summary.sharedMoods.length)].join(' ')}`);
  }
  if (moods.length) blocks.push(divider(), section(moods.join('\n')));

  blocks.push(...buttonBlocks(content));
  return { text, blocks: blocks.slice(0, LIMITS.messageBlocks) };
}
