import type { DateTime } from 'luxon';
import { AccessDeniedError, type ReviewReaderRole, reviewReaders } from '../domain/access-policy';
import type { FieldErrors, Validated } from '../domain/goal';
import type { Person } from '../domain/person';
import type { ReviewCycle, ReviewSummary } from '../domain/review';
import { isLate, isLocked, ITEM_OWNER, ITEM_PHASE, type ReviewItem, SUMMARY_LIMITS } from '../domain/review-cycle';
import { prepPackAt, selfAssessmentOpensOn, signOffReminderAt } from '../domain/review-schedule';
import {
  answerProblem,
  countWords,
  prefillFrom,
  formQuestions,
  questionsFor,
  questionsInScope,
  readersLine,
  type ReviewAnswers,
  type ReviewQuestion,
  type ReviewRole,
  scaleOf,
  type TemplateField,
  validateAnswers,
} from '../domain/review-template';
import { insertAuditEvents } from '../repositories/audit.repository';
import {
  claimNextStep,
  findCycle,
  findParticipant,
  findPreviousSelfResponse,
  listNextStepGoals,
  listParticipationsOf,
  releaseNextStep,
  saveResponse,
  saveSignOff,
  setNextStepGoal,
  updateParticipant,
} from '../repositories/review-cycle.repository';
import { findPeerNomination } from '../repositories/review-peer.repository';
import { cancelReviewSteps, insertReviewSteps, type NewReviewStep } from '../repositories/review-step.repository';
import { findVersion, listCompetencies } from '../repositories/review-template.repository';
import type { AccessService } from './access.service';
import { competenciesFor } from './competencies';
import { workspaceRules } from './feedback-lifecycle';
import type { GoalService } from './goal.service';
import { type LoadedReview, loadReview, loadReviews, type ReviewDeps } from './review-records';

/** Something waiting for the actor in a running cycle. */
export interface WaitingItem {
  participantId: string;
  cycleName: string;
  item: ReviewItem;
  /** Whose review it is. */
  person: Person;
  dueOn: string | undefined;
  late: boolean;
  /** When the review conversation was set for, if it was. */
  conversationAt: DateTime | null;
}

export interface FormQuestion {
  question: ReviewQuestion;
  /** "Who reads this: …", shown with the question. */
  readers: string;
  /** The points of a rating or competency question. */
  scale?: string[];
}

export interface ReviewForm {
  participantId: string;
  person: Person;
  role: ReviewRole;
  questions: FormQuestion[];
  answers: ReviewAnswers;
  submitted: boolean;
  /** Where the starting answers came from when they are not the writer's own draft. */
  carriedFrom: 'previous_manager' | 'previous_cycle' | null;
  dueOn: string | undefined;
}

export interface ReadQuestion {
  question: ReviewQuestion;
  self?: ReviewAnswers[string];
  manager?: ReviewAnswers[string];
}

export interface ReviewReading {
  person: Person;
  manager: Person | null;
  cycleName: string;
  /** As whom the actor reads it. */
  readers: ReviewReaderRole[];
  questions: ReadQuestion[];
  conversationAt: DateTime | null;
  /** The shared summary, for the employee and the manager only. */
  summary: ReviewSummary | null;
  /** The summary's agreed ratings with their question and the label of the point. */
  agreedRatings: Array<{ prompt: string; rating: number | 'na'; label: string | undefined }>;
  signOffs: Array<{ side: 'employee' | 'manager'; person: Person | null; signedAt: DateTime | null; comment: string | null }>;
  locked: boolean;
  /** The peer 360 request of this review, for the employee and the manager: its summary opens through the 360 engine, which releases it. */
  peerRequestId: string | null;
  /** For the employee: per next step, the goal made of it (null: not yet). Empty for other readers. */
  nextStepGoals: Array<string | null>;
  /** The workspace lets managers above the manager read reports' reviews, sign-off comments included. */
  skipLevelReads: boolean;
}

