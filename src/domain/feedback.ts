import { DateTime } from 'luxon';

/**
 * 360 feedback: someone (the subject, or their manager) asks peers about the subject; peers answer
 * anonymously; a summary is released once enough answered that no answer can be told apart.
 *
 * Participation (who was asked, whether they responded) and content (what was written) are
 * separate types, stored in separate tables, and no type here carries both: `FeedbackAnswer` has
 * no author and no time.
 */

export const FEEDBACK_LIMITS = {
  peersMin: 2,
  peersMax: 6,
  /** Everyone ever invited to one request, swaps included. */
  invitationsMax: 10,
  focusAreasMin: 1,
  focusAreasMax: 5,
  focusAreaLabelMax: 60,
  workspaceFocusAreasMax: 12,
  customQuestionMax: 200,
  noteMax: 500,
  commentMax: 1000,
  longAnswerMax: 1500,
  declineReasonMax: 300,
  dueMinDays: 3,
  dueDefaultDays: 7,
  dueMaxDays: 60,
  followUpAfterDays: 5,
} as const;

export type FeedbackRequestStatus = 'open' | 'released' | 'closed';

export interface FeedbackRequest {
  id: string;
  workspaceId: string;
  subjectId: string;
  requesterId: string;
  focusAreas: string[];
  customQuestion: string | null;
  note: string | null;
  /** The calendar day the requester picked, in their timezone. */
  dueOn: string;
  /** When that day ends: answers are accepted until then. */
  dueAt: DateTime;
  status: FeedbackRequestStatus;
  createdAt: DateTime;
  settledAt: DateTime | null;
  /** How many answers the summary needs: promised to the peers when asked, never lowered after. */
  threshold: number;
}

export type InvitationStatus = 'pending' | 'answered' | 'declined';

/** That someone was asked, and whether they responded. Never what they wrote. */
export interface FeedbackInvitation {
  id: string;
  requestId: string;
  peerId: string;
  status: InvitationStatus;
  declineReason: string | null;
  invitedAt: DateTime;
}

/** How many were asked and where they stand; the requester sees counts, never names. */
export interface Participation {
  invited: number;
  answered: number;
  declined: number;
  pending: number;
}

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** What one peer wrote, with no author and no time: one rating and comment per focus area, in order. */
export interface FeedbackAnswer {
  /** null: "N/A", the peer cannot say. */
  ratings: Array<Rating | null>;
  comments: Array<string | null>;
  customAnswer: string | null;
  strengths: string | null;
  suggestions: string | null;
}

export function isRating(value: number | null): value is Rating {
  return value !== null && (RATINGS as readonly number[]).includes(value);
}

export function countParticipation(invitations: ReadonlyArray<Pick<FeedbackInvitation, 'status'>>): Participation {
  const count = (status: InvitationStatus) => invitations.filter((i) => i.status === status).length;
  return { invited: invitations.length, answered: count('answered'), declined: count('declined'), pending: count('pending') };
}

/**
 * How many more people the requester may still ask: one in place of each who has not answered or
 * declined, within the cap on everyone ever asked; none once the request is settled.
 */
export function roomToAskMore(request: Pick<FeedbackRequest, 'status'>, participation: Participation): number {
  if (request.status !== 'open') return 0;
  return Math.max(0, Math.min(participation.pending + participation.declined, FEEDBACK_LIMITS.invitationsMax - participation.invited));
}

/**
 * What to do with an open request now. It is released only when at least `threshold` answered and
 * nobody can still add an answer (everyone responded, or the due time passed): a summary that
 * changed after release would let its reader tell the late answer apart from the others.
 */
export function settlement(input: { answered: number; pending: number; threshold: number; dueAt: DateTime; now: DateTime }): 'release' | 'close' | 'wait' {
  const enough = input.answered >= input.threshold;
  if (input.now >= input.dueAt) return enough ? 'release' : 'close';
  return enough && input.pending === 0 ? 'release' : 'wait';
}

/** Why a summary cannot be read (yet). */
export type Withheld =
  /** Still open: how many answered is not told, or its changes would say who answered when. */
  | { reason: 'open'; needed: number }
  /** The due time passed with too few answers: there will be no summary. */
  | { reason: 'closed'; answered: number; needed: number };

export function withheld(request: Pick<FeedbackRequest, 'status'>, answered: number, threshold: number): Withheld | undefined {
  if (request.status === 'released' && answered >= threshold) return undefined;
  if (request.status === 'closed' || request.status === 'released') return { reason: 'closed', answered, needed: threshold };
  return { reason: 'open', needed: threshold };
}

/** The instant a due day ends where the requester lives. */
export function dueInstant(dueOn: string, zone: string): DateTime {
  return DateTime.fromISO(dueOn, { zone }).plus({ days: 1 }).startOf('day').toUTC();
}

/** Whether answers may still be added or changed. */
export function acceptsAnswers(request: Pick<FeedbackRequest, 'status' | 'dueAt'>, now: DateTime): boolean {
  return request.status === 'open' && now < request.dueAt;
}

/** Each message a request owes someone, and the close of the request itself. */
export const FEEDBACK_STEP_KINDS = [
  'invite',
  'follow_up',
  'last_reminder',
  'requester_status',
  'self_prompt',
  'decline_notice',
  'close',
  'released_notice',
  'closed_notice',
] as const;
export type FeedbackStepKind = (typeof FEEDBACK_STEP_KINDS)[number];
export type FeedbackStepState = 'scheduled' | 'done' | 'skipped' | 'cancelled';

/** A row saying what must happen and when; a delayed job only carries it out. */
export interface FeedbackStep {
  id: string;
  requestId: string;
  /** Set for the messages to one peer (and the notice of their decline). */
  invitationId: string | null;
  /** Whom the message goes to; null for the close of the request. */
  recipientId: string | null;
  kind: FeedbackStepKind;
  dueAt: DateTime;
  state: FeedbackStepState;
}

/** The delivery-ledger key of a step's message: one step, at most one DM, however often its job runs. */
export const feedbackStepDedupeKey = (stepId: string) => `feedback-step-${stepId}`;
