import type { KnownBlock, ModalView } from '@slack/types';
import { displayName } from '../../domain/person';
import type { ReviewEvidence } from '../../services/review-evidence';
import { context, divider, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { FeedbackAction, GoalAction } from '../ids';

const SHOWN = { goals: 8, updates: 3, checkins: 8, notes: 5, summaries: 4 } as const;

const more = (total: number, shown: number, what: string): KnownBlock[] => (total > shown ? [context(`${total - shown} more ${what} in the period.`)] : []);

/**
 * The evidence for a review, listed beside the form (pushed over it, so the draft stays as typed):
 * each goal, 360 summary opens with a button; nothing is copied into the answers.
 */
export function buildEvidenceModal(evidence: ReviewEvidence, reader: { id: string }): ModalView {
  const whose = evidence.person.id === reader.id ? 'your' : `${escapeMrkdwn(displayName(evidence.person))}’s`;
  const blocks: KnownBlock[] = [context(`Evidence for ${whose} review, since ${evidence.since}. Open what you need; nothing here is put into the answers.`)];

  blocks.push(section('*Goals*'));
  if (evidence.goals.length === 0) blocks.push(context('No goals.'));
  for (const goal of evidence.goals.slice(0, SHOWN.goals)) {
    blocks.push({
      ...section(truncate(`*${escapeMrkdwn(goal.title)}*\n${escapeMrkdwn(goal.standing)}`, 2900)),
      accessory: { type: 'button', action_id: GoalAction.OpenDetails, text: plain('View'), value: goal.goalId },
    });
    const updates = goal.updates.slice(0, SHOWN.updates).map((u) => `${u.on}: ${escapeMrkdwn(u.text)}`);
    if (updates.length > 0) blocks.push(context(truncate(updates.join('\n'), 2900)));
  }
  blocks.push(...more(evidence.goals.length, SHOWN.goals, 'goals'), divider(), section('*Check-ins*'));
  if (evidence.checkins.length === 0) blocks.push(context('No check-ins in the period.'));
  for (const c of evidence.checkins.slice(0, SHOWN.checkins)) {
    const lines = [`*Week of ${c.period}* · confidence ${c.confidence}/10`, ...(c.wins ? [`Wins: ${escapeMrkdwn(c.wins)}`] : []), ...(c.blockers ? [`Blockers: ${escapeMrkdwn(c.blockers)}`] : [])];
    blocks.push(section(truncate(lines.join('\n'), 2900)));
  }
  blocks.push(...more(evidence.checkins.length, SHOWN.checkins, 'check-ins'), divider(), section('*Feedback shared with the manager*'));
  if (evidence.notes.length === 0) blocks.push(context('None in the period.'));
  for (const n of evidence.notes.slice(0, SHOWN.notes)) blocks.push(section(truncate(`${n.on}, from ${escapeMrkdwn(displayName(n.author))}: ${escapeMrkdwn(n.body)}`, 2900)));
  blocks.push(...more(evidence.notes.length, SHOWN.notes, 'notes'), divider(), section('*360 feedback*'));
  if (evidence.summaries.length === 0) blocks.push(context('No released summary in the period.'));
  for (const s of evidence.summaries.slice(0, SHOWN.summaries)) {
    blocks.push({
      ...section(truncate(`Due ${s.on} · ${s.focusAreas.map(escapeMrkdwn).join(', ')}`, 2900)),
      accessory: { type: 'button', action_id: FeedbackAction.ViewSummary, text: plain('View summary'), value: s.requestId },
    });
  }
  return { type: 'modal', title: plain('Evidence'), close: plain('Back'), blocks: blocks.slice(0, 100) };
}