/** A rating error is keyed `rating_<question id>`. */
export type SummaryField = 'agreed' | 'nextSteps' | `rating_${string}`;

/** What the manager sets the conversation and writes its summary with. */
export interface ConversationForm {
  participantId: string;
  person: Person;
  conversationAt: DateTime | null;
  /** The template's questions the manager rates, each starting from the agreed rating or the manager review's. */
  ratings: Array<{ question: ReviewQuestion; scale: string[]; rating: number | 'na' | undefined }>;
  managerSubmitted: boolean;
  shared: boolean;
  /** The workspace lets managers above the manager read reports' reviews, the summary included. */
  skipLevelReads: boolean;
}

export interface ReviewService {
  waiting(actor: Person): Promise<WaitingItem[]>;
  /** The self-assessment (role self) or manager review (role manager) form, with the draft or carried answers. */
  form(actor: Person, participantId: string, role: ReviewRole): Promise<ReviewForm>;
  save(actor: Person, participantId: string, role: ReviewRole, answers: ReviewAnswers, submit: boolean): Promise<Validated<'saved' | 'submitted', TemplateField>>;
  /** The conversation as its manager sets it and writes its summary; refused to anyone but the manager of today. */
  conversationForm(actor: Person, participantId: string): Promise<ConversationForm>;
  /** The manager sets when the review conversation happens; the employee hears of it, the prep pack is planned 48 hours before. */
  scheduleConversation(actor: Person, participantId: string, at: DateTime): Promise<Validated<DateTime, 'when'>>;
  /** The manager shares the conversation's summary: both are asked to sign off. */
  share(actor: Person, participantId: string, summary: ReviewSummary): Promise<Validated<ReviewSummary, SummaryField>>;
  /** Signs off (locked once both did) or leaves a comment. */
  signOff(actor: Person, participantId: string, input: { sign: boolean; comment: string | null }): Promise<Validated<{ locked: boolean }, 'comment'>>;
  /** What the actor may read of a review, question by question; audited. */
  read(actor: Person, participantId: string): Promise<ReviewReading>;
  /** The employee makes one of the shared summary's next steps a goal of theirs, through the goal service; once per step. */
  nextStepToGoal(actor: Person, participantId: string, index: number): Promise<Validated<{ goalId: string }, 'nextStep'>>;
}

const refused = (action: 'review.read' | 'review.self_assess' | 'review.manager_review' | 'review.sign_off') => new AccessDeniedError(action, 'not_permitted');

