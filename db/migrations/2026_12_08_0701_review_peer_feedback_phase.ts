import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Peer feedback becomes a dated phase of a cycle, between the self-assessment and the manager
 * review: its date is when each participant's 360 request is due. Cycles created before it keep
 * their phases; the 360 request of such a cycle stays due with the manager review.
 */
const WITH_PEERS = `'self_assessment', 'peer_feedback', 'manager_review', 'calibration', 'conversation', 'sign_off'`;
const WITHOUT_PEERS = `'self_assessment', 'manager_review', 'calibration', 'conversation', 'sign_off'`;

async function allow(db: Kysely<unknown>, phases: string): Promise<void> {
  await sql`alter table review_phase drop constraint review_phase_phase_check`.execute(db);
  await sql`alter table review_phase add constraint review_phase_phase_check check (phase in (${sql.raw(phases)}))`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await allow(db, WITH_PEERS);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from review_phase where phase = 'peer_feedback'`.execute(db);
  await allow(db, WITHOUT_PEERS);
}
