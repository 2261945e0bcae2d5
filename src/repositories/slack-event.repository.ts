import type { DateTime } from 'luxon';
import type { Db } from '../db/client';

/**
 * Records that an event is being acted on. False when it already was: Slack retries an event it
 * thinks went unanswered, with the same event_id.
 */
export async function claimSlackEvent(db: Db, claim: { eventId: string; workspaceId: string }, at: DateTime): Promise<boolean> {
  const inserted = await db
    .insertInto('slack_event')
    .values({ event_id: claim.eventId, workspace_id: claim.workspaceId, received_at: at.toJSDate() })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
