import type { Evidence } from '../../ai/types';
import type { ApplyOutcome, ProposedChange, ToolResult } from '../../assistant/types';
import { keyResultProgress } from '../../domain/progress';
import type { GoalDetail } from '../../services/goal.service';
import { escapeMrkdwn, truncate } from '../blocks';
import { STATUS_LABELS } from '../format';
import { formatValue, keyResultLine, progressBar, viewerContext } from '../goal/goal.format';
import { historyLine } from '../goal/history.format';
import { listOf, mention } from '../people/people.format';
import { byDueDate } from '../review/review-list.message';

/**
 * The assistant's answers as mrkdwn lines. The same lines go to the person in Slack and, for a
 * model, back as the tool's result: the model reads exactly what the person may read.
 */

const q = (text: string) => `“${escapeMrkdwn(truncate(text, 100))}”`;
const title = (detail: Pick<GoalDetail, 'goal'>) => `*${escapeMrkdwn(detail.goal.title)}*`;

function goalSummary(detail: Pick<GoalDetail, 'goal' | 'keyResults'>): string[] {
  const { goal } = detail;
  return [`${title(detail)} · ${STATUS_LABELS[goal.status]} · ${progressBar(goal.progress)}`, ...detail.keyResults.map(keyResultLine)];
}

/** Why a goal is at its percentage, from the same roll-up rules that computed it (domain/progress.ts). */
export function explainLines(detail: GoalDetail): string[] {
  const { goal, keyResults } = detail;
  const head = `${title(detail)} is at *${Math.floor(goal.progress)}%*.`;
  if (keyResults.length > 0) {
    const total = keyResults.reduce((sum, kr) => sum + kr.weight, 0);
    return [
      head,
      `It is the weighted mean of its ${keyResults.length} key result${keyResults.length === 1 ? '' : 's'}:`,
      ...keyResults.map(
        (kr) =>
          `• ${escapeMrkdwn(kr.title)}: ${formatValue(kr, kr.start)} → ${formatValue(kr, kr.target)}, now ${formatValue(kr, kr.current)} = ${Math.floor(keyResultProgress(kr))}% (weight ${kr.weight} of ${total})`,
      ),
    ];
  }
  if (goal.status === 'completed') return [head, 'It has no key results and is marked completed, so it counts as 100%.'];
  const counted = detail.children.length + detail.hiddenChildren;
  if (counted > 0) {
    const total = detail.children.reduce((sum, child) => sum + child.weight, 0);
    const hidden = detail.hiddenChildren > 0 ? [`• and ${detail.hiddenChildren} aligned goal${detail.hiddenChildren === 1 ? '' : 's'} you cannot see`] : [];
    return [
      head,
      `It has no key results, so it is the weighted mean of the ${counted} goal${counted === 1 ? '' : 's'} aligned to it (archived ones do not count):`,
      ...detail.children.map((child) => `• ${escapeMrkdwn(child.title)}: ${Math.floor(child.progress)}% (weight ${child.weight}${hidden.length === 0 ? ` of ${total}` : ''})`),
      ...hidden,
    ];
  }
  return [head, 'It has neither key results nor aligned goals, so it is the percentage its owner last reported.'];
}

function draftLines(result: Extract<ToolResult, { kind: 'draft' }>): string[] {
  if (!result.result.ok) {
    return [
      result.result.reason === 'off'
        ? 'AI drafts are turned off in this workspace, so I cannot draft a self-assessment.'
        : 'You opted out of AI drafts (in your settings), so I cannot draft a self-assessment.',
    ];
  }
  const { draft } = result.result;
  const lines = [`*Draft self-assessment* (${draft.source === 'model' ? 'drafted by AI' : 'built from your records'}; nothing is submitted, copy what helps):`];
  const cite = (ref: string): Evidence | undefined => draft.cited.get(ref);
  for (const part of draft.sections) {
    lines.push(`*${escapeMrkdwn(part.title)}*`);
    if (part.sentences.length === 0) lines.push('_Too little on record for this part yet._');
    for (const sentence of part.sentences) {
      const sources = sentence.citations.map(cite).filter((e): e is Evidence => e !== undefined);
      lines.push(`• ${escapeMrkdwn(sentence.text)}${sources.length > 0 ? ` _[${sources.map((e) => escapeMrkdwn(e.label)).join('; ')}]_` : ''}`);
    }
  }
  const { metrics, collaborators, hardest } = result.answers;
  const own = [
    ['What metrics improved?', metrics],
    ['Who did you work with?', collaborators],
    ['What was the hardest part?', hardest],
  ] as const;
  if (own.some(([, answer]) => answer)) {
    lines.push('*In your words*');
    for (const [question, answer] of own) if (answer) lines.push(`• ${question} ${escapeMrkdwn(truncate(answer, 500))} _[your answer]_`);
  } else {
    lines.push('_Think about: What metrics improved? Who did you work with? What was the hardest part?_');
  }
  return lines;
}

