import { DateTime } from 'luxon';
import { FEEDBACK_LIMITS } from './feedback';
import type { FieldErrors, Validated } from './goal';
import { displayName, type Person } from './person';

/** The request form as filled in, with the picked people already looked up (duplicates kept). */
export interface FeedbackRequestInput {
  peers: readonly Person[];
  focusAreas: readonly string[];
  customQuestion: string | null;
  dueOn: string | null;
  note: string | null;
}

export interface ValidFeedbackRequest {
  peers: Person[];
  focusAreas: string[];
  customQuestion: string | null;
  dueOn: string;
  note: string | null;
}

export type FeedbackRequestField = 'subject' | 'peers' | 'focusAreas' | 'customQuestion' | 'dueOn' | 'note';

export interface PeerRules {
  requester: Person;
  subject: Person;
  /** People this request already asked (when more are added later). */
  alreadyAsked: ReadonlySet<string>;
  /** Who will read the summary: none of them can answer anonymously, so none can be asked. */
  readers: ReadonlySet<string>;
  /** The last day someone's nudges are paused, in their own calendar, or null. */
  awayUntil: (person: Person) => string | null;
  /** The due day the peers must answer by. */
  dueOn: string | null;
}

const { dueMinDays, dueDefaultDays, dueMaxDays } = FEEDBACK_LIMITS;

/** The due days the form offers and accepts, from the requester's today. */
export function dueDays(today: string): { earliest: string; suggested: string; latest: string } {
  const start = DateTime.fromISO(today, { zone: 'utc' });
  const day = (days: number) => start.plus({ days }).toISODate() ?? today;
  return { earliest: day(dueMinDays), suggested: day(dueDefaultDays), latest: day(dueMaxDays) };
}

export function checkDueOn(dueOn: string | null, today: string): string | undefined {
  const value = dueOn?.trim();
  if (!value) return 'Pick a due date.';
  const date = DateTime.fromISO(value, { zone: 'utc' });
  if (!date.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Pick a valid date.';
  const { earliest, latest } = dueDays(today);
  if (value < earliest) return `Pick a date at least ${dueMinDays} days away (${earliest} or later), so people have time to answer.`;
  if (value > latest) return `Pick a date within ${dueMaxDays} days (by ${latest}).`;
  return undefined;
}

/** Why each picked person cannot be asked, in the order picked; empty when all can. */
export function peerProblems(peers: readonly Person[], rules: PeerRules): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const aboutSelf = rules.subject.id === rules.requester.id;
  for (const peer of peers) {
    const name = displayName(peer);
    if (seen.has(peer.id)) {
      problems.push(`${name} is listed twice.`);
      continue;
    }
    seen.add(peer.id);
    if (peer.id === rules.requester.id) {
      problems.push(
        aboutSelf
          ? 'Leave yourself out: ask others for feedback about you.'
          : 'Leave yourself out: you will read the summary, so your own answer could not stay anonymous.',
      );
    } else if (peer.id === rules.subject.id) {
      problems.push(`Leave ${name} out: the feedback is about them.`);
    } else if (rules.readers.has(peer.id)) {
      problems.push(`Leave ${name} out: they will read the summary, so their own answer could not stay anonymous.`);
    } else if (peer.isBot) {
      problems.push(`${name} is a bot, not a person.`);
    } else if (peer.deactivated || peer.erased) {
      problems.push(`${name} is deactivated in Slack.`);
    } else if (rules.alreadyAsked.has(peer.id)) {
      problems.push(`${name} was asked already.`);
    } else {
      const away = rules.awayUntil(peer);
      if (away && rules.dueOn && away >= rules.dueOn) problems.push(`${name} is away until ${away}, past the due date. Pick someone else or a later date.`);
    }
  }
  return problems;
}

function checkLength(value: string | null, max: number, what: string): string | undefined {
  if (value && value.length > max) return `Keep the ${what} to ${max} characters or fewer (this one has ${value.length}).`;
  return undefined;
}

