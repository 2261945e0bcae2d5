import type { DateTime } from 'luxon';
import { FEEDBACK_TOPIC, CHECKIN_TOPIC, SPLIT_MARK } from '../ai/specs';
import type { Evidence } from '../ai/types';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { FeedbackSummary } from '../domain/feedback-summary';
import type { GoalChange, GoalEvent } from '../domain/goal-history';
import type { Person } from '../domain/person';
import { listCheckinsOf } from '../repositories/checkin.repository';
import { listGoalEventsOf } from '../repositories/goal-event.repository';
import type { AccessService } from './access.service';
import type { GoalService } from './goal.service';

/**
 * Evidence for drafts, gathered as the reader: every record passes the same access checks the
 * reader's own screens apply, so a draft can hold nothing the reader could not open themself.
 * Names, Slack ids and emails are left out: a draft needs what happened, not who.
 */

const STATUS_WORDS: Record<string, string> = {
  not_started: 'not started',
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  completed: 'completed',
  deferred: 'deferred',
  archived: 'archived',
};

/** Whole percents, as every other surface shows progress: a goal's key results make it fractional. */
const percent = (value: unknown) => (typeof value === 'number' ? `${Math.floor(value)}%` : `${String(value)}%`);

function describeChange(change: GoalChange): string | undefined {
  if (change.type === 'kr_value') return `key result “${change.title}” moved from ${change.from} to ${change.to}${change.unit ? ` ${change.unit}` : ''}`;
  if (change.type !== 'field') return undefined;
  if (change.field === 'progress') return `progress moved from ${percent(change.from)} to ${percent(change.to)}`;
  if (change.field === 'status') return `status changed from ${STATUS_WORDS[String(change.from)] ?? change.from} to ${STATUS_WORDS[String(change.to)] ?? change.to}`;
  if (change.field === 'targetDate') return `target date moved from ${change.from ?? 'none'} to ${change.to ?? 'none'}`;
  return undefined;
}

function updateText(event: GoalEvent): string | undefined {
  const changes = event.changes.map(describeChange).filter((c): c is string => c !== undefined);
  const parts = [...(changes.length > 0 ? [`${changes.join('; ')}.`] : []), ...(event.note?.trim() ? [`Note: ${event.note.trim()}`] : [])];
  return parts.length > 0 ? parts.join(' ') : undefined;
}

const day = (at: DateTime) => at.toUTC().toISODate() ?? '';

/** The subject's goals the reader may see, and their updates since `since`. */
export async function goalEvidence(deps: { db: Db; goals: GoalService }, reader: Person, subject: Person, since: DateTime): Promise<Evidence[]> {
  let cards;
  try {
    cards = (await deps.goals.listFor(reader, subject)).cards;
  } catch (error) {
    if (error instanceof AccessDeniedError) return [];
    throw error;
  }
  const live = cards.filter(({ goal }) => goal.status !== 'archived');
  const titles = new Map(live.map(({ goal }) => [goal.id, goal.title]));
  const goals: Evidence[] = live.map(({ goal, keyResults }) => ({
    ref: `goal:${goal.id}`,
    kind: 'goal',
    on: null,
    topic: goal.title,
    label: `Goal · ${goal.title}`,
    text: [
      `${STATUS_WORDS[goal.status]}, ${percent(goal.progress)} done${goal.targetDate ? `, due ${goal.targetDate}` : ''}.`,
      ...keyResults.map((kr) => `Key result “${kr.title}”: ${kr.current} of ${kr.target}${kr.unit ? ` ${kr.unit}` : ''}.`),
    ].join(' '),
    goalId: goal.id,
  }));
  const events = await listGoalEventsOf(deps.db, [...titles.keys()]);
  const updates = events.flatMap((event): Evidence[] => {
    const text = event.at >= since && event.kind !== 'created' ? updateText(event) : undefined;
    const title = titles.get(event.goalId);
    if (!text || !title) return [];
    return [{ ref: `goal_update:${event.id}`, kind: 'goal_update', on: day(event.at), topic: title, label: `Goal update · ${title} · ${day(event.at)}`, text, goalId: event.goalId }];
  });
  return [...goals, ...updates];
}

/** The subject's check-ins since `since`, if the reader may read them: wins and blockers, never mood. */
export async function checkinEvidence(deps: { db: Db; access: AccessService }, reader: Person, subject: Person, since: DateTime): Promise<Evidence[]> {
  const decision = await deps.access.decide(reader, 'checkin.view', await deps.access.subject(subject));
  if (!decision.allowed) return [];
  const from = day(since);
  return (await listCheckinsOf(deps.db, subject.id))
    .filter((c) => c.period >= from)
    .flatMap((c): Evidence[] =>
      (['wins', 'blockers'] as const).flatMap((field) => {
        const text = c[field]?.trim();
        if (!text) return [];
        const topic = CHECKIN_TOPIC[field];
        return [{ ref: `checkin:${c.periodId}:${field}`, kind: 'checkin', on: c.period, topic, label: `Check-in of ${c.period} · ${topic.toLowerCase()}`, text }];
      }),
    );
}

/**
 * A released 360 summary as evidence: its comments in a fixed order (alphabetical, which says
 * nothing about who wrote them, unlike the order they were given), and the focus areas whose
 * answers are split. Never an author, never a single answer's ratings.
 */
export function feedbackEvidence(requestId: string, summary: FeedbackSummary): Evidence[] {
  const items = (section: string, topic: string, texts: readonly string[]): Evidence[] =>
    [...texts]
      .sort((a, b) => a.localeCompare(b))
      .map((text, i) => ({ ref: `feedback:${requestId}:${section}:${i + 1}`, kind: 'feedback_item', on: null, topic, label: `360 feedback · ${topic} · excerpt ${i + 1}`, text }));
  const areas = summary.focusAreas.flatMap((area, a) => {
    const [low1 = 0, low2 = 0, , high4 = 0, high5 = 0] = area.distribution;
    const split: Evidence[] =
      low1 + low2 > 0 && high4 + high5 > 0
        ? [{ ref: `feedback:${requestId}${SPLIT_MARK}${a + 1}`, kind: 'feedback_item', on: null, topic: area.label, label: `360 feedback · ${area.label} · answers split`, text: `Answers about “${area.label}” are split: some sit at each end of the scale.` }]
        : [];
    return [...split, ...items(`area${a + 1}`, area.label, area.comments)];
  });
  return [...items('strengths', FEEDBACK_TOPIC.strengths, summary.strengths), ...items('suggestions', FEEDBACK_TOPIC.suggestions, summary.suggestions), ...areas];
}
