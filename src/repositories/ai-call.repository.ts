import { sql } from 'kysely';
import type { Db } from '../db/client';

export interface AiCallRecord {
  workspaceId: string;
  actorId: string;
  kind: string;
  provider: string;
  model: string | null;
  outcome: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  at: Date;
}

export async function insertAiCall(db: Db, call: AiCallRecord): Promise<void> {
  await db
    .insertInto('ai_call')
    .values({
      workspace_id: call.workspaceId,
      actor_id: call.actorId,
      kind: call.kind,
      provider: call.provider,
      model: call.model,
      outcome: call.outcome,
      prompt_tokens: call.promptTokens,
      completion_tokens: call.completionTokens,
      latency_ms: Math.round(call.latencyMs),
      created_at: call.at,
    })
    .execute();
}

export interface AiUsageRow {
  provider: string;
  model: string | null;
  calls: number;
  fallbacks: number;
  promptTokens: number;
  completionTokens: number;
}

/** Calls since `since`, per provider and model: what HR admins see of the AI's use and cost. */
export async function summarizeAiCalls(db: Db, workspaceId: string, since: Date): Promise<AiUsageRow[]> {
  const rows = await db
    .selectFrom('ai_call')
    .select([
      'provider',
      'model',
      sql<string>`count(*)`.as('calls'),
      sql<string>`count(*) filter (where outcome like 'fallback_%')`.as('fallbacks'),
      sql<string>`coalesce(sum(prompt_tokens), 0)`.as('prompt_tokens'),
      sql<string>`coalesce(sum(completion_tokens), 0)`.as('completion_tokens'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', since)
    .groupBy(['provider', 'model'])
    .orderBy('provider')
    .execute();
  return rows.map((row) => ({
    provider: row.provider,
    model: row.model,
    calls: Number(row.calls),
    fallbacks: Number(row.fallbacks),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
  }));
}
