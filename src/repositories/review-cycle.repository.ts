import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { ReviewParticipantTable } from '../db/schema';
import { answersSchema, type ReviewCycle, type ReviewParticipant, type ReviewResponse, type ReviewSignOff, type ReviewSummary, summarySchema } from '../domain/review';
import { type CycleStatus, type PhaseDates, REVIEW_PHASES, type ReviewPhase } from '../domain/review-cycle';
import type { ReviewAnswers } from '../domain/review-template';
import type { Selectable } from 'kysely';

const lux = (at: Date) => DateTime.fromJSDate(at, { zone: 'utc' });
const luxOrNull = (at: Date | null) => (at ? lux(at) : null);
const isPhase = (phase: string): phase is ReviewPhase => (REVIEW_PHASES as readonly string[]).includes(phase);

async function phasesOf(db: Db, cycleIds: readonly string[]): Promise<Map<string, PhaseDates>> {
  const out = new Map<string, PhaseDates>(cycleIds.map((id) => [id, {}]));
  if (cycleIds.length === 0) return out;
  const rows = await db.selectFrom('review_phase').selectAll().where('cycle_id', 'in', [...cycleIds]).execute();
  for (const row of rows) {
    const phases = out.get(row.cycle_id);
    if (phases && isPhase(row.phase)) phases[row.phase] = row.due_on;
  }
  return out;
}

export async function insertCycle(
  tx: Db,
  cycle: { workspaceId: string; name: string; templateVersionId: string; createdBy: string; phases: PhaseDates },
  at: Date,
): Promise<string> {
  const row = await tx
    .insertInto('review_cycle')
    .values({ workspace_id: cycle.workspaceId, name: cycle.name, template_version_id: cycle.templateVersionId, created_by: cycle.createdBy, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setPhases(tx, row.id, cycle.phases);
  return row.id;
}

export async function setPhases(tx: Db, cycleId: string, phases: PhaseDates): Promise<void> {
  await tx.deleteFrom('review_phase').where('cycle_id', '=', cycleId).execute();
  const values = Object.entries(phases).flatMap(([phase, dueOn]) => (dueOn ? [{ cycle_id: cycleId, phase, due_on: dueOn }] : []));
  if (values.length > 0) await tx.insertInto('review_phase').values(values).execute();
}

type CycleRow = { id: string; workspace_id: string; name: string; template_version_id: string; status: CycleStatus; created_at: Date; launched_at: Date | null; closed_at: Date | null };

async function toCycles(db: Db, rows: readonly CycleRow[]): Promise<ReviewCycle[]> {
  const phases = await phasesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    templateVersionId: row.template_version_id,
    status: row.status,
    phases: phases.get(row.id) ?? {},
    createdAt: lux(row.created_at),
    launchedAt: luxOrNull(row.launched_at),
    closedAt: luxOrNull(row.closed_at),
  }));
}

export async function findCycle(db: Db, cycleId: string, lock = false): Promise<ReviewCycle | undefined> {
  let query = db.selectFrom('review_cycle').selectAll().where('id', '=', cycleId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? (await toCycles(db, [row]))[0] : undefined;
}

export async function listCycles(db: Db, workspaceId: string): Promise<ReviewCycle[]> {
  const rows = await db.selectFrom('review_cycle').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').execute();
  return toCycles(db, rows);
}

/** The cycles someone took part in, any status. */
export async function listCyclesOf(db: Db, personId: string): Promise<ReviewCycle[]> {
  const rows = await db.selectFrom('review_cycle as c').innerJoin('review_participant as p', 'p.cycle_id', 'c.id').selectAll('c').where('p.person_id', '=', personId).execute();
  return toCycles(db, rows);
}

export async function setCycleStatus(tx: Db, cycleId: string, status: CycleStatus, at: Date): Promise<void> {
  await tx
    .updateTable('review_cycle')
    .set(status === 'active' ? { status, launched_at: at, closed_at: null } : status === 'closed' ? { status, closed_at: at } : { status })
    .where('id', '=', cycleId)
    .execute();
}

function rowToParticipant(row: Selectable<ReviewParticipantTable>): ReviewParticipant {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    personId: row.person_id,
    reopenedAt: luxOrNull(row.reopened_at),
    conversationAt: luxOrNull(row.conversation_at),
    summary: row.summary === null ? null : summarySchema.parse(row.summary),
    sharedAt: luxOrNull(row.shared_at),
    sharedBy: row.shared_by,
  };
}

