import type { AiProvider, DraftPrompt, Evidence, ProviderResult, RawDraft } from './types';

/**
 * Drafts without a model: for each section, the evidence itself, grouped by what it is about,
 * most recent first within a group, phrased by the section's own template. Deterministic: the
 * same evidence always gives the same draft. Needs nothing and sends nothing anywhere.
 */
export function offlineDraft(prompt: DraftPrompt): RawDraft {
  return {
    sections: prompt.sections.map((section) => {
      const usable = prompt.evidence
        .filter(({ evidence }) => section.accepts(evidence))
        .map((entry, index) => ({ ...entry, index }))
        .sort(
          (a, b) =>
            a.evidence.topic.localeCompare(b.evidence.topic) ||
            // A standing record (a goal) before its updates, and those newest first.
            (a.evidence.on === null ? 0 : 1) - (b.evidence.on === null ? 0 : 1) ||
            (b.evidence.on ?? '').localeCompare(a.evidence.on ?? '') ||
            a.index - b.index,
        );
      const sentences: RawDraft['sections'][number]['sentences'] = [];
      for (const { alias, evidence } of section.spread ? byMonthInTurn(usable) : usable) {
        if (sentences.length >= section.maxSentences) break;
        const text = section.offline(evidence);
        if (text) sentences.push({ text, citations: [alias] });
      }
      return { key: section.key, sentences };
    }),
  };
}

/**
 * Records taken month by month in turn (standing records first, then the newest month, the one
 * before …), each month's own order kept: a draft of a long period reads across all of it.
 */
export function byMonthInTurn<T extends { evidence: Evidence }>(items: readonly T[]): T[] {
  const months = new Map<string, T[]>();
  for (const item of items) {
    const month = item.evidence.on?.slice(0, 7) ?? '';
    months.set(month, [...(months.get(month) ?? []), item]);
  }
  const queues = [...months.entries()].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : b.localeCompare(a))).map(([, list]) => list);
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round += 1) {
    for (const queue of queues) {
      const item = queue[round];
      if (item) out.push(item);
    }
  }
  return out;
}

export function createOfflineProvider(): AiProvider {
  return {
    name: 'offline',
    model: null,
    async draft(prompt): Promise<ProviderResult> {
      return { ok: true, output: offlineDraft(prompt), usage: { promptTokens: 0, completionTokens: 0 } };
    },
  };
}

/** A record's words, cut to fit a sentence at a word boundary. */
export function excerpt(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}
