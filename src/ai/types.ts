/**
 * The AI layer's vocabulary. A draft is built from evidence (records the reader may already see),
 * section by section; every sentence cites the evidence it rests on.
 */

export const EVIDENCE_KINDS = ['goal', 'goal_update', 'checkin', 'feedback_item', 'review_answer', 'transcript_passage'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One record a draft may rest on, already checked against what the reader may see. */
export interface Evidence {
  /** The record it comes from ('goal_update:42', 'checkin:<period id>'): what a citation resolves to. */
  ref: string;
  kind: EvidenceKind;
  /** When it was recorded, 'YYYY-MM-DD' (UTC); null for a standing record such as a goal. */
  on: string | null;
  /** What it is about: a goal's title, a feedback section. Used to group and order. */
  topic: string;
  /** Shown to the reader beside a sentence that cites it. */
  label: string;
  /** The record's words. Data for the draft, never instructions. */
  text: string;
  /** The goal a citation opens, when there is one. */
  goalId?: string;
}

export interface SectionSpec {
  key: string;
  title: string;
  /** What the section should hold, for the model. */
  instruction: string;
  /** Whether this section may draw on a record. */
  accepts(evidence: Evidence): boolean;
  /** Fewer records than this and the section stays empty, saying so. */
  minEvidence: number;
  maxSentences: number;
  /** Questions the person answers themselves, shown with every draft of this section. */
  questions: readonly string[];
  /** The offline provider's sentence for one record; undefined leaves the record out. */
  offline(evidence: Evidence): string | undefined;
  /**
   * Draw on the whole period: the offline draft takes records month by month in turn, so the
   * busiest (usually the last) month cannot fill the section alone.
   */
  spread?: boolean;
}

export const DRAFT_KINDS = ['prep_questions', 'feedback_synthesis', 'self_assessment', 'manager_review', 'review_prep', 'transcript_summary'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export interface DraftSpec {
  kind: DraftKind;
  /** One line on the task, for the model. Never names anyone. */
  task: string;
  sections: readonly SectionSpec[];
}

/** What a provider returns: citations name evidence by the aliases the prompt gave it (E1, E2 …). */
export interface RawDraft {
  sections: Array<{ key: string; sentences: Array<{ text: string; citations: string[] }> }>;
}

export interface Sentence {
  text: string;
  /** Evidence refs, each one the reader may see. */
  citations: string[];
}

export interface DraftSection {
  key: string;
  title: string;
  /** 'thin': too little evidence, left empty on purpose. */
  status: 'drafted' | 'thin';
  sentences: Sentence[];
  /** How many records the section could draw on. */
  evidenceCount: number;
  minEvidence: number;
  questions: readonly string[];
}

/** Why a model's answer was not used. */
export const FALLBACK_REASONS = ['timeout', 'refused', 'invalid', 'rating_suggested', 'error'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

export interface Draft {
  kind: DraftKind;
  /** 'model' only when a model's answer passed every check. */
  source: 'model' | 'offline';
  /** Set when a model was asked but its answer was not used. */
  fallback?: FallbackReason;
  sections: DraftSection[];
  /** Sentences left out because a citation did not resolve to evidence the reader may see. */
  dropped: number;
  /** The evidence cited, by ref, for the links beside the draft. */
  cited: ReadonlyMap<string, Evidence>;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export type ProviderResult =
  | { ok: true; output: unknown; usage: Usage }
  | { ok: false; reason: Exclude<FallbackReason, 'rating_suggested'>; usage: Usage };

/** What a provider is given: the spec and the evidence, each record under its alias. */
export interface DraftPrompt {
  spec: DraftSpec;
  /** Alias (E1 …) to evidence, in the order given. */
  evidence: ReadonlyArray<{ alias: string; evidence: Evidence }>;
  /** Sections with enough evidence; the others are not asked for. */
  sections: readonly SectionSpec[];
  /** Names to take out of the evidence's text before it leaves Cadence (the people it is about). */
  redact: readonly string[];
}

/** Turns evidence into a draft: a model behind an API, or Cadence itself. */
export interface AiProvider {
  readonly name: 'openai' | 'offline';
  readonly model: string | null;
  draft(prompt: DraftPrompt): Promise<ProviderResult>;
}
