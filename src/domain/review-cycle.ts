import { DateTime } from 'luxon';
import { type FieldErrors, GOAL_LIMITS, type Validated } from './goal';

/**
 * Review cycles: a template version, participants and dated phases. Pure rules about the dates
 * and about what is waiting for whom; the services load the facts and store the outcome.
 */

/**
 * The phases in the order they run; calibration is HR's and optional. Peer feedback's date is the
 * due date of each participant's 360 request, so the peers' reminders are keyed on it.
 */
export const REVIEW_PHASES = ['self_assessment', 'peer_feedback', 'manager_review', 'calibration', 'conversation', 'sign_off'] as const;
export type ReviewPhase = (typeof REVIEW_PHASES)[number];
export const OPTIONAL_PHASES: readonly ReviewPhase[] = ['calibration'];

export const PHASE_NAMES: Record<ReviewPhase, string> = {
  self_assessment: 'Self-assessment',
  peer_feedback: 'Peer feedback',
  manager_review: 'Manager review',
  calibration: 'Calibration',
  conversation: 'Review conversation',
  sign_off: 'Sign-off',
};

export type CycleStatus = 'draft' | 'active' | 'closed';

/** Each phase's due day ('YYYY-MM-DD', on each person's own calendar); absent optional phases are skipped. */
export type PhaseDates = Partial<Record<ReviewPhase, string>>;

export interface CycleDraft {
  name: string;
  templateVersionId: string | null;
  /** How many questions the chosen template version asks (0: an empty template). */
  questionCount: number;
  participantIds: readonly string[];
  phases: PhaseDates;
}

export type CycleField = 'name' | 'template' | 'participants' | `phase_${ReviewPhase}`;

const isDay = (value: string | undefined): value is string => value !== undefined && DateTime.fromISO(value).isValid && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * Phase dates in order: each required one present, none in the past (`today` on the admin's
 * calendar), none before the phase ahead of it. One error per phase, naming the phase it clashes with.
 */
export function phaseDateErrors(phases: PhaseDates, today: string): FieldErrors<CycleField> {
  const errors: FieldErrors<CycleField> = {};
  let previous: { phase: ReviewPhase; day: string } | undefined;
  for (const phase of REVIEW_PHASES) {
    const day = phases[phase];
    if (day === undefined || day === '') {
      if (!OPTIONAL_PHASES.includes(phase)) errors[`phase_${phase}`] = `Set when the ${PHASE_NAMES[phase].toLowerCase()} is due.`;
      continue;
    }
    if (!isDay(day)) errors[`phase_${phase}`] = 'Pick a date.';
    else if (day < today) errors[`phase_${phase}`] = 'That date is in the past: pick today or later.';
    else if (previous && day < previous.day) errors[`phase_${phase}`] = `This is due before the ${PHASE_NAMES[previous.phase].toLowerCase()} (${previous.day}): pick ${previous.day} or later.`;
    if (isDay(day)) previous = { phase, day };
  }
  return errors;
}

export const CYCLE_LIMITS = { nameMax: 120 } as const;

/** Peers nominated for a review's 360 feedback, and how many of the workspace's focus areas they are asked about. */
export const PEER_LIMITS = { min: 2, max: 6, focusAreasMax: 5 } as const;

/** The conversation's summary and the sign-off comment; a next step fits a goal's title, since it can become one. */
export const SUMMARY_LIMITS = { agreedWords: 500, nextStepsMax: 5, nextStepMax: GOAL_LIMITS.titleMax, commentMax: 2000 } as const;

export function validateCycle(draft: CycleDraft, today: string): Validated<CycleDraft, CycleField> {
  const errors: FieldErrors<CycleField> = { ...phaseDateErrors(draft.phases, today) };
  const name = draft.name.trim();
  if (!name) errors.name = 'Name the cycle.';
  else if (name.length > CYCLE_LIMITS.nameMax) errors.name = `Keep the name to ${CYCLE_LIMITS.nameMax} characters.`;
  if (!draft.templateVersionId) errors.template = 'Pick a template.';
  else if (draft.questionCount === 0) errors.template = 'That template has no questions: add some before using it.';
  if (draft.participantIds.length === 0) errors.participants = 'Add at least one participant.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { ...draft, name } };
}

