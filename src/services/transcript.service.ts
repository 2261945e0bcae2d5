import { passageEvidence, transcriptSummarySpec } from '../ai/transcript-spec';
import type { FallbackReason } from '../ai/types';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { FieldErrors, Validated } from '../domain/goal';
import { displayName, type Person } from '../domain/person';
import { readTranscript } from '../domain/transcript';
import type { Clock } from '../lib/clock';
import { findCycle, findParticipant } from '../repositories/review-cycle.repository';
import { findTranscript, saveTranscript, type StoredTranscript, updateTranscript } from '../repositories/review-transcript.repository';
import type { AccessService } from './access.service';
import type { AiService } from './ai.service';
import { type LoadedReview, loadReview } from './review-records';

export interface TranscriptPoint {
  text: string;
  /** The passages it cites, with their words (kept after the raw transcript is deleted). */
  passages: Array<{ n: number; text: string }>;
}

export interface TranscriptView {
  participantId: string;
  person: Person;
  manager: Person | null;
  /** As whom the actor reads it. */
  side: 'employee' | 'manager';
  sections: Array<{ key: string; title: string; points: TranscriptPoint[] }>;
  source: 'model' | 'offline';
  fallback: FallbackReason | null;
  /** The raw transcript while it is kept; null once deleted. */
  raw: string | null;
  keep: { manager: boolean; employee: boolean };
  accepted: boolean;
}

export type TranscriptField = 'text' | 'consent';

export interface TranscriptService {
  /** The manager pastes the conversation's transcript: checked, summarised, stored for both to read. */
  submit(actor: Person, participantId: string, input: { text: string; consent: boolean }): Promise<Validated<TranscriptView, TranscriptField>>;
  /** The transcript's summary for either participant; undefined when there is none. */
  view(actor: Person, participantId: string): Promise<{ side: 'employee' | 'manager'; transcript: TranscriptView | undefined; person: Person }>;
  /** The manager accepts the summary: the raw transcript goes unless both chose to keep it. */
  accept(actor: Person, participantId: string): Promise<TranscriptView>;
  /** Either participant says whether to keep the raw transcript after acceptance. */
  keep(actor: Person, participantId: string, keep: boolean): Promise<TranscriptView>;
}

const AI_UNAVAILABLE: Record<'off' | 'opted_out', string> = {
  off: 'AI is turned off in this workspace, so Cadence cannot summarise a transcript.',
  opted_out: 'You turned AI off for yourself; turn it back on in My settings to summarise a transcript.',
};

