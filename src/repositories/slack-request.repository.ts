import { sql } from 'kysely';
import type { Db } from '../db/client';

/**
 * Records a Slack request's signature; false when it was recorded already (a replay). Slack refuses
 * nothing older than five minutes, so signatures are kept ten (on the database's own clock, the
 * same real time Slack signs with) and older ones are cleared by the same statement.
 */
export async function claimRequestSignature(db: Db, signature: string): Promise<boolean> {
  const result = await sql<{ signature: string }>`
    with purged as (delete from slack_request_seen where seen_at < now() - interval '10 minutes')
    insert into slack_request_seen (signature) values (${signature})
    on conflict (signature) do nothing
    returning signature`.execute(db);
  return result.rows.length === 1;
}
