import type { Db } from '../../src/db/client';
import type { FeedbackStep } from '../../src/domain/feedback';
import type { Clock } from '../../src/lib/clock';
import { createAccessService } from '../../src/services/access.service';
import { createAuditService } from '../../src/services/audit.service';
import { createFeedbackAnswerService } from '../../src/services/feedback-answer.service';
import { createFeedbackFocusAreasService } from '../../src/services/feedback-focus-areas.service';
import type { FeedbackQueue } from '../../src/services/feedback-lifecycle';
import { createFeedbackNoteService } from '../../src/services/feedback-note.service';
import { createFeedbackRequestService } from '../../src/services/feedback-request.service';
import { createFeedbackStepsService } from '../../src/services/feedback-steps.service';
import { createPeopleService } from '../../src/services/people.service';
import { createPrivacyService } from '../../src/services/privacy.service';

/** The feedback services (and those whose reads a manager or an admin can make) on a test database. */
export function wireFeedback(db: Db, clock: Clock, workspaceId: string) {
  // `requeued`: what the reconciler handed over, replacing finished jobs.
  const queued = { steps: [] as Array<Pick<FeedbackStep, 'id' | 'dueAt'>>, notes: [] as string[], requeued: { steps: [] as string[], notes: [] as string[] } };
  const queue: FeedbackQueue = {
    steps: async (steps) => void queued.steps.push(...steps),
    note: async (noteId) => void queued.notes.push(noteId),
    requeue: async ({ steps, notes }) => void (queued.requeued.steps.push(...steps.map((s) => s.id)), queued.requeued.notes.push(...notes)),
  };
  const access = createAccessService({ db });
  const people = createPeopleService({
    db,
    defaultTimezone: 'UTC',
    directory: { fetchProfile: async () => undefined, listProfiles: async function* () {}, workspaceIds: async () => [workspaceId] },
  });
  return {
    queued,
    people,
    requests: createFeedbackRequestService({ db, clock, access, people, queue }),
    answers: createFeedbackAnswerService({ db, clock, access, queue }),
    steps: createFeedbackStepsService({ db, clock, queue }),
    notes: createFeedbackNoteService({ db, clock, access, people, queue }),
    focusAreas: createFeedbackFocusAreasService({ db, clock, access }),
    privacy: createPrivacyService({ db, clock, access, people }),
    audit: createAuditService({ db, clock, access }),
  };
}
