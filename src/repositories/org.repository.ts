import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { ManagerLinkRow, ManagerLinkSource, ManagerProposalRow } from '../db/schema';
import type { ManagerLink, ManagerProposal, ProposalStatus } from '../domain/org-chart';

const utc = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' });

function rowToLink(row: ManagerLinkRow): ManagerLink {
  return {
    personId: row.person_id,
    managerId: row.manager_id,
    source: row.source,
    setBy: row.set_by,
    from: utc(row.valid_from),
    to: row.valid_to && utc(row.valid_to),
  };
}

function rowToProposal(row: ManagerProposalRow): ManagerProposal {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    personId: row.person_id,
    managerId: row.manager_id,
    status: row.status,
    createdAt: utc(row.created_at),
    decidedAt: row.decided_at && utc(row.decided_at),
  };
}

/**
 * Serialises org-chart changes within a workspace until the transaction ends, so two edits made
 * at once cannot each pass the loop check and together close a loop.
 */
export async function lockOrgChart(tx: Db, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`org-chart:${workspaceId}`}))`.execute(tx);
}

/** The current chart of a workspace: person id -> manager id. */
export async function loadManagerOf(db: Db, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('manager_link')
    .select(['person_id', 'manager_id'])
    .where('workspace_id', '=', workspaceId)
    .where('valid_to', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.person_id, row.manager_id]));
}

/** Someone's managers, nearest first, walked in Postgres (bounded, in case a loop ever slipped in). */
export async function loadManagerChain(db: Db, personId: string): Promise<string[]> {
  const result = await sql<{ manager_id: string }>`
    with recursive chain (manager_id, depth) as (
      select manager_id, 1 from manager_link where person_id = ${personId} and valid_to is null
      union all
      select link.manager_id, chain.depth + 1
      from manager_link link join chain on link.person_id = chain.manager_id and link.valid_to is null
      where chain.depth < 100
    )
    select manager_id from chain order by depth`.execute(db);
  const chain: string[] = [];
  for (const { manager_id } of result.rows) {
    if (manager_id === personId || chain.includes(manager_id)) break;
    chain.push(manager_id);
  }
  return chain;
}

export async function listReportIds(db: Db, managerId: string): Promise<string[]> {
  const rows = await db.selectFrom('manager_link').select('person_id').where('manager_id', '=', managerId).where('valid_to', 'is', null).execute();
  return rows.map((row) => row.person_id);
}

/** Replaces someone's current manager, keeping the old link as history. `managerId` null: no manager. */
export async function replaceManager(
  tx: Db,
  change: { workspaceId: string; personId: string; managerId: string | null; source: ManagerLinkSource; setBy: string | null; at: Date },
): Promise<void> {
  await tx
    .updateTable('manager_link')
    .set({ valid_to: change.at })
    .where('person_id', '=', change.personId)
    .where('valid_to', 'is', null)
    .execute();
  if (change.managerId === null) return;
  await tx
    .insertInto('manager_link')
    .values({
      workspace_id: change.workspaceId,
      person_id: change.personId,
      manager_id: change.managerId,
      source: change.source,
      set_by: change.setBy,
      valid_from: change.at,
    })
    .execute();
}

/** Every period someone reported to someone, or someone reported to them. */
export async function listLinksInvolving(db: Db, personId: string): Promise<ManagerLink[]> {
  const rows = await db
    .selectFrom('manager_link')
    .selectAll()
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('manager_id', '=', personId)]))
    .orderBy('valid_from')
    .execute();
  return rows.map(rowToLink);
}

/** Ends every current link in which the person is either side (they no longer take part). */
export async function endLinksInvolving(tx: Db, personId: string, at: Date): Promise<void> {
  await tx
    .updateTable('manager_link')
    .set({ valid_to: at })
    .where('valid_to', 'is', null)
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('manager_id', '=', personId)]))
    .execute();
}

/** Removes the history of whom the person reported to: it is about them. */
export async function deleteLinksOfReport(tx: Db, personId: string): Promise<void> {
  await tx.deleteFrom('manager_link').where('person_id', '=', personId).execute();
}

export async function insertProposal(tx: Db, proposal: { workspaceId: string; personId: string; managerId: string }): Promise<ManagerProposal> {
  const row = await tx
    .insertInto('manager_proposal')
    .values({ workspace_id: proposal.workspaceId, person_id: proposal.personId, manager_id: proposal.managerId })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToProposal(row);
}

export async function findProposal(db: Db, id: string): Promise<ManagerProposal | undefined> {
  const row = await db.selectFrom('manager_proposal').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToProposal(row);
}

export async function findPendingProposal(db: Db, personId: string): Promise<ManagerProposal | undefined> {
  const row = await db
    .selectFrom('manager_proposal')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row && rowToProposal(row);
}

/** Proposals waiting for this person to answer, oldest first. */
export async function listProposalsAwaiting(db: Db, managerId: string): Promise<ManagerProposal[]> {
  const rows = await db
    .selectFrom('manager_proposal')
    .selectAll()
    .where('manager_id', '=', managerId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .execute();
  return rows.map(rowToProposal);
}

/**
 * Moves a pending proposal to its outcome. Returns it only if it was still pending, so a double
 * click, or two managers' answers racing, decide it once.
 */
export async function decideProposal(tx: Db, id: string, status: Exclude<ProposalStatus, 'pending'>, at: Date): Promise<ManagerProposal | undefined> {
  const row = await tx
    .updateTable('manager_proposal')
    .set({ status, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row && rowToProposal(row);
}

export async function withdrawPendingProposals(tx: Db, personId: string, at: Date): Promise<void> {
  await tx
    .updateTable('manager_proposal')
    .set({ status: 'withdrawn', decided_at: at })
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .execute();
}

export async function listProposalsInvolving(db: Db, personId: string): Promise<ManagerProposal[]> {
  const rows = await db
    .selectFrom('manager_proposal')
    .selectAll()
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('manager_id', '=', personId)]))
    .orderBy('created_at')
    .execute();
  return rows.map(rowToProposal);
}

export async function deleteProposalsInvolving(tx: Db, personId: string): Promise<void> {
  await tx
    .deleteFrom('manager_proposal')
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('manager_id', '=', personId)]))
    .execute();
}

/** For the admin section: how complete the chart is. */
export async function countManaged(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('manager_link')
    .innerJoin('person', 'person.id', 'manager_link.person_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('manager_link.workspace_id', '=', workspaceId)
    .where('manager_link.valid_to', 'is', null)
    .where('person.deactivated', '=', false)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Everyone below someone in the org chart, at any depth (bounded, in case a loop ever slipped in). */
export async function listReportTreeIds(db: Db, managerId: string): Promise<string[]> {
  const result = await sql<{ person_id: string }>`
    with recursive tree (person_id, depth) as (
      select person_id, 1 from manager_link where manager_id = ${managerId} and valid_to is null
      union
      select link.person_id, tree.depth + 1
      from manager_link link join tree on link.manager_id = tree.person_id and link.valid_to is null
      where tree.depth < 100
    )
    select distinct person_id from tree where person_id <> ${managerId}`.execute(db);
  return result.rows.map((row) => row.person_id);
}
