/** "3d 4h", "90m", "1w": how far the page's clock control may move time, in ms. */
const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** A year at most: further than anything Cadence schedules, and short of luxon's limits. */
export const MAX_ADVANCE_MS = 366 * 86_400_000;

export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase();
  if (!/^(\d+\s*[wdhm]\s*)+$/.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)\s*([wdhm])/g)) total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
  return total > 0 && total <= MAX_ADVANCE_MS ? total : undefined;
}
