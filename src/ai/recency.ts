import type { Draft, Evidence } from './types';

/** One month of a draft's period: how many dated records it holds, and how many the draft cites. */
export interface MonthSpread {
  /** 'YYYY-MM'. */
  month: string;
  records: number;
  cited: number;
}

/**
 * How the evidence behind a draft spreads over its period, month by month from `from` to `to`
 * (ISO dates), empty months included: the reader sees at once whether the draft leans on the
 * last weeks. Standing records (goals) have no month and are left out.
 */
export function recencyOf(evidence: readonly Evidence[], draft: Draft, from: string, to: string): MonthSpread[] {
  const cited = new Set(draft.sections.flatMap((s) => s.sentences.flatMap((x) => x.citations)));
  const months: MonthSpread[] = [];
  const [fromYear = 0, fromMonth = 1] = from.split('-').map(Number);
  const last = to.slice(0, 7);
  for (let i = 0; i < 240; i += 1) {
    const year = fromYear + Math.floor((fromMonth - 1 + i) / 12);
    const month = `${year}-${String(((fromMonth - 1 + i) % 12) + 1).padStart(2, '0')}`;
    if (month > last) break;
    const dated = evidence.filter((e) => e.on?.startsWith(month));
    months.push({ month, records: dated.length, cited: dated.filter((e) => cited.has(e.ref)).length });
  }
  return months;
}
