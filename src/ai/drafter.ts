import { offlineDraft } from './offline.provider';
import { acceptedDraftSchema } from './output.schema';
import { ratingLanguage } from './rating-guard';
import type { AiProvider, Draft, DraftPrompt, DraftSection, DraftSpec, Evidence, FallbackReason, RawDraft, SectionSpec, Usage } from './types';

/** How a draft came about, for the call log: never its content. */
export interface DraftRun {
  draft: Draft;
  provider: AiProvider['name'];
  model: string | null;
  outcome: 'ok' | 'thin' | `fallback_${FallbackReason}`;
  usage: Usage;
  latencyMs: number;
}

const countFor = (section: SectionSpec, evidence: readonly Evidence[]) => evidence.filter((e) => section.accepts(e)).length;

/** Evidence under short aliases: the model never sees record ids, and cites only what it was given. */
export function preparePrompt(spec: DraftSpec, evidence: readonly Evidence[], redact: readonly string[] = []): DraftPrompt {
  const relevant = evidence.filter((e) => spec.sections.some((s) => s.accepts(e)));
  return {
    spec,
    evidence: relevant.map((e, i) => ({ alias: `E${i + 1}`, evidence: e })),
    sections: spec.sections.filter((s) => countFor(s, relevant) >= s.minEvidence),
    redact,
  };
}

/**
 * Turns a provider's answer into sections the reader may see: each sentence keeps only if all its
 * citations name evidence the section draws on; the rest are counted as dropped.
 */
function resolve(raw: RawDraft, prompt: DraftPrompt): { sections: DraftSection[]; dropped: number; cited: Map<string, Evidence> } {
  const byAlias = new Map(prompt.evidence.map(({ alias, evidence }) => [alias, evidence]));
  const cited = new Map<string, Evidence>();
  let dropped = 0;
  const sections = prompt.spec.sections.map((spec): DraftSection => {
    const evidenceCount = countFor(spec, prompt.evidence.map((e) => e.evidence));
    const base = { key: spec.key, title: spec.title, evidenceCount, minEvidence: spec.minEvidence, questions: spec.questions };
    if (!prompt.sections.includes(spec)) return { ...base, status: 'thin', sentences: [] };
    const answered = raw.sections.find((s) => s.key === spec.key)?.sentences ?? [];
    const sentences = answered.flatMap(({ text, citations }) => {
      const found = citations.map((alias) => byAlias.get(alias));
      const resolved = found.filter((e): e is Evidence => e !== undefined && spec.accepts(e));
      if (citations.length === 0 || resolved.length !== citations.length) {
        dropped += 1;
        return [];
      }
      for (const e of resolved) cited.set(e.ref, e);
      return [{ text, citations: [...new Set(resolved.map((e) => e.ref))] }];
    });
    return { ...base, status: 'drafted', sentences: sentences.slice(0, spec.maxSentences) };
  });
  return { sections, dropped, cited };
}

function offline(prompt: DraftPrompt, fallback?: FallbackReason): Draft {
  const { sections, dropped, cited } = resolve(offlineDraft(prompt), prompt);
  return { kind: prompt.spec.kind, source: 'offline', ...(fallback && { fallback }), sections, dropped, cited };
}

/** Checks a model's answer: its shape, then that no sentence rates, ranks or compares anyone. */
function accept(output: unknown): { ok: true; raw: RawDraft } | { ok: false; reason: FallbackReason } {
  const parsed = acceptedDraftSchema.safeParse(output);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const rates = parsed.data.sections.some((s) => s.sentences.some((sentence) => ratingLanguage(sentence.text) !== undefined));
  return rates ? { ok: false, reason: 'rating_suggested' } : { ok: true, raw: parsed.data };
}

/**
 * A draft of `spec` from `evidence`, which the caller built for the reader through the access
 * policy. Sections without enough evidence stay empty and no provider is asked about them; a
 * model's answer that is malformed, refused, late or rates anyone gives way to the offline draft.
 */
export async function runDraft(
  spec: DraftSpec,
  evidence: readonly Evidence[],
  provider: AiProvider | undefined,
  now: () => number,
  redact: readonly string[] = [],
): Promise<DraftRun> {
  const prompt = preparePrompt(spec, evidence, redact);
  const started = now();
  const none = { promptTokens: 0, completionTokens: 0 };
  if (prompt.sections.length === 0 || !provider || provider.name === 'offline') {
    return { draft: offline(prompt), provider: 'offline', model: null, outcome: prompt.sections.length === 0 ? 'thin' : 'ok', usage: none, latencyMs: now() - started };
  }
  const result = await provider.draft(prompt);
  const latencyMs = now() - started;
  const run = { provider: provider.name, model: provider.model, usage: result.usage, latencyMs };
  if (!result.ok) return { ...run, draft: offline(prompt, result.reason), outcome: `fallback_${result.reason}` };
  const accepted = accept(result.output);
  if (!accepted.ok) return { ...run, draft: offline(prompt, accepted.reason), outcome: `fallback_${accepted.reason}` };
  const { sections, dropped, cited } = resolve(accepted.raw, prompt);
  return { ...run, draft: { kind: spec.kind, source: 'model', sections, dropped, cited }, outcome: 'ok' };
}
