import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { MonthSpread } from '../../ai/recency';
import { context } from '../blocks';

const monthName = (month: string) => DateTime.fromISO(`${month}-01`, { zone: 'utc' }).toFormat('LLL yyyy', { locale: 'en-GB' });

/**
 * How the records behind a draft spread over its period, month by month, and how many of each
 * month the draft uses: so the last month is seen not to crowd out the rest.
 */
export function recencyBlocks(recency: readonly MonthSpread[]): KnownBlock[] {
  const dated = recency.reduce((sum, m) => sum + m.records, 0);
  if (recency.length === 0 || dated === 0) return [context(':calendar: *Over the period:* no dated records (goal updates, check-ins) to draw on.')];
  const months = recency.map((m) => `${monthName(m.month)}: ${m.records}${m.cited > 0 ? ` (${m.cited} used)` : ''}`).join(' · ');
  const blocks: KnownBlock[] = [context(`:calendar: *Records over the period:* ${months}`)];
  const last = recency.at(-1);
  if (last && recency.length > 1 && last.records * 2 > dated)
    blocks.push(context(`:warning: More than half of these records are from ${monthName(last.month)}: think about what the earlier months held too.`));
  return blocks;
}
