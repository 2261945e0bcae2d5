import { displayName } from '../../domain/person';
import { REVIEW_ITEMS } from '../../domain/review-cycle';
import type { CycleCompletion } from '../../services/review-admin.service';
import { toCsv } from '../admin/export.messages';

/** A cycle's completion as CSV: one row per participant, each item's state, and which items are late. */
export function completionCsv({ cycle, rows }: CycleCompletion): string {
  const header = ['cycle', 'person_slack_id', 'person', 'manager_slack_id', 'manager', ...REVIEW_ITEMS, 'late'];
  const body = rows.map((row) => [
    cycle.name,
    row.person.slackUserId,
    displayName(row.person),
    row.manager?.slackUserId ?? '',
    row.manager ? displayName(row.manager) : '',
    ...REVIEW_ITEMS.map((item) => row.states[item]),
    row.late.join(' '),
  ]);
  return toCsv([header, ...body]);
}
