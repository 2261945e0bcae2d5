import type { DateTime } from 'luxon';
import { NOT_APPLICABLE } from '../../domain/feedback-answer-rules';
import { type FeedbackRequest, type Participation, RATINGS, type Rating, type Withheld } from '../../domain/feedback';
import type { Person } from '../../domain/person';
import { escapeMrkdwn } from '../blocks';
import { formatDueDate } from '../format';
import { option } from '../inputs';
import { listOf, mention } from '../people/people.format';

export const RATING_WORDS: Record<Rating, string> = {
  5: 'Excellent',
  4: 'Strong',
  3: 'Solid',
  2: 'Needs some work',
  1: 'Needs a lot of work',
};

/** 5 first: people read a scale from the top. N/A last, and never a default. */
export const ratingOptions = () => [
  ...[...RATINGS].reverse().map((r) => option(`${r} · ${RATING_WORDS[r]}`, String(r))),
  option('N/A · I can’t say', NOT_APPLICABLE),
];

/** The last minute answers are accepted, in the reader's own zone: "Thu 27 Nov 2026 (in 6 days), 23:59 your time". */
export function answerBy(dueAt: DateTime, zone: string, now: DateTime): string {
  const last = dueAt.minus({ minutes: 1 }).setZone(zone);
  const today = now.setZone(zone).toISODate() ?? '';
  return `${formatDueDate(last.toISODate() ?? '', today)}, ${last.toFormat('HH:mm')} your time`;
}

/** "you", or the subject's mention, as a reader who may be the subject sees it. */
export const about = (subject: Person, reader: Person) => (subject.id === reader.id ? 'you' : mention(subject));

/** Who asked, as the peer reads it: "Alice asked for your feedback" or "Bob asked for your feedback about Alice". */
export function whoAsked(request: Pick<FeedbackRequest, 'subjectId' | 'requesterId'>, subject: Person, requester: Person): string {
  return request.subjectId === request.requesterId
    ? `${mention(requester)} asked for your feedback`
    : `${mention(requester)} asked for your feedback about ${mention(subject)}`;
}

export function focusAreaList(request: Pick<FeedbackRequest, 'focusAreas'>): string {
  return listOf(request.focusAreas.map((area) => `*${escapeMrkdwn(area)}*`));
}

/** Who reads an answer, and how: said before anyone writes one. */
export function answerAudience(subject: Person, otherReaders: readonly Person[], threshold: number): string {
  const readers = listOf([subject, ...otherReaders].map(mention));
  return (
    `:lock: *Who sees your answer:* ${readers}, only inside an anonymous summary, and only once at least ${threshold} people have answered ` +
    '(this request keeps that number whatever happens to the settings): ratings as averages and counts, comments without names and in a random order. ' +
    'Nobody, not their manager, not HR admins and not whoever runs Cadence, can see which answer is yours: Cadence records that you answered apart from what you wrote, ' +
    'and keeps no way back from you to your answer. Avoid details that would give you away.'
  );
}

/**
 * "2 of 4 answered · 1 declined · 1 not yet" once a request is settled. While it is open only who
 * was asked and who declined are told: live answer counts would narrate who answered when.
 */
export function participationLine(participation: Participation, answered: number, open: boolean): string {
  if (open) {
    const parts = [`${participation.invited} asked`];
    if (participation.declined > 0) parts.push(`${participation.declined} declined`);
    parts.push('answers are counted when the request closes');
    return parts.join(' · ');
  }
  const parts = [`${answered} of ${participation.invited} answered`];
  if (participation.declined > 0) parts.push(`${participation.declined} declined`);
  if (participation.pending > 0) parts.push(`${participation.pending} not yet`);
  return parts.join(' · ');
}

/** The requester's words when a summary cannot be read. */
export function withheldText(reason: Withheld, dueAt: DateTime, zone: string, now: DateTime): string {
  switch (reason.reason) {
    case 'open':
      return `The summary is shared once at least ${reason.needed} people have answered and nobody else can add an answer: when everyone asked has responded, or after ${answerBy(dueAt, zone, now)}. Until then Cadence does not say how many have answered, so nobody can tell who answered when.`;
    case 'closed':
      return `Not enough responses to keep answers anonymous: only ${reason.answered} of the ${reason.needed} needed answered, so there is no summary and their answers were deleted.`;
  }
}

/** "1 person", "3 people" */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
