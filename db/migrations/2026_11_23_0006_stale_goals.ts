import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The stale-goal detector asks for open goals not updated for weeks, or past their target date.
  // Partial indexes: closed goals (most of them, over the years) never enter either.
  const open = sql<boolean>`status in ('not_started', 'on_track', 'at_risk', 'off_track')`;
  await db.schema.createIndex('goal_open_updated_idx').on('goal').column('updated_at').where(open).execute();
  await db.schema.createIndex('goal_open_target_idx').on('goal').column('target_date').where(sql<boolean>`${open} and target_date is not null`).execute();

  // One row per goal while it is stale: a staleness episode. Its id names the nudge (job id and
  // delivery dedupe key), so an episode gets one nudge however often the detector sees it, and a
  // goal that is acted on (the row goes) and goes stale again later gets a new row and a new nudge.
  await db.schema
    .createTable('goal_staleness')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('goal_id', 'uuid', (c) => c.notNull().unique().references('goal.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    // Set once the nudge is settled (sent, or not sendable): the detector stops queueing it.
    .addColumn('nudged_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('goal_staleness_pending_idx').on('goal_staleness').column('started_at').where(sql.ref('nudged_at'), 'is', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('goal_staleness').execute();
  await db.schema.dropIndex('goal_open_target_idx').execute();
  await db.schema.dropIndex('goal_open_updated_idx').execute();
}
