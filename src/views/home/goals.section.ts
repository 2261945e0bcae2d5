import type { KnownBlock } from '@slack/types';
import type { Goal } from '../../domain/goal';
import type { SharedGoal, TeamMember } from '../../services/goal.service';
import { context, divider, escapeMrkdwn, header, plain, section, truncate } from '../blocks';
import { STATUS_LABELS } from '../format';
import { goalCard } from '../goal/goal-card';
import { attentionMarks, type GoalViewContext, LEVEL_LABELS, progressBar, timeLeft } from '../goal/goal.format';
import { GoalAction } from '../ids';
import { mention } from '../people/people.format';

/** Reports shown with their goals; a manager of more reaches the rest through `/goal list @person`. */
const MAX_REPORTS_SHOWN = 20;
/** Goals listed under each report, the ones needing attention first. */
const MAX_GOALS_PER_REPORT = 6;
const MAX_SHARED_SHOWN = 8;

function reportBlock(member: TeamMember, view: GoalViewContext): KnownBlock {
  const marked = member.goals.map((goal) => ({ goal, marks: attentionMarks(goal, view) }));
  const flagged = marked.filter((g) => g.marks !== '').length;
  const ordered = [...marked.filter((g) => g.marks !== ''), ...marked.filter((g) => g.marks === '')];
  const lines = ordered
    .slice(0, MAX_GOALS_PER_REPORT)
    .map(({ goal, marks }) => `${marks ? `${marks} ` : ''}${progressBar(goal.progress)} ${escapeMrkdwn(truncate(goal.title, 80))} · ${STATUS_LABELS[goal.status]} · ${timeLeft(goal, view.today)}`);
  if (member.goals.length > MAX_GOALS_PER_REPORT) lines.push(`_and ${member.goals.length - MAX_GOALS_PER_REPORT} more_`);
  const summary = member.goals.length === 0 ? '_No goals yet._' : `${member.goals.length} goal${member.goals.length === 1 ? '' : 's'}${flagged > 0 ? ` · *${flagged} need${flagged === 1 ? 's' : ''} attention*` : ''}`;
  return {
    ...section([`${mention(member.person)} · ${summary}`, ...lines].join('\n')),
    accessory: { type: 'button', action_id: GoalAction.OpenReport, text: plain('Goals'), value: member.person.slackUserId },
  };
}

/** For managers: each direct report's goals, with at-risk and overdue goals flagged and listed first. */
export function buildTeamGoalsSection(team: readonly TeamMember[], view: GoalViewContext): KnownBlock[] {
  if (team.length === 0) return [];
  const shown = team.slice(0, MAX_REPORTS_SHOWN);
  const blocks: KnownBlock[] = [divider(), header('Team goals'), ...shown.map((member) => reportBlock(member, view))];
  const more = team.length - shown.length;
  blocks.push(
    context(
      `:warning: at risk or off track, or progress behind the calendar · :alarm_clock: overdue${more > 0 ? ` · ${more} more report${more === 1 ? '' : 's'}: \`/goal list @person\`` : ''}`,
    ),
  );
  return blocks;
}

const ownerLabel = (goal: Goal, owner: SharedGoal['owner']) => `${LEVEL_LABELS[goal.level]} goal of ${mention(owner)}`;

/** Public company and team goals, for everyone: what their own goals can align to. */
export function buildSharedGoalsSection(shared: readonly SharedGoal[], view: GoalViewContext): KnownBlock[] {
  if (shared.length === 0) return [];
  const shown = shared.slice(0, MAX_SHARED_SHOWN);
  const blocks: KnownBlock[] = [
    divider(),
    header('Company and team goals'),
    ...shown.map(({ goal, owner }) => goalCard(goal, view, { button: 'details', ownerLabel: ownerLabel(goal, owner) })),
  ];
  if (shared.length > shown.length) blocks.push(context(`…and ${shared.length - shown.length} more. Align to any of them from a goal’s *Alignment* button or \`/goal align\`.`));
  return blocks;
}
