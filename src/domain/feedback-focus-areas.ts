import { FEEDBACK_LIMITS } from './feedback';
import type { Validated } from './goal';

/** The workspace's focus areas as an HR admin types them: one per line. */
export function validateFocusAreaList(text: string | null): Validated<string[], 'focusAreas'> {
  const lines = (text ?? '')
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line.length > 0);
  const { workspaceFocusAreasMax, focusAreaLabelMax } = FEEDBACK_LIMITS;
  const fail = (message: string): Validated<string[], 'focusAreas'> => ({ ok: false, errors: { focusAreas: message } });
  if (lines.length === 0) return fail('List at least one focus area, one per line.');
  if (lines.length > workspaceFocusAreasMax) return fail(`List at most ${workspaceFocusAreasMax} focus areas (this has ${lines.length}).`);
  const long = lines.find((line) => line.length > focusAreaLabelMax);
  if (long) return fail(`Keep each focus area to ${focusAreaLabelMax} characters or fewer: “${long.slice(0, 30)}…” is longer.`);
  const seen = new Set<string>();
  for (const line of lines) {
    const key = line.toLowerCase();
    if (seen.has(key)) return fail(`“${line}” is listed twice.`);
    seen.add(key);
  }
  return { ok: true, value: lines };
}