export function createTranscriptService(deps: { db: Db; clock: Clock; access: AccessService; ai: AiService }): TranscriptService {
  const { db, clock, access, ai } = deps;

  /** The review and the actor's side in it: the person reviewed or their manager of today, no one else. */
  async function participantOf(actor: Person, participantId: string): Promise<{ review: LoadedReview; side: 'employee' | 'manager' }> {
    const participant = await findParticipant(db, participantId);
    const cycle = participant && (await findCycle(db, participant.cycleId));
    const review = cycle && participant && cycle.workspaceId === actor.workspaceId ? await loadReview(db, cycle, participant) : undefined;
    if (!review) throw new AccessDeniedError('review.sign_off', 'not_permitted');
    const grounds = await access.authorize(actor, 'review.sign_off', await access.subject(review.person));
    return { review, side: grounds === 'self' ? 'employee' : 'manager' };
  }

  function render(stored: StoredTranscript, review: LoadedReview, side: 'employee' | 'manager'): TranscriptView {
    const words = new Map(stored.passages.map((p) => [p.n, p.speaker ? `${p.speaker}: ${p.text}` : p.text]));
    return {
      participantId: stored.participantId,
      person: review.person,
      manager: review.manager,
      side,
      sections: transcriptSummarySpec.sections.map((s) => ({
        key: s.key,
        title: s.title,
        points: (stored.summary[s.key] ?? []).map((point) => ({ text: point.text, passages: point.passages.map((n) => ({ n, text: words.get(n) ?? '' })) })),
      })),
      source: stored.source,
      fallback: (stored.fallback as FallbackReason | null) ?? null,
      raw: stored.raw,
      keep: { manager: stored.keepManager, employee: stored.keepEmployee },
      accepted: stored.acceptedAt !== null,
    };
  }

  async function reload(participantId: string, review: LoadedReview, side: 'employee' | 'manager'): Promise<TranscriptView> {
    const stored = await findTranscript(db, participantId);
    if (!stored) throw new AccessDeniedError('review.sign_off', 'not_permitted');
    return render(stored, review, side);
  }

  /** The raw text goes once the summary is accepted, unless both participants keep it. */
  async function deleteRawIfDue(stored: StoredTranscript): Promise<void> {
    if (stored.acceptedAt && stored.raw !== null && !(stored.keepManager && stored.keepEmployee))
      await updateTranscript(db, stored.participantId, { raw: null, raw_deleted_at: clock.now().toJSDate() });
  }

  return {
    async submit(actor, participantId, input) {
      const { review, side } = await participantOf(actor, participantId);
      if (side !== 'manager') throw new AccessDeniedError('review.manager_review', 'not_permitted');
      const errors: FieldErrors<TranscriptField> = {};
      if (!input.consent) errors.consent = `Confirm that ${displayName(review.person)} knows about the transcript and agrees to a summary.`;
      const existing = await findTranscript(db, participantId);
      const checked = readTranscript(input.text);
      if (existing?.acceptedAt) errors.text = 'You accepted the summary of this conversation already.';
      else if (!checked.ok) errors.text = checked.error;
      if (Object.keys(errors).length > 0 || !checked.ok) return { ok: false, errors };
      const result = await ai.draftOver(actor, review.person, transcriptSummarySpec, passageEvidence(participantId, checked.passages));
      if (!result.ok) return { ok: false, errors: { text: AI_UNAVAILABLE[result.reason] } };
      const numberOf = (ref: string) => Number(ref.slice(ref.lastIndexOf(':') + 1));
      const summary = Object.fromEntries(result.draft.sections.map((s) => [s.key, s.sentences.map((x) => ({ text: x.text, passages: x.citations.map(numberOf) }))]));
      const cited = new Set(Object.values(summary).flatMap((points) => points.flatMap((p) => p.passages)));
      await saveTranscript(
        db,
        {
          participantId,
          uploadedBy: actor.id,
          raw: input.text,
          // Only the passages a point cites are kept beside the summary: the rest goes with the raw text.
          passages: checked.passages.filter((p) => cited.has(p.n)),
          summary,
          source: result.draft.source,
          fallback: result.draft.fallback ?? null,
        },
        clock.now().toJSDate(),
      );
      return { ok: true, value: await reload(participantId, review, side) };
    },

    async view(actor, participantId) {
      const { review, side } = await participantOf(actor, participantId);
      const stored = await findTranscript(db, participantId);
      return { side, person: review.person, transcript: stored && render(stored, review, side) };
    },

    async accept(actor, participantId) {
      const { review, side } = await participantOf(actor, participantId);
      if (side !== 'manager') throw new AccessDeniedError('review.manager_review', 'not_permitted');
      const stored = await findTranscript(db, participantId);
      if (!stored) throw new AccessDeniedError('review.manager_review', 'not_permitted');
      if (!stored.acceptedAt) {
        const at = clock.now().toJSDate();
        await updateTranscript(db, participantId, { accepted_at: at });
        await deleteRawIfDue({ ...stored, acceptedAt: at });
      }
      return reload(participantId, review, side);
    },

    async keep(actor, participantId, keep) {
      const { review, side } = await participantOf(actor, participantId);
      const stored = await findTranscript(db, participantId);
      if (!stored) throw new AccessDeniedError('review.sign_off', 'not_permitted');
      // Once deleted, the raw text cannot be kept again.
      if (stored.raw !== null) {
        await updateTranscript(db, participantId, side === 'manager' ? { keep_manager: keep } : { keep_employee: keep });
        await deleteRawIfDue({ ...stored, ...(side === 'manager' ? { keepManager: keep } : { keepEmployee: keep }) });
      }
      return reload(participantId, review, side);
    },
  };
}
