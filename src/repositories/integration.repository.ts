import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { GoalLevel, IntegrationKind } from '../db/schema';

export interface ConnectionRow {
  id: string;
  workspaceId: string;
  ownerId: string | null;
  kind: IntegrationKind;
  name: string;
  settings: Record<string, unknown>;
  /** Ciphertext. */
  secret: string;
  problem: string | null;
  pollCursor: Date | null;
  createdAt: Date;
}

const connectionColumns = ['id', 'workspace_id', 'owner_id', 'kind', 'name', 'settings', 'secret', 'problem', 'poll_cursor', 'created_at'] as const;

function toConnection(row: {
  id: string;
  workspace_id: string;
  owner_id: string | null;
  kind: IntegrationKind;
  name: string;
  settings: unknown;
  secret: string;
  problem: string | null;
  poll_cursor: Date | null;
  created_at: Date;
}): ConnectionRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerId: row.owner_id,
    kind: row.kind,
    name: row.name,
    settings: (row.settings ?? {}) as Record<string, unknown>,
    secret: row.secret,
    problem: row.problem,
    pollCursor: row.poll_cursor,
    createdAt: row.created_at,
  };
}

export async function insertConnection(
  db: Db,
  row: { workspaceId: string; ownerId: string | null; kind: IntegrationKind; name: string; settings: Record<string, unknown>; secret: string; createdBy: string; at: Date },
): Promise<ConnectionRow> {
  const inserted = await db
    .insertInto('integration_connection')
    .values({
      workspace_id: row.workspaceId,
      owner_id: row.ownerId,
      kind: row.kind,
      name: row.name,
      settings: JSON.stringify(row.settings),
      secret: row.secret,
      created_by: row.createdBy,
      created_at: row.at,
      // Polling starts from when the source was connected, not from the beginning of its history.
      poll_cursor: row.kind === 'granola' ? row.at : null,
    })
    .returning(connectionColumns)
    .executeTakeFirstOrThrow();
  return toConnection(inserted);
}

export async function findConnection(db: Db, id: string): Promise<ConnectionRow | undefined> {
  const row = await db.selectFrom('integration_connection').select(connectionColumns).where('id', '=', id).executeTakeFirst();
  return row && toConnection(row);
}

/** The workspace's connections and, when `ownerId` is given, that person's own. */
export async function listConnections(db: Db, workspaceId: string, scope: { workspace: boolean; ownerId?: string }): Promise<ConnectionRow[]> {
  const rows = await db
    .selectFrom('integration_connection')
    .select(connectionColumns)
    .where('workspace_id', '=', workspaceId)
    .where((eb) => {
      const parts = [];
      if (scope.workspace) parts.push(eb('owner_id', 'is', null));
      if (scope.ownerId) parts.push(eb('owner_id', '=', scope.ownerId));
      return parts.length ? eb.or(parts) : eb.val(false);
    })
    .orderBy('created_at')
    .execute();
  return rows.map(toConnection);
}

export async function listConnectionsOfKind(db: Db, kind: IntegrationKind): Promise<ConnectionRow[]> {
  return (await db.selectFrom('integration_connection').select(connectionColumns).where('kind', '=', kind).orderBy('created_at').execute()).map(toConnection);
}

export async function deleteConnection(db: Db, id: string): Promise<void> {
  await db.deleteFrom('integration_connection').where('id', '=', id).execute();
}

export async function setConnectionProblem(db: Db, id: string, problem: string | null): Promise<void> {
  await db.updateTable('integration_connection').set({ problem }).where('id', '=', id).execute();
}

export async function setPollCursor(db: Db, id: string, cursor: Date): Promise<void> {
  await db.updateTable('integration_connection').set({ poll_cursor: cursor }).where('id', '=', id).execute();
}

export async function insertRule(db: Db, connectionId: string, level: GoalLevel, at: Date): Promise<void> {
  await db.insertInto('integration_rule').values({ connection_id: connectionId, goal_level: level, created_at: at }).onConflict((oc) => oc.doNothing()).execute();
}

