import type { Db } from '../db/client';
import type { AssistantProposalStatus } from '../db/schema';

/** A DM thread with the assistant: the person's own DM channel and the thread's first message. */
export interface AssistantThread {
  workspaceId: string;
  personId: string;
  channel: string;
  threadTs: string;
}

export interface AssistantMemoryEntry {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * Records what the person said, once per Slack event: false when the event was already recorded
 * (Slack's retry), so it is answered once.
 */
export async function recordUserMessage(db: Db, thread: AssistantThread, message: { eventId: string; text: string; at: Date }): Promise<boolean> {
  const inserted = await db
    .insertInto('assistant_message')
    .values({
      workspace_id: thread.workspaceId,
      person_id: thread.personId,
      channel: thread.channel,
      thread_ts: thread.threadTs,
      event_id: message.eventId,
      role: 'user',
      content: message.text,
      created_at: message.at,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function recordAssistantMessage(db: Db, thread: AssistantThread, message: { text: string; toolCalls: number; tokens: number; at: Date }): Promise<void> {
  await db
    .insertInto('assistant_message')
    .values({
      workspace_id: thread.workspaceId,
      person_id: thread.personId,
      channel: thread.channel,
      thread_ts: thread.threadTs,
      event_id: null,
      role: 'assistant',
      content: message.text,
      tool_calls: message.toolCalls,
      tokens: message.tokens,
      created_at: message.at,
    })
    .execute();
}

/** The thread's messages since `since`, oldest first, at most `limit` of the newest. */
export async function listThreadMemory(db: Db, thread: AssistantThread, since: Date, limit: number): Promise<AssistantMemoryEntry[]> {
  const rows = await db
    .selectFrom('assistant_message')
    .select(['role', 'content'])
    .where('person_id', '=', thread.personId)
    .where('channel', '=', thread.channel)
    .where('thread_ts', '=', thread.threadTs)
    .where('created_at', '>=', since)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/** What the person's answers have cost since `since`. */
export async function usageSince(db: Db, personId: string, since: Date): Promise<{ toolCalls: number; tokens: number }> {
  const row = await db
    .selectFrom('assistant_message')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('tool_calls'), eb.lit(0)).as('toolCalls'), eb.fn.coalesce(eb.fn.sum<number>('tokens'), eb.lit(0)).as('tokens')])
    .where('person_id', '=', personId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return { toolCalls: Number(row.toolCalls), tokens: Number(row.tokens) };
}

/** Memory past its time is forgotten. */
export async function forgetMessagesBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('assistant_message').where('created_at', '<', before).execute();
}

export interface AssistantProposal {
  id: string;
  workspaceId: string;
  personId: string;
  tool: string;
  args: unknown;
  expected: string | null;
  status: AssistantProposalStatus;
}

export async function insertProposal(db: Db, proposal: Omit<AssistantProposal, 'id' | 'status'>, at: Date): Promise<string> {
  const row = await db
    .insertInto('assistant_proposal')
    .values({
      workspace_id: proposal.workspaceId,
      person_id: proposal.personId,
      tool: proposal.tool,
      args: JSON.stringify(proposal.args),
      expected: proposal.expected,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findProposal(db: Db, id: string): Promise<AssistantProposal | undefined> {
  const row = await db.selectFrom('assistant_proposal').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    row && { id: row.id, workspaceId: row.workspace_id, personId: row.person_id, tool: row.tool, args: row.args, expected: row.expected, status: row.status }
  );
}

/** Moves a pending proposal on; false when it was no longer pending (a second click, a race). */
export async function decideProposal(db: Db, id: string, status: Exclude<AssistantProposalStatus, 'pending'>, at: Date): Promise<boolean> {
  const updated = await db
    .updateTable('assistant_proposal')
    .set({ status, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Records what became of a proposal already claimed (applied, then refused by the service). */
export async function settleProposal(db: Db, id: string, status: Exclude<AssistantProposalStatus, 'pending'>): Promise<void> {
  await db.updateTable('assistant_proposal').set({ status }).where('id', '=', id).execute();
}

/** Part of erasing a person: their conversations and proposals. */
export async function deleteAssistantDataOf(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('assistant_proposal').where('person_id', '=', personId).execute();
  await db.deleteFrom('assistant_message').where('person_id', '=', personId).execute();
}

/** Active people whose handle, full name or first name is `name` (any case). */
export async function findPeopleNamed(db: Db, workspaceId: string, name: string): Promise<string[]> {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return [];
  const rows = await db
    .selectFrom('person')
    .select(['slack_user_id', 'name', 'real_name'])
    .where('workspace_id', '=', workspaceId)
    .where('erased_at', 'is', null)
    .where('deactivated', '=', false)
    .where('is_bot', '=', false)
    .execute();
  return rows
    .filter((row) => {
      const real = (row.real_name ?? '').toLowerCase();
      return row.name.toLowerCase() === wanted || real === wanted || real.split(/\s+/)[0] === wanted;
    })
    .map((row) => row.slack_user_id);
}
