import { type Selectable, sql } from 'kysely';
import type { Db } from '../db/client';
import type { ReviewCompetencyTable } from '../db/schema';
import { questionSchema, type TemplateVersion } from '../domain/review';
import type { Competency, ReviewQuestion } from '../domain/review-template';

const questionsOf = (json: unknown): ReviewQuestion[] => questionSchema.array().parse(json);

function rowToCompetency(row: Selectable<ReviewCompetencyTable>): Competency {
  return { id: row.id, workspaceId: row.workspace_id, name: row.name, description: row.description, levels: row.levels, teamManagerId: row.team_manager_id, role: row.role };
}

/** Competency names by id, for goal cards. */
export async function findCompetencyNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('review_competency').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function insertCompetency(db: Db, competency: Omit<Competency, 'id'>, at: Date): Promise<Competency> {
  const row = await db
    .insertInto('review_competency')
    .values({ workspace_id: competency.workspaceId, name: competency.name, description: competency.description, levels: competency.levels, team_manager_id: competency.teamManagerId, role: competency.role, created_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToCompetency(row);
}

export async function listCompetencies(db: Db, workspaceId: string): Promise<Competency[]> {
  const rows = await db.selectFrom('review_competency').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return rows.map(rowToCompetency);
}

const versionColumns = ['v.id', 'v.template_id', 'v.version', 'v.name', 'v.questions', 't.workspace_id'] as const;

function rowToVersion(row: { id: string; template_id: string; version: number; name: string; questions: unknown; workspace_id: string }): TemplateVersion {
  return { id: row.id, templateId: row.template_id, workspaceId: row.workspace_id, version: row.version, name: row.name, questions: questionsOf(row.questions) };
}

/** A new template with its first version. */
export async function insertTemplate(tx: Db, workspaceId: string, draft: { name: string; questions: ReviewQuestion[] }, at: Date): Promise<TemplateVersion> {
  const template = await tx.insertInto('review_template').values({ workspace_id: workspaceId, created_at: at }).returning('id').executeTakeFirstOrThrow();
  return insertVersion(tx, template.id, workspaceId, 1, draft, at);
}

export async function insertVersion(tx: Db, templateId: string, workspaceId: string, version: number, draft: { name: string; questions: ReviewQuestion[] }, at: Date): Promise<TemplateVersion> {
  const row = await tx
    .insertInto('review_template_version')
    .values({ template_id: templateId, version, name: draft.name, questions: JSON.stringify(draft.questions), created_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToVersion({ ...row, workspace_id: workspaceId });
}

/** Rewrites a version no cycle uses yet. */
export async function updateVersion(tx: Db, versionId: string, draft: { name: string; questions: ReviewQuestion[] }): Promise<void> {
  await tx.updateTable('review_template_version').set({ name: draft.name, questions: JSON.stringify(draft.questions) }).where('id', '=', versionId).execute();
}

export async function findVersion(db: Db, versionId: string): Promise<TemplateVersion | undefined> {
  const row = await db
    .selectFrom('review_template_version as v')
    .innerJoin('review_template as t', 't.id', 'v.template_id')
    .select(versionColumns)
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  return row && rowToVersion(row);
}

/** A template's newest version, locked so two edits number their versions in turn. */
export async function findLatestVersion(db: Db, templateId: string, lock = false): Promise<TemplateVersion | undefined> {
  let query = db
    .selectFrom('review_template_version as v')
    .innerJoin('review_template as t', 't.id', 'v.template_id')
    .select(versionColumns)
    .where('v.template_id', '=', templateId)
    .orderBy('v.version', 'desc')
    .limit(1);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && rowToVersion(row);
}

/** Each template's newest version in a workspace. */
export async function listLatestVersions(db: Db, workspaceId: string): Promise<TemplateVersion[]> {
  const rows = await db
    .selectFrom('review_template_version as v')
    .innerJoin('review_template as t', 't.id', 'v.template_id')
    .select(versionColumns)
    .where('t.workspace_id', '=', workspaceId)
    .where('v.version', '=', (eb) => eb.selectFrom('review_template_version as w').select((e) => e.fn.max('w.version').as('m')).whereRef('w.template_id', '=', 'v.template_id'))
    .orderBy('v.name')
    .execute();
  return rows.map(rowToVersion);
}

/** Whether any cycle was started on a version: it is then frozen. */
export async function isVersionInUse(db: Db, versionId: string): Promise<boolean> {
  const row = await db.selectFrom('review_cycle').select(sql<number>`1`.as('one')).where('template_version_id', '=', versionId).executeTakeFirst();
  return row !== undefined;
}
