import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import { listCheckinsOf } from '../repositories/checkin.repository';
import { findPersonById } from '../repositories/person.repository';
import { findCycle, findParticipant, listCyclesOf } from '../repositories/review-cycle.repository';
import type { Clock } from '../lib/clock';
import type { AccessService } from './access.service';
import { goalEvidence } from './ai-evidence';
import type { FeedbackNoteService } from './feedback-note.service';
import type { FeedbackRequestService } from './feedback-request.service';
import type { GoalService } from './goal.service';

/**
 * The evidence beside a review form: the person's goals with progress and their history, check-ins,
 * feedback shared with their manager and released 360 summaries, over the cycle's period. Listed
 * for the reader to open, never copied into an answer; each kind is read through the same access
 * checks as the reader's own screens, so it holds nothing they could not open themself.
 */

export interface ReviewEvidence {
  person: Person;
  /** The period: from the day after the person's previous self-assessment was due (or six months back) to today. */
  since: string;
  goals: Array<{ goalId: string; title: string; standing: string; updates: Array<{ on: string; text: string }> }>;
  checkins: Array<{ period: string; wins: string | null; blockers: string | null; confidence: number }>;
  notes: Array<{ on: string; author: Person; body: string }>;
  summaries: Array<{ requestId: string; on: string; focusAreas: string[] }>;
}

export interface ReviewEvidenceService {
  /** For whoever writes on this review (the employee, their manager of today); refused to anyone else. */
  evidence(actor: Person, participantId: string): Promise<ReviewEvidence>;
}

const NOTES_READ = 200;
const DEFAULT_PERIOD = { months: 6 } as const;

/** Empty rather than refused: evidence the reader may not see is left out, not an error. */
async function orNothing<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AccessDeniedError) return [];
    throw error;
  }
}

export function createReviewEvidenceService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  goals: GoalService;
  feedbackRequests: FeedbackRequestService;
  feedbackNotes: FeedbackNoteService;
}): ReviewEvidenceService {
  const { db, clock, access, goals, feedbackRequests, feedbackNotes } = deps;
  const refused = () => new AccessDeniedError('review.self_assess', 'not_permitted');

  /** The period starts after the person's previous cycle's self-assessment was due. */
  async function periodStart(personId: string, cycleId: string, dueOn: string | undefined, zone: string): Promise<DateTime> {
    const due = dueOn ? DateTime.fromISO(dueOn, { zone }) : clock.now().setZone(zone);
    const earlier = (await listCyclesOf(db, personId))
      .filter((c) => c.id !== cycleId && c.phases.self_assessment !== undefined && dueOn !== undefined && c.phases.self_assessment < dueOn)
      .map((c) => c.phases.self_assessment ?? '')
      .sort()
      .at(-1);
    return earlier ? DateTime.fromISO(earlier, { zone }).plus({ days: 1 }) : due.minus(DEFAULT_PERIOD);
  }

  return {
    async evidence(actor, participantId) {
      const participant = await findParticipant(db, participantId);
      const cycle = participant && (await findCycle(db, participant.cycleId));
      if (!participant || !cycle || cycle.workspaceId !== actor.workspaceId) throw refused();
      const person = await findPersonById(db, participant.personId);
      if (!person) throw refused();
      const subject = await access.subject(person);
      const writes = await Promise.all([access.decide(actor, 'review.self_assess', subject), access.decide(actor, 'review.manager_review', subject)]);
      if (!writes.some((d) => d.allowed)) throw refused();

      const start = await periodStart(person.id, cycle.id, cycle.phases.self_assessment, person.timezone);
      const since = start.toISODate() ?? '';
      const items = await goalEvidence({ db, goals }, actor, person, start);
      const goalList = items
        .filter((e) => e.kind === 'goal')
        .map((goal) => ({
          goalId: goal.goalId ?? '',
          title: goal.topic,
          standing: goal.text,
          updates: items
            .filter((e) => e.kind === 'goal_update' && e.goalId === goal.goalId)
            .map((e) => ({ on: e.on ?? '', text: e.text }))
            .sort((a, b) => b.on.localeCompare(a.on)),
        }));

      const mayReadCheckins = (await access.decide(actor, 'checkin.view', subject)).allowed;
      const checkins = mayReadCheckins
        ? (await listCheckinsOf(db, person.id))
            .filter((c) => c.period >= since)
            .map((c) => ({ period: c.period, wins: c.wins, blockers: c.blockers, confidence: c.confidence }))
            .reverse()
        : [];

      // Feedback the person has with their manager: notes given to them and shared with the manager.
      const notes = (await orNothing(() => feedbackNotes.notesAbout(actor, person, NOTES_READ)))
        .filter(({ note }) => note.sharedWithId !== null && (note.createdAt.toISODate() ?? '') >= since)
        .map(({ note, author }) => ({ on: note.createdAt.setZone(actor.timezone).toISODate() ?? '', author, body: note.body }));

      const summaries = (await orNothing(() => feedbackRequests.listAbout(actor, person)))
        .filter((p) => p.request.status === 'released' && p.withheld === undefined && (p.request.createdAt.toISODate() ?? '') >= since)
        .map((p) => ({ requestId: p.request.id, on: p.request.dueOn, focusAreas: p.request.focusAreas }));

      return { person, since, goals: goalList, checkins, notes, summaries };
    },
  };
}