export async function deleteRule(db: Db, connectionId: string, level: GoalLevel): Promise<void> {
  await db.deleteFrom('integration_rule').where('connection_id', '=', connectionId).where('goal_level', '=', level).execute();
}

export async function listRules(db: Db, connectionIds: readonly string[]): Promise<Array<{ connectionId: string; level: GoalLevel }>> {
  if (connectionIds.length === 0) return [];
  const rows = await db.selectFrom('integration_rule').select(['connection_id', 'goal_level']).where('connection_id', 'in', connectionIds).orderBy('created_at').execute();
  return rows.map((row) => ({ connectionId: row.connection_id, level: row.goal_level }));
}

/** The workspace connections with a rule for goals of `level`. */
export async function connectionsWithRule(db: Db, workspaceId: string, level: GoalLevel): Promise<string[]> {
  const rows = await db
    .selectFrom('integration_rule as r')
    .innerJoin('integration_connection as c', 'c.id', 'r.connection_id')
    .select('c.id')
    .where('c.workspace_id', '=', workspaceId)
    .where('c.owner_id', 'is', null)
    .where('r.goal_level', '=', level)
    .execute();
  return rows.map((row) => row.id);
}

export interface ItemRow {
  id: string;
  connectionId: string;
  subjectKind: 'goal' | 'next_steps';
  subjectId: string;
  nextSteps: string[] | null;
  externalId: string | null;
  externalUrl: string | null;
  wantedVersion: number;
  syncedVersion: number;
  sequence: number;
  attemptedAt: Date | null;
  lastError: string | null;
}

const itemColumns = [
  'id',
  'connection_id',
  'subject_kind',
  'subject_id',
  'next_steps',
  'external_id',
  'external_url',
  'wanted_version',
  'synced_version',
  'sequence',
  'attempted_at',
  'last_error',
] as const;

function toItem(row: {
  id: string;
  connection_id: string;
  subject_kind: 'goal' | 'next_steps';
  subject_id: string;
  next_steps: unknown;
  external_id: string | null;
  external_url: string | null;
  wanted_version: number;
  synced_version: number;
  sequence: number;
  attempted_at: Date | null;
  last_error: string | null;
}): ItemRow {
  return {
    id: row.id,
    connectionId: row.connection_id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    nextSteps: (row.next_steps as string[] | null) ?? null,
    externalId: row.external_id,
    externalUrl: row.external_url,
    wantedVersion: row.wanted_version,
    syncedVersion: row.synced_version,
    sequence: row.sequence,
    attemptedAt: row.attempted_at,
    lastError: row.last_error,
  };
}

/**
 * Records that a subject should be in a connection: a new row, or, for one already there, one more
 * version to send (a goal pushed again updates its item rather than making a second one).
 */
export async function wantItem(
  db: Db,
  row: { connectionId: string; subjectKind: 'goal' | 'next_steps'; subjectId: string; nextSteps: readonly string[] | null; createdBy: string | null; at: Date },
): Promise<ItemRow> {
  const saved = await db
    .insertInto('integration_item')
    .values({
      connection_id: row.connectionId,
      subject_kind: row.subjectKind,
      subject_id: row.subjectId,
      next_steps: row.nextSteps ? JSON.stringify(row.nextSteps) : null,
      created_by: row.createdBy,
      created_at: row.at,
    })
    .onConflict((oc) =>
      oc.constraint('integration_item_once').doUpdateSet((eb) => ({
        wanted_version: sql<number>`integration_item.wanted_version + 1`,
        next_steps: eb.ref('excluded.next_steps'),
      })),
    )
    .returning(itemColumns)
    .executeTakeFirstOrThrow();
  return toItem(saved);
}

/** One more version to send for every item of these goals; returns them. */
export async function bumpGoalItems(db: Db, goalIds: readonly string[]): Promise<ItemRow[]> {
  if (goalIds.length === 0) return [];
  const rows = await db
    .updateTable('integration_item')
    .set({ wanted_version: sql<number>`wanted_version + 1` })
    .where('subject_kind', '=', 'goal')
    .where('subject_id', 'in', goalIds)
    .returning(itemColumns)
    .execute();
  return rows.map(toItem);
}