/** Adds people to a cycle; those already in it are left as they are. Returns the new participants. */
export async function insertParticipants(tx: Db, cycleId: string, personIds: readonly string[], at: Date): Promise<ReviewParticipant[]> {
  if (personIds.length === 0) return [];
  const rows = await tx
    .insertInto('review_participant')
    .values(personIds.map((personId) => ({ cycle_id: cycleId, person_id: personId, added_at: at })))
    .onConflict((oc) => oc.constraint('review_participant_once').doNothing())
    .returningAll()
    .execute();
  return rows.map(rowToParticipant);
}

export async function findParticipant(db: Db, participantId: string, lock = false): Promise<ReviewParticipant | undefined> {
  let query = db.selectFrom('review_participant').selectAll().where('id', '=', participantId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && rowToParticipant(row);
}

export async function listParticipants(db: Db, cycleId: string): Promise<ReviewParticipant[]> {
  const rows = await db.selectFrom('review_participant').selectAll().where('cycle_id', '=', cycleId).orderBy('added_at').orderBy('id').execute();
  return rows.map(rowToParticipant);
}

/** Someone's participations in cycles that are running (or reopened for them). */
export async function listParticipationsOf(db: Db, personIds: readonly string[]): Promise<ReviewParticipant[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('review_participant as p')
    .innerJoin('review_cycle as c', 'c.id', 'p.cycle_id')
    .selectAll('p')
    .where('p.person_id', 'in', [...personIds])
    .where((eb) => eb.or([eb('c.status', '=', 'active'), eb.and([eb('c.status', '=', 'closed'), eb('p.reopened_at', 'is not', null)])]))
    .execute();
  return rows.map(rowToParticipant);
}

export async function updateParticipant(
  tx: Db,
  participantId: string,
  values: Partial<{ reopenedAt: Date | null; conversationAt: Date; summary: ReviewSummary; sharedAt: Date; sharedBy: string }>,
): Promise<void> {
  await tx
    .updateTable('review_participant')
    .set({
      ...(values.reopenedAt !== undefined ? { reopened_at: values.reopenedAt } : {}),
      ...(values.conversationAt ? { conversation_at: values.conversationAt } : {}),
      ...(values.summary ? { summary: JSON.stringify(values.summary) } : {}),
      ...(values.sharedAt ? { shared_at: values.sharedAt } : {}),
      ...(values.sharedBy ? { shared_by: values.sharedBy } : {}),
    })
    .where('id', '=', participantId)
    .execute();
}

/** Closing a cycle ends every reopening in it. */
export async function clearReopenings(tx: Db, cycleId: string): Promise<void> {
  await tx.updateTable('review_participant').set({ reopened_at: null }).where('cycle_id', '=', cycleId).execute();
}

// ---- responses ----

export async function listResponses(db: Db, participantIds: readonly string[]): Promise<ReviewResponse[]> {
  if (participantIds.length === 0) return [];
  const rows = await db.selectFrom('review_response').selectAll().where('participant_id', 'in', [...participantIds]).orderBy('updated_at').execute();
  return rows.map((row) => ({
    id: row.id,
    participantId: row.participant_id,
    role: row.role,
    authorId: row.author_id,
    answers: answersSchema.parse(row.answers),
    updatedAt: lux(row.updated_at),
    submittedAt: luxOrNull(row.submitted_at),
  }));
}

/** Saves someone's answers; a submitted response is never changed (the service refuses first). */
export async function saveResponse(
  tx: Db,
  response: { participantId: string; role: 'self' | 'manager'; authorId: string; answers: ReviewAnswers; submit: boolean },
  at: Date,
): Promise<void> {
  const values = { answers: JSON.stringify(response.answers), updated_at: at, submitted_at: response.submit ? at : null };
  await tx
    .insertInto('review_response')
    .values({ participant_id: response.participantId, role: response.role, author_id: response.authorId, ...values })
    .onConflict((oc) => oc.constraint('review_response_once').doUpdateSet(values).where('review_response.submitted_at', 'is', null))
    .execute();
}

// ---- sign-off ----

export async function listSignOffs(db: Db, participantIds: readonly string[]): Promise<ReviewSignOff[]> {
  if (participantIds.length === 0) return [];
  const rows = await db.selectFrom('review_sign_off').selectAll().where('participant_id', 'in', [...participantIds]).execute();
  return rows.map((row) => ({ participantId: row.participant_id, side: row.side, personId: row.person_id, comment: row.comment, signedAt: luxOrNull(row.signed_at) }));
}

export async function saveSignOff(tx: Db, signOff: { participantId: string; side: 'employee' | 'manager'; personId: string; comment: string | null; sign: boolean }, at: Date): Promise<void> {
  const values = {
    person_id: signOff.personId,
    updated_at: at,
    ...(signOff.comment !== null ? { comment: signOff.comment } : {}),
    ...(signOff.sign ? { signed_at: at } : {}),
  };
  await tx
    .insertInto('review_sign_off')
    .values({ participant_id: signOff.participantId, side: signOff.side, comment: signOff.comment, signed_at: signOff.sign ? at : null, ...values })
    .onConflict((oc) => oc.columns(['participant_id', 'side']).doUpdateSet(values).where('review_sign_off.signed_at', 'is', null))
    .execute();
}

/** The person's most recent submitted self-assessment in another cycle, with the questions it answered. */
export async function findPreviousSelfResponse(db: Db, personId: string, exceptCycleId: string): Promise<{ answers: ReviewAnswers; templateVersionId: string } | undefined> {
  const row = await db
    .selectFrom('review_response as r')
    .innerJoin('review_participant as p', 'p.id', 'r.participant_id')
    .innerJoin('review_cycle as c', 'c.id', 'p.cycle_id')
    .select(['r.answers', 'c.template_version_id'])
    .where('p.person_id', '=', personId)
    .where('r.author_id', '=', personId)
    .where('r.role', '=', 'self')
    .where('r.submitted_at', 'is not', null)
    .where('c.id', '<>', exceptCycleId)
    .orderBy('r.submitted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { answers: answersSchema.parse(row.answers), templateVersionId: row.template_version_id };
}

// ---- personal data ----

/** Every participation of a person, whatever the cycle's status, oldest first. */
export async function listAllParticipationsOf(db: Db, personId: string): Promise<ReviewParticipant[]> {
  const rows = await db.selectFrom('review_participant').selectAll().where('person_id', '=', personId).orderBy('added_at').execute();
  return rows.map(rowToParticipant);
}

/** The responses a person wrote about others (as their manager). */
export async function listResponsesAuthoredAbout(db: Db, authorId: string): Promise<Array<ReviewResponse & { aboutPersonId: string; cycleId: string }>> {
  const rows = await db
    .selectFrom('review_response as r')
    .innerJoin('review_participant as p', 'p.id', 'r.participant_id')
    .selectAll('r')
    .select(['p.person_id as about', 'p.cycle_id'])
    .where('r.author_id', '=', authorId)
    .where('p.person_id', '!=', authorId)
    .orderBy('r.updated_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    participantId: row.participant_id,
    role: row.role,
    authorId: row.author_id,
    answers: answersSchema.parse(row.answers),
    updatedAt: lux(row.updated_at),
    submittedAt: luxOrNull(row.submitted_at),
    aboutPersonId: row.about,
    cycleId: row.cycle_id,
  }));
}

