import type { Db } from '../db/client';
import type { WorkspaceRow } from '../db/schema';

/** Creates the workspace on first sight; later calls leave it as it is. */
export async function ensureWorkspace(db: Db, id: string, defaultTimezone: string): Promise<WorkspaceRow> {
  await db
    .insertInto('workspace')
    .values({ id, name: null, default_timezone: defaultTimezone })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return db.selectFrom('workspace').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
