import { passageEvidence, transcriptSummarySpec } from '../ai/transcript-spec';
import type { FallbackReason } from '../ai/types';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { FieldErrors, Validated } from '../domain/goal';
import { displayName, type Person } from '../domain/person';
import { checkSegments, type Passage, passagesOf, readTranscript, TRANSCRIPT_PROBLEMS, transcriptText, type TranscriptSegment, UPLOAD_PROBLEMS, type UploadedTranscript } from '../domain/transcript';
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

export type TranscriptField = 'text' | 'file' | 'consent';

/** What the manager gave the form: pasted text, an uploaded file, or (wrongly) both or neither. */
export interface TranscriptInput {
  text: string;
  upload?: UploadedTranscript | undefined;
  consent: boolean;
}

/** A checked transcript, to be summarised; `problem` when AI was turned off in between. */
export interface PendingSummary {
  summarise(): Promise<{ ok: true; value: TranscriptView } | { ok: false; problem: string }>;
}

export interface TranscriptService {
  /**
   * The manager pastes or uploads the conversation's transcript. It is checked here; `summarise`
   * then summarises and stores it for both to read, apart because a model may take longer than
   * Slack waits for a form's answer.
   */
  submit(actor: Person, participantId: string, input: TranscriptInput): Promise<Validated<PendingSummary, TranscriptField>>;
  /**
   * A transcript from a note-taker that both participants accepted (their consent): summarised the
   * same way, as the manager's draft for them to accept. Says why when it cannot be.
   */
  summariseAccepted(actor: Person, participantId: string, segments: readonly TranscriptSegment[]): Promise<{ ok: true } | { ok: false; problem: string }>;
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
const ACCEPTED_ALREADY = 'You accepted the summary of this conversation already.';

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

  /** The one summarise path: the draft over the passages, stored with the passages it cites. */
  async function summarise(review: LoadedReview, drafter: Person, uploadedBy: string | null, raw: string, passages: Passage[]): Promise<{ ok: true } | { ok: false; reason: 'off' | 'opted_out' | 'accepted' }> {
    const participantId = review.participant.id;
    const result = await ai.draftOver(drafter, review.person, transcriptSummarySpec, passageEvidence(participantId, passages));
    if (!result.ok) return { ok: false, reason: result.reason };
    const numberOf = (ref: string) => Number(ref.slice(ref.lastIndexOf(':') + 1));
    const summary = Object.fromEntries(result.draft.sections.map((s) => [s.key, s.sentences.map((x) => ({ text: x.text, passages: x.citations.map(numberOf) }))]));
    const cited = new Set(Object.values(summary).flatMap((points) => points.flatMap((p) => p.passages)));
    const saved = await saveTranscript(
      db,
      {
        participantId,
        uploadedBy,
        raw,
        // Only the passages a point cites are kept beside the summary: the rest goes with the raw text.
        passages: passages.filter((p) => cited.has(p.n)),
        summary,
        source: result.draft.source,
        fallback: result.draft.fallback ?? null,
      },
      clock.now().toJSDate(),
    );
    return saved ? { ok: true } : { ok: false, reason: 'accepted' };
  }

  return {
    async submit(actor, participantId, input) {
      const { review, side } = await participantOf(actor, participantId);
      if (side !== 'manager') throw new AccessDeniedError('review.manager_review', 'not_permitted');
      const errors: FieldErrors<TranscriptField> = {};
      if (!input.consent) errors.consent = `Confirm that ${displayName(review.person)} knows about the transcript and agrees to a summary.`;
      const existing = await findTranscript(db, participantId);
      const pasted = input.text.trim() !== '';
      const field: TranscriptField = input.upload ? 'file' : 'text';
      let raw = input.text;
      if (existing?.acceptedAt) errors.text = ACCEPTED_ALREADY;
      else if (pasted && input.upload) errors.file = 'Paste the transcript or upload a file, not both.';
      else if (!pasted && !input.upload) errors.text = 'Paste the transcript, or upload it as a .txt, .vtt or .srt file below.';
      else if (input.upload && !input.upload.ok) errors.file = UPLOAD_PROBLEMS[input.upload.problem];
      else if (input.upload?.ok) raw = input.upload.text;
      const checked = readTranscript(raw);
      if (!errors.text && !errors.file && !checked.ok) errors[field] = TRANSCRIPT_PROBLEMS[checked.problem];
      const available = await ai.availability(actor);
      if (!errors.text && !errors.file && available.via === 'none') errors[field] = AI_UNAVAILABLE[available.reason];
      if (Object.keys(errors).length > 0 || !checked.ok) return { ok: false, errors };
      const passages = checked.value;
      return {
        ok: true,
        value: {
          async summarise() {
            const summarised = await summarise(review, actor, actor.id, raw, passages);
            if (!summarised.ok) return { ok: false, problem: summarised.reason === 'accepted' ? ACCEPTED_ALREADY : AI_UNAVAILABLE[summarised.reason] };
            return { ok: true, value: await reload(participantId, review, side) };
          },
        },
      };
    },

    async summariseAccepted(actor, participantId, segments) {
      const { review } = await participantOf(actor, participantId);
      if (!review.manager) return { ok: false, problem: 'This conversation has no manager to accept a summary.' };
      if ((await findTranscript(db, participantId))?.acceptedAt) return { ok: false, problem: 'The summary of this conversation was accepted already.' };
      const checked = checkSegments(segments);
      const passages = checked.ok ? passagesOf(checked.value) : checked;
      if (!passages.ok) return { ok: false, problem: TRANSCRIPT_PROBLEMS[passages.problem] };
      // Drafted as the manager's, whoever accepted last: the manager accepts the summary, as for a pasted one.
      const summarised = await summarise(review, review.manager, null, transcriptText(segments), passages.value);
      if (summarised.ok) return summarised;
      if (summarised.reason === 'accepted') return { ok: false, problem: 'The summary of this conversation was accepted already.' };
      return { ok: false, problem: summarised.reason === 'off' ? AI_UNAVAILABLE.off : `${displayName(review.manager)} turned AI off for themselves, so Cadence cannot summarise the transcript.` };
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
