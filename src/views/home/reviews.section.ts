import type { KnownBlock } from '@slack/types';
import type { DateTime } from 'luxon';
import { REVIEW_ITEMS, type ReviewItem } from '../../domain/review-cycle';
import type { CycleCompletion } from '../../services/review-admin.service';
import type { WaitingItem } from '../../services/review.service';
import { context, divider, escapeMrkdwn, section } from '../blocks';
import { byDueDate, waitingItemBlocks } from '../review/review-list.message';

const WAITING_SHOWN = 4;

const ITEM_NAMES: Record<ReviewItem, string> = {
  self_assessment: 'self-assessments',
  manager_review: 'manager reviews',
  conversation: 'conversations',
  employee_sign_off: 'employee sign-offs',
  manager_sign_off: 'manager sign-offs',
};

/** One running cycle's completion for HR: done out of those still counted, per item, and how many are late. */
function completionLine({ cycle, byItem }: CycleCompletion): string {
  const parts = REVIEW_ITEMS.map((item) => {
    const c = byItem[item];
    return `${ITEM_NAMES[item]} ${c.done}/${c.done + c.pending + c.waiting}`;
  });
  const late = REVIEW_ITEMS.reduce((n, item) => n + byItem[item].late, 0);
  return `*${escapeMrkdwn(cycle.name)}*: ${parts.join(', ')}${late > 0 ? ` · :warning: ${late} late` : ''}`;
}

/**
 * Reviews on the Home tab: what waits for the person (their self-assessment, reviews they write,
 * sign-offs) and, for HR admins, each running cycle's completion. Nothing when there is neither.
 */
export function buildReviewsSection(input: { waiting: readonly WaitingItem[]; cycles: readonly CycleCompletion[]; reader: { timezone: string }; now: DateTime }): KnownBlock[] {
  const { waiting, cycles, reader, now } = input;
  if (waiting.length === 0 && cycles.length === 0) return [];
  const today = now.setZone(reader.timezone).toISODate() ?? '';
  const blocks: KnownBlock[] = [divider(), section('*Reviews*')];
  blocks.push(...byDueDate(waiting).slice(0, WAITING_SHOWN).flatMap((item) => waitingItemBlocks(item, today, reader.timezone)));
  if (waiting.length > WAITING_SHOWN) blocks.push(context(`${waiting.length - WAITING_SHOWN} more: type \`/review\` to see them all.`));
  if (cycles.length > 0) blocks.push(section(['*Running cycles*', ...cycles.map(completionLine)].join('\n')));
  return blocks;
}