export function createReviewService(deps: ReviewDeps & { access: AccessService; goals: GoalService }): ReviewService {
  const { db, clock, queue, access, goals } = deps;

  /** A participant's review, or a refusal that does not say whether it exists. */
  async function reviewOf(actor: Person, participantId: string, action: Parameters<typeof refused>[0]): Promise<LoadedReview> {
    const participant = await findParticipant(db, participantId);
    const cycle = participant && (await findCycle(db, participant.cycleId));
    const review = cycle && participant && cycle.workspaceId === actor.workspaceId ? await loadReview(db, cycle, participant) : undefined;
    if (!review) throw refused(action);
    return review;
  }

  const today = (person: Person, now: DateTime) => now.setZone(person.timezone).toISODate() ?? '';

  async function planAndQueue(steps: NewReviewStep[]) {
    await queue.steps(await insertReviewSteps(db, steps));
  }

  async function competenciesOf(workspaceId: string) {
    return new Map((await listCompetencies(db, workspaceId)).map((c) => [c.id, c]));
  }

  /** The template's questions asked about this person: a competency question only when the competency is for them. */
  async function questionsOf(review: LoadedReview): Promise<ReviewQuestion[]> {
    const version = await findVersion(db, review.cycle.templateVersionId);
    if (!version) throw new Error(`review cycle ${review.cycle.id} has no template version`);
    if (!version.questions.some((q) => q.kind === 'competency')) return version.questions;
    return questionsInScope(version.questions, new Set((await competenciesFor(db, review.person)).map((c) => c.id)));
  }

  /** Checks who may write as `role` on this review, and that it can still be written. */
  async function writer(actor: Person, review: LoadedReview, role: ReviewRole): Promise<string | undefined> {
    const subject = await access.subject(review.person);
    await access.authorize(actor, role === 'self' ? 'review.self_assess' : 'review.manager_review', subject);
    if (!review.open || review.progress.dropped) return 'This review is closed.';
    if (review.progress.shared) return 'The summary of this review was shared: its answers are final.';
    const dueOn = review.cycle.phases.self_assessment;
    if (role === 'self' && dueOn && today(review.person, clock.now()) < selfAssessmentOpensOn(dueOn))
      return `The self-assessment opens on ${selfAssessmentOpensOn(dueOn)}, 14 days before it is due.`;
    return undefined;
  }

  /** The rated questions the manager answers, with the manager review's submitted answers. */
  async function ratedQuestions(review: LoadedReview) {
    const competencies = await competenciesOf(review.cycle.workspaceId);
    const submittedAnswers = review.responses.find((r) => r.role === 'manager' && r.authorId === review.manager?.id && r.submittedAt !== null)?.answers ?? {};
    return questionsFor(await questionsOf(review), 'manager').flatMap((question) => {
      const scale = scaleOf(question, competencies);
      const answer = submittedAnswers[question.id];
      return scale ? [{ question, scale, competencies, submitted: answer && 'rating' in answer ? answer.rating : undefined }] : [];
    });
  }

  return {
    async waiting(actor) {
      const reportIds = await access.reports(actor);
      const participations = await listParticipationsOf(db, [actor.id, ...reportIds]);
      const cycles = new Map<string, ReviewCycle>();
      for (const p of participations) {
        const cycle = cycles.has(p.cycleId) ? undefined : await findCycle(db, p.cycleId);
        if (cycle) cycles.set(cycle.id, cycle);
      }
      const reviews = await loadReviews(db, cycles, participations);
      const now = clock.now();
      return reviews.flatMap((review) =>
        (Object.keys(review.states) as ReviewItem[]).flatMap((item) => {
          const owner = ITEM_OWNER[item] === 'employee' ? review.person : review.manager;
          if (owner?.id !== actor.id || review.states[item] !== 'pending') return [];
          const dueOn = review.cycle.phases[ITEM_PHASE[item]];
          if (item === 'self_assessment' && dueOn && today(actor, now) < selfAssessmentOpensOn(dueOn)) return [];
          return [
            {
              participantId: review.participant.id,
              cycleName: review.cycle.name,
              item,
              person: review.person,
              dueOn,
              late: isLate('pending', dueOn, today(actor, now)),
              conversationAt: review.participant.conversationAt,
            },
          ];
        }),
      );
    },

    async form(actor, participantId, role) {
      const review = await reviewOf(actor, participantId, role === 'self' ? 'review.self_assess' : 'review.manager_review');
      await access.authorize(actor, role === 'self' ? 'review.self_assess' : 'review.manager_review', await access.subject(review.person));
      const all = await questionsOf(review);
      const competencies = await competenciesOf(review.cycle.workspaceId);
      // Who reads the answers follows the policy of the person reviewed (their home workspace's).
      const { skipLevelVisibility } = await access.context(review.person);
      const mine = review.responses.find((r) => r.role === role && r.authorId === actor.id);
      let answers = mine?.answers ?? {};
      let carriedFrom: ReviewForm['carriedFrom'] = null;
      if (!mine && role === 'manager') {
        // A previous manager's draft is kept, and the new manager starts from it.
        const earlier = review.responses.filter((r) => r.role === 'manager' && r.authorId !== actor.id).at(-1);
        if (earlier) [answers, carriedFrom] = [earlier.answers, 'previous_manager'];
      }
      if (!mine && role === 'self') {
        const previous = await findPreviousSelfResponse(db, review.person.id, review.cycle.id);
        const version = previous && (await findVersion(db, previous.templateVersionId));
        const carried = version ? prefillFrom(questionsFor(all, 'self'), { questions: version.questions, answers: previous.answers }) : {};
        if (Object.keys(carried).length > 0) [answers, carriedFrom] = [carried, 'previous_cycle'];
      }
      return {
        participantId,
        person: review.person,
        role,
        questions: questionsFor(all, role).map((question) => ({ question, readers: readersLine(question, role, skipLevelVisibility), scale: scaleOf(question, competencies) })),
        answers,
        submitted: mine?.submittedAt != null,
        carriedFrom,
        dueOn: review.cycle.phases[role === 'self' ? 'self_assessment' : 'manager_review'],
      };
    },

    async save(actor, participantId, role, answers, submit) {
      const review = await reviewOf(actor, participantId, role === 'self' ? 'review.self_assess' : 'review.manager_review');
      const closed = await writer(actor, review, role);
      if (closed) return { ok: false, errors: { questions: closed } };
      if (review.responses.some((r) => r.role === role && r.authorId === actor.id && r.submittedAt !== null)) return { ok: false, errors: { questions: 'You submitted this already.' } };
      const checked = validateAnswers(await questionsOf(review), role, answers, { submit, competencies: await competenciesOf(review.cycle.workspaceId) });
      if (!checked.ok) return checked;
      await saveResponse(db, { participantId, role, authorId: actor.id, answers: checked.value, submit }, clock.now().toJSDate());
      return { ok: true, value: submit ? 'submitted' : 'saved' };
    },

    async conversationForm(actor, participantId) {
      const review = await reviewOf(actor, participantId, 'review.manager_review');
      await access.authorize(actor, 'review.manager_review', await access.subject(review.person));
      const agreed = review.participant.summary?.ratings ?? {};
      return {
        participantId,
        person: review.person,
        conversationAt: review.participant.conversationAt,
        ratings: (await ratedQuestions(review)).map(({ question, scale, submitted }) => ({ question, scale, rating: agreed[question.id] ?? submitted })),
        managerSubmitted: review.progress.managerSubmitted,
        shared: review.progress.shared,
        skipLevelReads: (await access.context(review.person)).skipLevelVisibility,
      };
    },

    async scheduleConversation(actor, participantId, at) {
      const review = await reviewOf(actor, participantId, 'review.manager_review');
      await access.authorize(actor, 'review.manager_review', await access.subject(review.person));
      const now = clock.now();
      if (!review.open || review.progress.shared) return { ok: false, errors: { when: 'This review’s conversation is over: its summary was shared or the cycle closed.' } };
      if (at <= now) return { ok: false, errors: { when: 'Pick a time in the future.' } };
      await updateParticipant(db, participantId, { conversationAt: at.toJSDate() });
      // A time set again replaces what was planned for the one before (a notice not sent yet goes out with the new time only).
      await cancelReviewSteps(db, [participantId], now.toJSDate(), { kinds: ['prep_pack', 'conversation_notice'] });
      const { rules } = await workspaceRules(db, review.cycle.workspaceId);
      const packAt = prepPackAt(at, actor.timezone, rules);
      await planAndQueue([
        { participantId, item: 'conversation', kind: 'prep_pack', dueAt: (packAt > now ? packAt : now).toJSDate() },
        { participantId, item: 'conversation', kind: 'conversation_notice', dueAt: now.toJSDate() },
      ]);
      return { ok: true, value: at };
    },

    async share(actor, participantId, summary) {
      const review = await reviewOf(actor, participantId, 'review.manager_review');
      await access.authorize(actor, 'review.manager_review', await access.subject(review.person));
      const errors: FieldErrors<SummaryField> = {};
      const agreed = summary.agreed.trim();
      const nextSteps = summary.nextSteps.map((s) => s.trim()).filter((s) => s.length > 0);
      if (!review.open) errors.agreed = 'This review is closed.';
      else if (review.progress.shared) errors.agreed = 'The summary was shared already.';
      else if (!review.progress.managerSubmitted) errors.agreed = 'Submit your manager review before sharing the summary.';
      else if (!agreed) errors.agreed = 'Write what you agreed.';
      else if (countWords(agreed) > SUMMARY_LIMITS.agreedWords) errors.agreed = `Keep this to ${SUMMARY_LIMITS.agreedWords} words (it has ${countWords(agreed)}).`;
      if (nextSteps.length > SUMMARY_LIMITS.nextStepsMax) errors.nextSteps = `List at most ${SUMMARY_LIMITS.nextStepsMax} next steps.`;
      else if (nextSteps.some((s) => s.length > SUMMARY_LIMITS.nextStepMax)) errors.nextSteps = `Keep each next step to ${SUMMARY_LIMITS.nextStepMax} characters.`;
      const rated = await ratedQuestions(review);
      const given = summary.ratings ?? {};
      if (Object.keys(given).some((id) => !rated.some((r) => r.question.id === id))) errors.agreed ??= 'A rating was given for a question this template does not rate.';
      const ratings: Record<string, number | 'na'> = {};
      for (const { question, competencies, submitted } of rated) {
        // Not given: the manager review's rating stands.
        const rating = given[question.id] ?? submitted;
        if (rating === undefined) continue;
        const problem = answerProblem(question, { rating }, competencies);
        if (problem) errors[`rating_${question.id}`] = problem;
        else ratings[question.id] = rating;
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const now = clock.now();
      const value = { agreed, ratings, nextSteps };
      await updateParticipant(db, participantId, { summary: value, sharedAt: now.toJSDate(), sharedBy: actor.id });
      const { rules } = await workspaceRules(db, review.cycle.workspaceId);
      const signers = [
        { item: 'employee_sign_off' as const, zone: review.person.timezone },
        { item: 'manager_sign_off' as const, zone: actor.timezone },
      ];
      await planAndQueue(
        signers.flatMap(({ item, zone }) => [
          { participantId, item, kind: 'sign_off_request' as const, dueAt: now.toJSDate() },
          { participantId, item, kind: 'sign_off_reminder' as const, dueAt: signOffReminderAt(now, zone, rules).toJSDate() },
        ]),
      );
      return { ok: true, value };
    },

    async signOff(actor, participantId, input) {
      const review = await reviewOf(actor, participantId, 'review.sign_off');
      const grounds = await access.authorize(actor, 'review.sign_off', await access.subject(review.person));
      const side = grounds === 'self' ? 'employee' : 'manager';
      const comment = input.comment?.trim() || null;
      if (!review.progress.shared) return { ok: false, errors: { comment: 'There is nothing to sign yet: the summary has not been shared.' } };
      if (isLocked(review.progress)) return { ok: false, errors: { comment: 'This review is signed and locked.' } };
      if (review.signOffs.some((s) => s.side === side && s.signedAt !== null)) return { ok: false, errors: { comment: 'You signed this review already.' } };
      if (!input.sign && !comment) return { ok: false, errors: { comment: 'Write a comment, or sign off.' } };
      if (comment && comment.length > SUMMARY_LIMITS.commentMax) return { ok: false, errors: { comment: `Keep the comment to ${SUMMARY_LIMITS.commentMax} characters.` } };
      await saveSignOff(db, { participantId, side, personId: actor.id, comment, sign: input.sign }, clock.now().toJSDate());
      const other = side === 'employee' ? review.progress.managerSignedOff : review.progress.employeeSignedOff;
      return { ok: true, value: { locked: input.sign && other } };
    },

    async read(actor, participantId) {
      const review = await reviewOf(actor, participantId, 'review.read');
      const subject = { person: await access.subject(review.person), shared: review.progress.shared };
      await access.authorize(actor, 'review.read', subject);
      const policy = await access.context(review.person);
      const readers = reviewReaders(actor, subject, policy);
      const readable = (question: ReviewQuestion) => question.readableBy.some((r) => readers.includes(r));
      const answersOf = (role: 'self' | 'manager') =>
        review.responses.find((r) => r.role === role && r.submittedAt !== null && r.authorId === (role === 'self' ? review.person.id : review.manager?.id))?.answers ?? {};
      const [self, manager] = [answersOf('self'), answersOf('manager')];
      const all = await questionsOf(review);
      // Peers' answers are read in the 360 summary the review links to, once the 360 engine releases it.
      const questions = formQuestions(all).filter(readable).map((question) => ({ question, self: self[question.id], manager: manager[question.id] }));
      // Every read of what someone wrote in a review is recorded.
      await insertAuditEvents(
        db,
        [{ workspaceId: actor.workspaceId, actorId: actor.id, action: 'review.content_read', subjectId: review.person.id, detail: { cycleId: review.cycle.id, as: readers.join(',') } }],
        clock.now().toJSDate(),
      );
      const people = new Map([review.person, ...(review.manager ? [review.manager] : [])].map((p) => [p.id, p]));
      const personal = readers.includes('employee') || readers.includes('manager');
      const made = actor.id === review.person.id ? await listNextStepGoals(db, participantId) : undefined;
      const agreed = (personal && review.participant.summary?.ratings) || {};
      const competencies = await competenciesOf(review.cycle.workspaceId);
      const agreedRatings = all.flatMap((question) => {
        const rating = agreed[question.id];
        return rating === undefined ? [] : [{ prompt: question.prompt, rating, label: rating === 'na' ? undefined : scaleOf(question, competencies)?.[rating - 1] }];
      });
      return {
        person: review.person,
        manager: review.manager,
        cycleName: review.cycle.name,
        readers,
        questions,
        conversationAt: review.participant.conversationAt,
        summary: personal ? review.participant.summary : null,
        agreedRatings,
        signOffs: review.signOffs.map((s) => ({ side: s.side, person: people.get(s.personId) ?? null, signedAt: s.signedAt, comment: personal ? s.comment : null })),
        locked: isLocked(review.progress),
        nextStepGoals: made ? (review.participant.summary?.nextSteps ?? []).map((_, i) => made.get(i) ?? null) : [],
        skipLevelReads: policy.skipLevelVisibility,
        peerRequestId: personal ? ((await findPeerNomination(db, participantId))?.requestId ?? null) : null,
      };
    },

    async nextStepToGoal(actor, participantId, index) {
      const review = await reviewOf(actor, participantId, 'review.self_assess');
      await access.authorize(actor, 'review.self_assess', await access.subject(review.person));
      const step = review.participant.summary?.nextSteps[index];
      if (!review.progress.shared || step === undefined) return { ok: false, errors: { nextStep: 'That next step is not in the shared summary.' } };
      const at = clock.now();
      if (!(await claimNextStep(db, participantId, index, at.toJSDate()))) return { ok: false, errors: { nextStep: 'This next step is a goal already.' } };
      const created = await goals.create(actor, {
        title: step,
        description: `A next step agreed in the review "${review.cycle.name}".`,
        category: 'development',
        targetDate: null,
        visibility: 'private',
      });
      if (!created.ok) {
        await releaseNextStep(db, participantId, index);
        return { ok: false, errors: { nextStep: Object.values(created.errors)[0] ?? 'The goal could not be made.' } };
      }
      await setNextStepGoal(db, participantId, index, created.value.goal.id);
      return { ok: true, value: { goalId: created.value.goal.id } };
    },
  };
}