/** Removes a person's reviews: their participations, with every answer, sign-off and step of them. */
export async function deleteParticipationsOf(tx: Db, personId: string): Promise<number> {
  const rows = await tx.deleteFrom('review_participant').where('person_id', '=', personId).returning('id').execute();
  return rows.length;
}

// ---- next steps turned into goals ----

/** Which next steps of a review became goals: step index → goal id (null while being made, or deleted since). */
export async function listNextStepGoals(db: Db, participantId: string): Promise<Map<number, string | null>> {
  const rows = await db.selectFrom('review_next_step_goal').select(['step_index', 'goal_id']).where('participant_id', '=', participantId).execute();
  return new Map(rows.map((row) => [row.step_index, row.goal_id]));
}

/** Claims a next step for a goal; false when it was claimed before (the goal exists or is being made). */
export async function claimNextStep(db: Db, participantId: string, index: number, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('review_next_step_goal')
    .values({ participant_id: participantId, step_index: index, goal_id: null, created_at: at })
    .onConflict((oc) => oc.columns(['participant_id', 'step_index']).doNothing())
    .returning('step_index')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setNextStepGoal(db: Db, participantId: string, index: number, goalId: string): Promise<void> {
  await db.updateTable('review_next_step_goal').set({ goal_id: goalId }).where('participant_id', '=', participantId).where('step_index', '=', index).execute();
}

/** Gives a claim back when its goal could not be made. */
export async function releaseNextStep(db: Db, participantId: string, index: number): Promise<void> {
  await db.deleteFrom('review_next_step_goal').where('participant_id', '=', participantId).where('step_index', '=', index).where('goal_id', 'is', null).execute();
}