export function resultLines(result: ToolResult): string[] {
  switch (result.kind) {
    case 'goals': {
      const whose = result.self ? 'Your goals' : `Goals of ${mention(result.owner)}${result.scope === 'public' ? ' (public ones)' : ''}`;
      const open = result.cards.filter((c) => c.goal.status !== 'archived');
      if (open.length === 0) return [result.self ? 'You have no goals yet. Use `/goal new` to add one.' : `${whose}: none yet.`];
      return [`*${whose}*`, ...open.flatMap(goalSummary)];
    }
    case 'goal': {
      const context = viewerContext(result.viewer, result.today);
      const history = result.detail.history.slice(0, 5).map((event) => historyLine(event, context, result.detail.goalTitles));
      return [...goalSummary(result.detail), `Owner: ${mention(result.detail.owner)}`, ...(history.length > 0 ? ['*Recent history*', ...history] : [])];
    }
    case 'explain':
      return explainLines(result.detail);
    case 'waiting': {
      const lines: string[] = [];
      for (const item of byDueDate(result.reviews)) lines.push(`• Review: ${item.item.replace(/_/g, ' ')} for ${mention(item.person)} · _${escapeMrkdwn(item.cycleName)}_${item.dueOn ? `, due ${item.dueOn}` : ''}`);
      for (const ask of result.feedback) lines.push(`• Feedback about ${mention(ask.subject)}, due ${ask.request.dueOn} (use \`/feedback\` to answer)`);
      if (result.checkin && !result.checkin.current.done) lines.push('• Your check-in for this period (say `checkin`)');
      return lines.length > 0 ? ['*Waiting for you*', ...lines] : ['Nothing is waiting for you.'];
    }
    case 'checkin':
      return ['Your check-in form is one click away:'];
    case 'draft':
      return draftLines(result);
    case 'not_found':
      if (result.what === 'goals_of') return [`I can’t find goals of ${q(result.query)} that you can see.`];
      if (result.what === 'key_result') return [`I can’t find a key result matching ${q(result.query)} among the goals you can update.`];
      return [`I can’t find a goal matching ${q(result.query)} that you can see.`];
    case 'ambiguous':
      return result.options.length > 0
        ? [`${q(result.query)} matches more than one. Which one?`, ...result.options.slice(0, 8).map((o) => `• ${escapeMrkdwn(o)}`)]
        : [`${q(result.query)} matches more than one person. Mention them instead (@name).`];
    case 'invalid':
      return [escapeMrkdwn(result.message)];
    case 'proposal':
      return [`I can do this once you confirm: ${describeChange(result.change)}`];
  }
}

/** One sentence on what a proposed change does. */
export function describeChange(change: ProposedChange): string {
  switch (change.tool) {
    case 'record_progress': {
      const { goal, keyResult, value } = change;
      if (keyResult) return `set *${escapeMrkdwn(keyResult.title)}* on ${title(goal)} from ${formatValue(keyResult, keyResult.current)} to *${formatValue(keyResult, value)}*.`;
      return `set the progress of ${title(goal)} from ${Math.floor(goal.goal.progress)}% to *${value}%*.`;
    }
    case 'set_status':
      return `change the status of ${title(change.goal)} from ${STATUS_LABELS[change.goal.goal.status]} to *${STATUS_LABELS[change.status]}*${change.note ? `, noting ${q(change.note)}` : ''}.`;
    case 'request_feedback':
      return `ask ${listOf(change.peers.map(mention))} for feedback about you, due ${change.dueOn}.`;
  }
}

export function outcomeLines(outcome: ApplyOutcome): string[] {
  switch (outcome.kind) {
    case 'applied': {
      const done = `:white_check_mark: Confirmed and done: ${describeChange(outcome.change)}`;
      return outcome.detail ? [done, `${title(outcome.detail)} is now at ${progressBar(outcome.detail.goal.progress)} · ${STATUS_LABELS[outcome.detail.goal.status]}`] : [done];
    }
    case 'stale':
      return [`${title(outcome.detail)} changed since I proposed this, so I changed nothing. It now stands at:`, ...goalSummary(outcome.detail), 'Ask me again if you still want the change.'];
    case 'failed':
      return ['Nothing changed:', ...outcome.problems.map((p) => `• ${escapeMrkdwn(p)}`)];
    case 'already':
      return [outcome.status === 'applied' ? 'This was already confirmed; nothing changed again.' : 'This proposal is closed; nothing changed.'];
    case 'cancelled':
      return ['Cancelled. Nothing changed.'];
  }
}