/** Extending a phase: later than it was, and still in order with the phases around it. */
export function validateExtension(phases: PhaseDates, phase: ReviewPhase, newDay: string, today: string): Validated<PhaseDates, CycleField> {
  const field = `phase_${phase}` as const;
  const current = phases[phase];
  if (current === undefined) return { ok: false, errors: { [field]: 'This cycle has no such phase.' } };
  if (isDay(newDay) && newDay <= current) return { ok: false, errors: { [field]: `Extending moves the date later than ${current}.` } };
  const next = { ...phases, [phase]: newDay };
  const errors = phaseDateErrors(next, today);
  // Only the moved phase and those after it can clash; earlier phases already passed or stay as they
  // were. A phase the cycle was created without (before peer feedback was dated) is not asked for.
  const relevant = Object.fromEntries(
    Object.entries(errors).filter(([key]) => {
      const other = key.slice(6) as ReviewPhase;
      return REVIEW_PHASES.indexOf(other) >= REVIEW_PHASES.indexOf(phase) && (other === phase || phases[other] !== undefined);
    }),
  );
  return Object.keys(relevant).length > 0 ? { ok: false, errors: relevant } : { ok: true, value: next };
}

/** What one participant's review needs, and who does it. */
export const REVIEW_ITEMS = ['self_assessment', 'manager_review', 'conversation', 'employee_sign_off', 'manager_sign_off'] as const;
export type ReviewItem = (typeof REVIEW_ITEMS)[number];

/** The phase an item belongs to, whose due date it has. */
export const ITEM_PHASE: Record<ReviewItem, ReviewPhase> = {
  self_assessment: 'self_assessment',
  manager_review: 'manager_review',
  conversation: 'conversation',
  employee_sign_off: 'sign_off',
  manager_sign_off: 'sign_off',
};

/** Who does an item: the participant, or whoever is their manager now. */
export const ITEM_OWNER: Record<ReviewItem, 'employee' | 'manager'> = {
  self_assessment: 'employee',
  manager_review: 'manager',
  conversation: 'manager',
  employee_sign_off: 'employee',
  manager_sign_off: 'manager',
};

/** The facts of one participant's review that say which items are done. */
export interface ParticipantProgress {
  selfSubmitted: boolean;
  managerSubmitted: boolean;
  /** The manager shared the conversation's summary. */
  shared: boolean;
  employeeSignedOff: boolean;
  managerSignedOff: boolean;
  /** The person was deactivated: their items are closed, not late. */
  dropped: boolean;
}

export type ItemState = 'done' | 'pending' | 'waiting' | 'closed';

/**
 * Where an item stands: done, pending (someone can act on it now), waiting (on an earlier item:
 * sign-off waits for the shared summary) or closed (the cycle closed, or the person dropped out).
 */
export function itemState(item: ReviewItem, progress: ParticipantProgress, open: boolean): ItemState {
  const done: Record<ReviewItem, boolean> = {
    self_assessment: progress.selfSubmitted,
    manager_review: progress.managerSubmitted,
    conversation: progress.shared,
    employee_sign_off: progress.employeeSignedOff,
    manager_sign_off: progress.managerSignedOff,
  };
  if (done[item]) return 'done';
  if (progress.dropped || !open) return 'closed';
  if ((item === 'employee_sign_off' || item === 'manager_sign_off') && !progress.shared) return 'waiting';
  return 'pending';
}

/** A signed review is locked: both signed off. */
export function isLocked(progress: Pick<ParticipantProgress, 'employeeSignedOff' | 'managerSignedOff'>): boolean {
  return progress.employeeSignedOff && progress.managerSignedOff;
}

/** Late: pending after the end of its phase's due day (on the owner's calendar). */
export function isLate(state: ItemState, dueOn: string | undefined, today: string): boolean {
  return state === 'pending' && dueOn !== undefined && today > dueOn;
}