/** `today` is the requester's own calendar day; the due day is measured from it. */
export function validateFeedbackRequest(
  input: FeedbackRequestInput,
  context: Omit<PeerRules, 'alreadyAsked' | 'dueOn'> & {
    workspaceFocusAreas: readonly string[];
    today: string;
    /** Summaries about the same subject shared lately, to refuse a group that differs by a few. */
    earlier: readonly EarlierSummary[];
    threshold: number;
  },
): Validated<ValidFeedbackRequest, FeedbackRequestField> {
  const errors: FieldErrors<FeedbackRequestField> = {};
  const dueOn = input.dueOn?.trim() || null;
  const dueProblem = checkDueOn(dueOn, context.today);
  if (dueProblem) errors.dueOn = dueProblem;

  const problems = peerProblems(input.peers, { ...context, alreadyAsked: new Set(), dueOn: dueProblem ? null : dueOn });
  if (problems.length === 0) {
    const repeated = repeatProblem(context.earlier, input.peers, context.threshold, context.today);
    if (repeated) problems.push(repeated);
  }
  const distinct = new Set(input.peers.map((peer) => peer.id)).size;
  const { peersMin, peersMax } = FEEDBACK_LIMITS;
  if (distinct < peersMin) problems.push(`Pick at least ${peersMin} people (you picked ${distinct}).`);
  else if (distinct > peersMax) problems.push(`Pick at most ${peersMax} people (you picked ${distinct}).`);
  if (problems.length > 0) errors.peers = problems.join(' ');

  const focusAreas = [...new Set(input.focusAreas)];
  const { focusAreasMin, focusAreasMax } = FEEDBACK_LIMITS;
  if (focusAreas.some((area) => !context.workspaceFocusAreas.includes(area))) errors.focusAreas = 'Choose from the listed focus areas.';
  else if (focusAreas.length < focusAreasMin) errors.focusAreas = 'Choose at least one focus area.';
  else if (focusAreas.length > focusAreasMax) errors.focusAreas = `Choose at most ${focusAreasMax} focus areas.`;

  const customQuestion = input.customQuestion?.trim() || null;
  const questionProblem = checkLength(customQuestion, FEEDBACK_LIMITS.customQuestionMax, 'question');
  if (questionProblem) errors.customQuestion = questionProblem;
  const note = input.note?.trim() || null;
  const noteProblem = checkLength(note, FEEDBACK_LIMITS.noteMax, 'note');
  if (noteProblem) errors.note = noteProblem;

  if (Object.keys(errors).length > 0 || !dueOn) return { ok: false, errors };
  return { ok: true, value: { peers: [...input.peers], focusAreas, customQuestion, dueOn, note } };
}

/**
 * More people for an open request, in place of those who have not answered or declined. `room` is
 * how many may still be added. The due day is not theirs to pick here: see `extendedDueOn`.
 */
export function validateMorePeers(peers: readonly Person[], rules: PeerRules & { room: number }): Validated<Person[], 'peers'> {
  const problems = peerProblems(peers, rules);
  const distinct = new Set(peers.map((peer) => peer.id)).size;
  if (distinct === 0) problems.push('Pick at least one person.');
  else if (distinct > rules.room) problems.push(`Pick at most ${rules.room} (you picked ${distinct}).`);
  return problems.length > 0 ? { ok: false, errors: { peers: problems.join(' ') } } : { ok: true, value: [...peers] };
}

/** A later due day when people added now would get less than the minimum time, else undefined. */
export function extendedDueOn(dueOn: string, today: string): string | undefined {
  const { earliest } = dueDays(today);
  return dueOn < earliest ? earliest : undefined;
}

/** How often a summary about one person can be had, and how long groups are compared. */
export const FEEDBACK_REPEAT = { coolDownDays: 30, compareDays: 180 } as const;

/** A summary shared about the same subject: the requester's day it was shared, and everyone asked. */
export interface EarlierSummary {
  sharedOn: string;
  askedIds: readonly string[];
}

/**
 * Two summaries about one person from groups that differ by a person or two let a reader subtract
 * one from the other and read those people's answers (differencing). So: no new request within
 * the cool-down after a summary was shared; and within the comparison window, a group that shares
 * anyone with an earlier one must bring at least `threshold` people who were not in it. Everyone
 * asked counts, not only who answered, so the refusal itself says nothing about who answered.
 */
export function repeatProblem(earlier: readonly EarlierSummary[], peers: readonly Person[], threshold: number, today: string): string | undefined {
  const day = DateTime.fromISO(today, { zone: 'utc' });
  for (const summary of earlier) {
    const shared = DateTime.fromISO(summary.sharedOn, { zone: 'utc' });
    const ageDays = day.diff(shared, 'days').days;
    if (ageDays < FEEDBACK_REPEAT.coolDownDays) {
      const again = shared.plus({ days: FEEDBACK_REPEAT.coolDownDays }).toISODate();
      return `A feedback summary about this person was shared on ${summary.sharedOn}. To keep answers anonymous, a new request can start from ${again}.`;
    }
    if (ageDays >= FEEDBACK_REPEAT.compareDays) continue;
    const asked = new Set(summary.askedIds);
    const overlap = peers.filter((p) => asked.has(p.id)).length;
    const fresh = peers.length - overlap;
    if (overlap > 0 && fresh < threshold) {
      return `${overlap === 1 ? '1 of these people was' : `${overlap} of these people were`} asked for the summary shared on ${summary.sharedOn}. Ask at least ${threshold} people who were not, or leave them out: two summaries from nearly the same group would let a reader work out single answers.`;
    }
  }
  return undefined;
}
