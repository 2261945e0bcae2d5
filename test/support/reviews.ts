import type { Db } from '../../src/db/client';
import type { ReviewStep } from '../../src/domain/review';
import type { ReviewQuestion } from '../../src/domain/review-template';
import type { Clock } from '../../src/lib/clock';
import { createAccessService } from '../../src/services/access.service';
import { createGoalService } from '../../src/services/goal.service';
import { createFeedbackRequestService } from '../../src/services/feedback-request.service';
import type { FeedbackQueue } from '../../src/services/feedback-lifecycle';
import { createPeopleService } from '../../src/services/people.service';
import { createReviewAdminService } from '../../src/services/review-admin.service';
import type { ReviewQueue } from '../../src/services/review-records';
import { createReviewStepsService } from '../../src/services/review-steps.service';
import { createReviewService } from '../../src/services/review.service';

/** The review services on a test database, with a queue that records what it was given. */
export function wireReviews(db: Db, clock: Clock) {
  const queued: Array<Pick<ReviewStep, 'id' | 'dueAt'>> = [];
  // `requeued`: what the reconciler handed over, replacing finished jobs.
  const requeued: string[] = [];
  const queue: ReviewQueue = { steps: async (steps) => void queued.push(...steps), requeue: async (steps) => void requeued.push(...steps.map((s) => s.id)) };
  const access = createAccessService({ db });
  const people = createPeopleService({ db, defaultTimezone: 'UTC', directory: { fetchProfile: async () => undefined, listProfiles: async function* () {}, workspaceIds: async () => ['T0REVIEWS'] } });
  // A 360 request moved with a cycle's peer-feedback date plans its steps in Postgres; the tests read them there.
  const feedbackQueue: FeedbackQueue = { steps: async () => undefined, note: async () => undefined, requeue: async () => undefined };
  const peerRequests = createFeedbackRequestService({ db, clock, access, people, queue: feedbackQueue });
  const goals = createGoalService({ db, clock, access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });
  return {
    queue,
    queued,
    requeued,
    access,
    admin: createReviewAdminService({ db, clock, access, queue, peerRequests }),
    reviews: createReviewService({ db, clock, access, queue, goals }),
    steps: createReviewStepsService({ db, clock, queue, access }),
  };
}

/** A small template: a rating both write (employee and manager read it), a self text HR reads too, a manager-only note. */
export const QUESTIONS: ReviewQuestion[] = [
  { id: 'impact', kind: 'rating', prompt: 'Impact this half', labels: ['Below', 'Meets', 'Above'], allowNa: false, answeredBy: ['self', 'manager'], readableBy: ['employee', 'manager'] },
  { id: 'wins', kind: 'text', prompt: 'Your wins', wordLimit: 10, answeredBy: ['self'], readableBy: ['employee', 'manager', 'hr'] },
  { id: 'private', kind: 'text', prompt: 'Notes for HR', wordLimit: 50, answeredBy: ['manager'], readableBy: ['manager', 'hr'] },
];

/** What a template asks peers, in the review's 360 request: a 5-point rating (a focus area) and one text question. */
export const PEER_QUESTIONS: ReviewQuestion[] = [
  {
    id: 'collab',
    kind: 'rating',
    prompt: 'How well do they collaborate?',
    labels: ['Rarely', 'Sometimes', 'Often', 'Mostly', 'Always'],
    allowNa: true,
    answeredBy: ['peer'],
    readableBy: ['employee', 'manager'],
  },
  { id: 'keep', kind: 'text', prompt: 'What should they keep doing?', wordLimit: 100, answeredBy: ['peer'], readableBy: ['employee', 'manager'] },
];