export async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
  const row = await db.selectFrom('integration_item').select(itemColumns).where('id', '=', id).executeTakeFirst();
  return row && toItem(row);
}

export async function listItemsForSubject(db: Db, subjectKind: 'goal' | 'next_steps', subjectId: string): Promise<Array<ItemRow & { connectionName: string; connectionKind: IntegrationKind }>> {
  const rows = await db
    .selectFrom('integration_item as i')
    .innerJoin('integration_connection as c', 'c.id', 'i.connection_id')
    .select(itemColumns.map((column) => `i.${column}` as const))
    .select(['c.name as connection_name', 'c.kind as connection_kind'])
    .where('i.subject_kind', '=', subjectKind)
    .where('i.subject_id', '=', subjectId)
    .orderBy('i.created_at')
    .execute();
  return rows.map((row) => ({ ...toItem(row), connectionName: row.connection_name, connectionKind: row.connection_kind }));
}

/** How long one push may hold its item: above the tools' timeout, so a live sender records first. */
export const ITEM_LEASE_SECONDS = 60;

/**
 * Takes the item for one sync when it has a version to send and nobody else holds it. `held` gives
 * how long the other holder's lease still runs.
 */
export async function claimItem(db: Db, id: string, at: Date): Promise<{ state: 'claimed'; item: ItemRow } | { state: 'held'; retryInMs: number } | { state: 'done' }> {
  const claimed = await db
    .updateTable('integration_item')
    .set({ lease_until: new Date(at.getTime() + ITEM_LEASE_SECONDS * 1000) })
    .where('id', '=', id)
    .where((eb) => eb('synced_version', '<', eb.ref('wanted_version')))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .returning(itemColumns)
    .executeTakeFirst();
  if (claimed) return { state: 'claimed', item: toItem(claimed) };
  const row = await db.selectFrom('integration_item').select(['synced_version', 'wanted_version', 'lease_until']).where('id', '=', id).executeTakeFirst();
  if (!row || row.synced_version >= row.wanted_version || !row.lease_until) return { state: 'done' };
  return { state: 'held', retryInMs: Math.max(1000, row.lease_until.getTime() - at.getTime()) };
}

/** A create is about to be sent: from now on a lost answer means the item may exist. */
export async function markAttempted(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('integration_item').set({ attempted_at: at }).where('id', '=', id).where('attempted_at', 'is', null).execute();
}

/** The tool has `version`: record where the item is and free it. */
export async function finishItem(db: Db, id: string, done: { externalId: string; externalUrl: string | null; version: number; sequence: number }): Promise<void> {
  await db
    .updateTable('integration_item')
    .set({
      external_id: done.externalId,
      external_url: done.externalUrl,
      synced_version: sql<number>`greatest(synced_version, ${done.version})`,
      sequence: done.sequence,
      last_error: null,
      lease_until: null,
    })
    .where('id', '=', id)
    .execute();
}

/** The sync did not go through: say why and free the item for the next try. */
export async function releaseItem(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('integration_item').set({ last_error: error, lease_until: null }).where('id', '=', id).execute();
}

/** Nothing more can be sent (the goal was deleted): stop wanting it, and say why. */
export async function settleItem(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable('integration_item')
    .set((eb) => ({ synced_version: eb.ref('wanted_version'), last_error: reason, lease_until: null }))
    .where('id', '=', id)
    .execute();
}

/** Goals pushed to a connection whose versions are not all sent: what the reconciler queues again. */
export async function listUnsyncedItems(db: Db): Promise<Array<{ id: string; wantedVersion: number }>> {
  const rows = await db
    .selectFrom('integration_item')
    .select(['id', 'wanted_version'])
    .where((eb) => eb('synced_version', '<', eb.ref('wanted_version')))
    .execute();
  return rows.map((row) => ({ id: row.id, wantedVersion: row.wanted_version }));
}
