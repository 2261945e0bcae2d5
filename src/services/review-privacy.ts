import type { Db } from '../db/client';
import { displayName } from '../domain/person';
import type { ReviewExport } from '../domain/review-export';
import { exportAnswers } from '../domain/review-export';
import type { ReviewCycle, TemplateVersion } from '../domain/review';
import { findPeopleByIds } from '../repositories/person.repository';
import { deleteParticipationsOf, findCycle, listAllParticipationsOf, listResponses, listResponsesAuthoredAbout, listSignOffs } from '../repositories/review-cycle.repository';
import { findVersion } from '../repositories/review-template.repository';

const iso = (date: { toISO(): string | null } | null) => (date ? (date.toISO() ?? '') : null);

/** A person's reviews for their data export, by the same rules as reading them in Slack (see ReviewExport). */
export async function collectReviewExport(db: Db, personId: string): Promise<ReviewExport> {
  const [participations, written] = await Promise.all([listAllParticipationsOf(db, personId), listResponsesAuthoredAbout(db, personId)]);
  const cycles = new Map<string, ReviewCycle | undefined>();
  const versions = new Map<string, TemplateVersion | undefined>();
  const load = async (cycleId: string) => {
    if (!cycles.has(cycleId)) cycles.set(cycleId, await findCycle(db, cycleId));
    const cycle = cycles.get(cycleId);
    if (cycle && !versions.has(cycle.templateVersionId)) versions.set(cycle.templateVersionId, await findVersion(db, cycle.templateVersionId));
    return { cycle, questions: (cycle && versions.get(cycle.templateVersionId)?.questions) ?? [] };
  };
  const ids = participations.map((p) => p.id);
  const [responses, signOffs] = await Promise.all([listResponses(db, ids), listSignOffs(db, ids)]);
  const own: ReviewExport['own'] = [];
  for (const p of participations) {
    const { cycle, questions } = await load(p.cycleId);
    const self = responses.find((r) => r.participantId === p.id && r.role === 'self');
    const manager = responses.find((r) => r.participantId === p.id && r.role === 'manager' && r.submittedAt !== null);
    const shared = p.sharedAt !== null;
    own.push({
      cycle: cycle?.name ?? '',
      selfAssessment: self ? { answers: exportAnswers(questions, self.answers), submittedAt: iso(self.submittedAt) } : null,
      managerReview: shared && manager ? { answers: exportAnswers(questions, manager.answers, (q) => q.readableBy.includes('employee')), submittedAt: iso(manager.submittedAt) } : null,
      summary: shared && p.summary ? { ...p.summary, sharedAt: iso(p.sharedAt) ?? '' } : null,
      signOffs: shared ? signOffs.filter((s) => s.participantId === p.id).map((s) => ({ side: s.side, signedAt: iso(s.signedAt), comment: s.side === 'employee' ? s.comment : null })) : [],
    });
  }
  const about = new Map((await findPeopleByIds(db, [...new Set(written.map((w) => w.aboutPersonId))])).map((p) => [p.id, p]));
  const writtenOut: ReviewExport['written'] = [];
  for (const w of written) {
    const { cycle, questions } = await load(w.cycleId);
    const person = about.get(w.aboutPersonId);
    writtenOut.push({
      cycle: cycle?.name ?? '',
      about: person ? { slackUserId: person.slackUserId, name: displayName(person) } : { slackUserId: '', name: 'unknown' },
      answers: exportAnswers(questions, w.answers),
      submittedAt: iso(w.submittedAt),
    });
  }
  return { own, written: writtenOut };
}

/**
 * Deletes a person's own reviews (answers, summary, sign-offs, planned messages). What they wrote
 * about others stays in those people's reviews, under the placeholder "Deleted person".
 */
export async function eraseReviewsOf(tx: Db, personId: string): Promise<number> {
  return deleteParticipationsOf(tx, personId);
}
