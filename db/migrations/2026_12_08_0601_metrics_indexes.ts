import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * /metrics reads the ledger and the sent check-in reminders of a recent window at every scrape
 * (src/repositories/operations.repository.ts): indexed by time, so a scrape does not read the
 * whole history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('delivery_created_at_idx').on('delivery').column('created_at').execute();
  await db.schema.createIndex('checkin_reminder_settled_at_idx').on('checkin_reminder').column('settled_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('checkin_reminder_settled_at_idx').execute();
  await db.schema.dropIndex('delivery_created_at_idx').execute();
}
