import type { Db } from '../db/client';
import { countParticipation } from '../domain/feedback';
import type { FeedbackExport } from '../domain/feedback-export';
import { displayName } from '../domain/person';
import type { PersonRef } from '../domain/person-export';
import { countAnswers, findSelfRating } from '../repositories/feedback-answer.repository';
import { deleteNotesInvolving, listNotesInvolving } from '../repositories/feedback-note.repository';
import {
  deleteInvitationsOfPeer,
  deleteRequestsAbout,
  listInvitationsOf,
  listInvitationsOfPeer,
  listRequestsInvolving,
} from '../repositories/feedback-request.repository';
import { deleteStepsTo } from '../repositories/feedback-step.repository';
import { findPeopleByIds } from '../repositories/person.repository';

/** The feedback part of a person's data export (see FeedbackExport for what it leaves out, and why). */
export async function collectFeedbackExport(db: Db, personId: string): Promise<FeedbackExport> {
  const [requests, asked, notes] = await Promise.all([listRequestsInvolving(db, personId), listInvitationsOfPeer(db, personId), listNotesInvolving(db, personId)]);
  const requestIds = requests.map((r) => r.id);
  const [invitations, answers] = await Promise.all([listInvitationsOf(db, requestIds), countAnswers(db, requestIds)]);
  const ids = [
    ...requests.flatMap((r) => [r.subjectId, r.requesterId]),
    ...asked.map((a) => a.subjectId),
    ...notes.flatMap((n) => [n.authorId, n.recipientId, ...(n.sharedWithId ? [n.sharedWithId] : [])]),
  ];
  const byId = new Map((await findPeopleByIds(db, [...new Set(ids)])).map((p) => [p.id, p]));
  const ref = (id: string): PersonRef => {
    const person = byId.get(id);
    return person ? { slackUserId: person.slackUserId, name: displayName(person) } : { slackUserId: '', name: 'unknown' };
  };
  const iso = (date: { toISO(): string | null }) => date.toISO() ?? '';
  return {
    requests: await Promise.all(
      requests.map(async (r) => {
        const participation = countParticipation(invitations.get(r.id) ?? []);
        return {
          about: ref(r.subjectId),
          askedBy: ref(r.requesterId),
          focusAreas: r.focusAreas,
          customQuestion: r.customQuestion,
          note: r.note,
          dueOn: r.dueOn,
          status: r.status,
          createdAt: iso(r.createdAt),
          invited: participation.invited,
          answered: answers.get(r.id) ?? 0,
          declined: participation.declined,
          selfRatings: r.subjectId === personId ? ((await findSelfRating(db, r.id)) ?? null) : null,
        };
      }),
    ),
    askedToAnswer: asked.map(({ invitation, subjectId }) => ({
      about: ref(subjectId),
      status: invitation.status,
      declineReason: invitation.declineReason,
      invitedAt: iso(invitation.invitedAt),
    })),
    notes: notes.map((n) => ({ from: ref(n.authorId), to: ref(n.recipientId), sharedWith: n.sharedWithId ? ref(n.sharedWithId) : null, createdAt: iso(n.createdAt) })),
  };
}

/**
 * Removes a person's feedback data: requests about them (with every answer and rating in them),
 * the record of what they were asked and how they responded, notes they gave or received, and
 * messages owed to them. Answers they wrote stay, as anonymous as before: nothing can find them.
 */
export async function eraseFeedbackOf(tx: Db, personId: string): Promise<void> {
  await deleteRequestsAbout(tx, personId);
  await deleteInvitationsOfPeer(tx, personId);
  await deleteStepsTo(tx, personId);
  await deleteNotesInvolving(tx, personId);
}
