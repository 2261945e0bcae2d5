import type { DateTime } from 'luxon';
import { AccessDeniedError } from '../domain/access-policy';
import { type FieldErrors, type Validated } from '../domain/goal';
import { displayName, isActive, type Person } from '../domain/person';
import type { ReviewCycle, TemplateVersion } from '../domain/review';
import { type CalibrationQuestion, calibrate, type RatingCounts } from '../domain/review-calibration';
import { type CycleField, isLate, ITEM_OWNER, ITEM_PHASE, type ItemState, type PhaseDates, REVIEW_ITEMS, type ReviewItem, type ReviewPhase, validateCycle, validateExtension } from '../domain/review-cycle';
import { type Competency, sameRole, TEMPLATE_LIMITS, type TemplateDraft, type TemplateField, validateTemplate } from '../domain/review-template';
import { insertAuditEvents } from '../repositories/audit.repository';
import { loadManagerOf } from '../repositories/org.repository';
import { listPeople, loadTitles } from '../repositories/person.repository';
import {
  clearReopenings,
  findCycle,
  insertCycle,
  insertParticipants,
  listCycles,
  listParticipants,
  setCycleStatus,
  setPhases,
  updateParticipant,
} from '../repositories/review-cycle.repository';
import { countPeerNominations, listPeerRequestIds } from '../repositories/review-peer.repository';
import { cancelReviewSteps, insertReviewSteps } from '../repositories/review-step.repository';
import {
  findLatestVersion,
  findVersion,
  insertCompetency,
  insertTemplate,
  insertVersion,
  isVersionInUse,
  listCompetencies,
  listLatestVersions,
  updateVersion,
} from '../repositories/review-template.repository';
import type { AccessService } from './access.service';
import type { FeedbackRequestService } from './feedback-request.service';
import { type LoadedReview, loadReviews, planLaunchSteps, type ReviewDeps } from './review-records';

/**
 * Who takes part: everyone active, everyone under a manager (all levels), or a list. Forms name
 * people by their Slack ids; the service finds them in the workspace.
 */
export type ParticipantChoice =
  | { kind: 'everyone' }
  | { kind: 'team'; managerId: string }
  | { kind: 'people'; personIds: readonly string[] }
  | { kind: 'team_of_slack_user'; slackUserId: string | null }
  | { kind: 'slack_users'; slackUserIds: readonly string[] };

export interface CycleInput {
  name: string;
  templateVersionId: string | null;
  participants: ParticipantChoice;
  phases: PhaseDates;
}

export interface CompetencyInput {
  name: string;
  description: string;
  levels: string[];
  /** Scopes it to everyone under this manager (by Slack id); null or absent: the whole workspace. */
  teamSlackUserId?: string | null;
  /** Scopes it to people with this job title (as on their Slack profile); null, blank or absent: any title. */
  role?: string | null;
}

export type CompetencyField = 'name' | 'levels' | 'team' | 'role';

/** A competency with the manager whose team it is scoped to. */
export type ScopedCompetency = Competency & { teamManager: Person | null };

/** Completion of one item across a cycle. */
export interface ItemCompletion {
  done: number;
  pending: number;
  waiting: number;
  closed: number;
  late: number;
}

export interface CompletionRow {
  person: Person;
  manager: Person | null;
  states: Record<ReviewItem, ItemState>;
  late: ReviewItem[];
}

export interface CycleCompletion {
  cycle: ReviewCycle;
  byItem: Record<ReviewItem, ItemCompletion>;
  /** Per manager of today (null: people without one): how many of their reports' items are done. */
  byTeam: Array<{ manager: Person | null; done: number; total: number }>;
  rows: CompletionRow[];
  /** Peer feedback: participants with peers nominated, and those approved (asked through 360 feedback). */
  peers: { nominated: number; approved: number };
}

export interface CycleCalibration {
  cycle: ReviewCycle;
  /** Manager reviews submitted by the manager of today, out of the participants. */
  submitted: number;
  participants: number;
  questions: Array<Omit<CalibrationQuestion, 'byTeam'> & { byTeam: Array<{ manager: Person | null; counts: RatingCounts }> }>;
}

export interface ReviewAdminService {
  defineCompetency(actor: Person, input: CompetencyInput): Promise<Validated<Competency, CompetencyField>>;
  competencies(actor: Person): Promise<ScopedCompetency[]>;
  /**
   * Creates a template, or edits one: in place while no cycle uses its newest version, otherwise as
   * a new version, so a running cycle keeps the questions it started with.
   */
  saveTemplate(actor: Person, templateId: string | null, draft: TemplateDraft): Promise<Validated<TemplateVersion, TemplateField>>;
  templates(actor: Person): Promise<TemplateVersion[]>;
  createCycle(actor: Person, input: CycleInput): Promise<Validated<ReviewCycle, CycleField>>;
  cycles(actor: Person): Promise<ReviewCycle[]>;
  /** Starts a draft cycle: plans every participant's invitation and reminders. */
  launch(actor: Person, cycleId: string): Promise<ReviewCycle>;
  /**
   * Adds people (who joined Cadence later, say) to a draft or running cycle; a running cycle plans
   * their invitation and reminders as at launch. Returns who was added; someone already in is left
   * as they are, and nobody is added when one of them cannot take part.
   */
  addParticipants(actor: Person, cycleId: string, personIds: readonly string[]): Promise<Validated<Person[], 'people'>>;
  /** Like addParticipants, naming people by their Slack ids (the cycle view's form). */
  addParticipantsBySlackUsers(actor: Person, cycleId: string, slackUserIds: readonly string[]): Promise<Validated<Person[], 'people'>>;
  /** Moves a phase's due date later and replans its reminders (for peer feedback, the 360 requests already made move with it). */
  extendPhase(actor: Person, cycleId: string, phase: ReviewPhase, dueOn: string): Promise<Validated<ReviewCycle, CycleField>>;
  /** Closes a cycle: what is not done is closed and nothing more is sent. */
  close(actor: Person, cycleId: string): Promise<ReviewCycle>;
  /** Lets one person's review be finished after the cycle closed; refused when they are not in it or it is not closed. */
  reopenFor(actor: Person, cycleId: string, personId: string): Promise<Validated<Person, 'person'>>;
  /** Like reopenFor, naming the person by their Slack id (the reopen form). */
  reopenForSlackUser(actor: Person, cycleId: string, slackUserId: string | null): Promise<Validated<Person, 'person'>>;
  /** A template's newest version, for editing it; undefined when the workspace has no such template. */
  template(actor: Person, templateId: string): Promise<TemplateVersion | undefined>;
  completion(actor: Person, cycleId: string): Promise<CycleCompletion>;
  /** Nudges everyone with a late item, at most once per item per day; returns how many were queued. */
  nudgeLate(actor: Person, cycleId: string): Promise<number>;
  /** The completion rows for a CSV export; the export is audited. */
  exportCompletion(actor: Person, cycleId: string): Promise<CycleCompletion>;
  /** How the managers rated, for calibration: counts per point, across the cycle and per team, of the questions HR may read; audited. */
  calibration(actor: Person, cycleId: string): Promise<CycleCalibration>;
}

const todayOf = (actor: Person, now: DateTime) => now.setZone(actor.timezone).toISODate() ?? '';

/** The 360 engine, as far as a cycle's peer-feedback date reaches into it. */
export type PeerRequests = Pick<FeedbackRequestService, 'followReviewDate'>;

export function createReviewAdminService(deps: ReviewDeps & { access: AccessService; peerRequests: PeerRequests }): ReviewAdminService {
  const { db, clock, queue, access, peerRequests } = deps;
  const manage = (actor: Person) => access.authorize(actor, 'review.manage', { workspaceId: actor.workspaceId });
  const audit = (actor: Person, action: Parameters<typeof insertAuditEvents>[1][number]['action'], detail: Record<string, string>, subjectId: string | null = null) =>
    insertAuditEvents(db, [{ workspaceId: actor.workspaceId, actorId: actor.id, action, subjectId, detail }], clock.now().toJSDate());

  async function cycleOf(actor: Person, cycleId: string): Promise<ReviewCycle> {
    await manage(actor);
    const cycle = await findCycle(db, cycleId);
    // Another workspace's cycle (or none): refused alike, so its existence is not given away.
    if (!cycle || cycle.workspaceId !== actor.workspaceId) throw new AccessDeniedError('review.manage', 'other_workspace');
    return cycle;
  }

  async function participantIds(workspaceId: string, choice: ParticipantChoice): Promise<string[]> {
    const people = (await listPeople(db, workspaceId)).filter((p) => isActive(p) && !p.isBot);
    const bySlack = (slackUserId: string | null) => people.find((p) => p.slackUserId === slackUserId)?.id;
    if (choice.kind === 'slack_users') return participantIds(workspaceId, { kind: 'people', personIds: choice.slackUserIds.flatMap((id) => bySlack(id) ?? []) });
    if (choice.kind === 'team_of_slack_user') {
      const managerId = bySlack(choice.slackUserId);
      return managerId ? participantIds(workspaceId, { kind: 'team', managerId }) : [];
    }
    if (choice.kind === 'everyone') return people.map((p) => p.id);
    if (choice.kind === 'people') {
      const known = new Set(people.map((p) => p.id));
      return [...new Set(choice.personIds)].filter((id) => known.has(id));
    }
    const managerOf = await loadManagerOf(db, workspaceId);
    const under = (id: string): boolean => {
      const seen = new Set<string>();
      for (let m = managerOf.get(id); m && !seen.has(m); m = managerOf.get(m)) {
        if (m === choice.managerId) return true;
        seen.add(m);
      }
      return false;
    };
    return people.filter((p) => under(p.id)).map((p) => p.id);
  }

  async function planAndQueue(cycle: ReviewCycle, participants: Parameters<typeof planLaunchSteps>[2], only?: Parameters<typeof planLaunchSteps>[4]) {
    const planned = await planLaunchSteps(db, cycle, participants, clock.now(), only);
    const steps = await insertReviewSteps(db, planned);
    await queue.steps(steps);
  }

  async function completionOf(cycle: ReviewCycle): Promise<CycleCompletion> {
    const participants = await listParticipants(db, cycle.id);
    const reviews = await loadReviews(db, new Map([[cycle.id, cycle]]), participants);
    const byItem = Object.fromEntries(REVIEW_ITEMS.map((item) => [item, { done: 0, pending: 0, waiting: 0, closed: 0, late: 0 }])) as Record<ReviewItem, ItemCompletion>;
    const teams = new Map<string | null, { manager: Person | null; done: number; total: number }>();
    const now = clock.now();
    const rows = reviews.map((review: LoadedReview): CompletionRow => {
      const late = REVIEW_ITEMS.filter((item) => {
        const owner = ITEM_OWNER[item] === 'employee' ? review.person : review.manager;
        return isLate(review.states[item], cycle.phases[ITEM_PHASE[item]], todayOf(owner ?? review.person, now));
      });
      const team = teams.get(review.manager?.id ?? null) ?? { manager: review.manager, done: 0, total: 0 };
      for (const item of REVIEW_ITEMS) {
        byItem[item][review.states[item]] += 1;
        team.total += 1;
        if (review.states[item] === 'done') team.done += 1;
      }
      for (const item of late) byItem[item].late += 1;
      teams.set(review.manager?.id ?? null, team);
      return { person: review.person, manager: review.manager, states: review.states, late };
    });
    const peers = await countPeerNominations(
      db,
      participants.map((p) => p.id),
    );
    return { cycle, byItem, byTeam: [...teams.values()], rows, peers };
  }

  async function reopen(actor: Person, cycleId: string, personId: string): Promise<Validated<Person, 'person'>> {
    const cycle = await cycleOf(actor, cycleId);
    const person = (await listPeople(db, actor.workspaceId)).find((p) => p.id === personId);
    const participant = (await listParticipants(db, cycleId)).find((p) => p.personId === personId);
    if (cycle.status !== 'closed') return { ok: false, errors: { person: 'The cycle is still open: reopening is for one person after it closed.' } };
    if (!person || !participant) return { ok: false, errors: { person: 'That person is not in this cycle.' } };
    await updateParticipant(db, participant.id, { reopenedAt: clock.now().toJSDate() });
    await audit(actor, 'review.reopened', { cycleId }, personId);
    return { ok: true, value: person };
  }

  async function add(actor: Person, cycleId: string, personIds: readonly string[]): Promise<Validated<Person[], 'people'>> {
    const cycle = await cycleOf(actor, cycleId);
    if (cycle.status === 'closed') return { ok: false, errors: { people: 'This cycle is closed: reopen it for one person instead.' } };
    if (personIds.length === 0) return { ok: false, errors: { people: 'Pick the people to add.' } };
    const people = new Map((await listPeople(db, actor.workspaceId)).map((p) => [p.id, p]));
    if (personIds.some((id) => !people.has(id))) return { ok: false, errors: { people: 'Someone you picked has not joined Cadence yet: they can be added once they have.' } };
    const unable = personIds.flatMap((id) => people.get(id) ?? []).find((p) => !isActive(p) || p.isBot);
    if (unable) return { ok: false, errors: { people: `${displayName(unable)} cannot take part: they are deactivated or a bot.` } };
    const already = new Set((await listParticipants(db, cycleId)).map((p) => p.personId));
    const fresh = personIds.filter((id) => !already.has(id));
    if (fresh.length === 0) return { ok: false, errors: { people: personIds.length === 1 ? 'They take part in this cycle already.' : 'Everyone you picked takes part in this cycle already.' } };
    const added = await insertParticipants(db, cycleId, fresh, clock.now().toJSDate());
    if (cycle.status === 'active') await planAndQueue(cycle, added);
    await insertAuditEvents(
      db,
      added.map((p) => ({ workspaceId: actor.workspaceId, actorId: actor.id, action: 'review.participant_added' as const, subjectId: p.personId, detail: { cycleId } })),
      clock.now().toJSDate(),
    );
    return { ok: true, value: added.flatMap((p) => people.get(p.personId) ?? []) };
  }

  return {
    async defineCompetency(actor, input) {
      await manage(actor);
      const errors: FieldErrors<CompetencyField> = {};
      const name = input.name.trim();
      const levels = input.levels.map((l) => l.trim());
      if (!name) errors.name = 'Name the competency.';
      else if (name.length > TEMPLATE_LIMITS.nameMax) errors.name = `Keep the name to ${TEMPLATE_LIMITS.nameMax} characters.`;
      else if ((await listCompetencies(db, actor.workspaceId)).some((c) => c.name.toLowerCase() === name.toLowerCase())) errors.name = 'There is a competency of that name already.';
      if (levels.length < TEMPLATE_LIMITS.scaleMin || levels.length > TEMPLATE_LIMITS.scaleMax) errors.levels = `Describe ${TEMPLATE_LIMITS.scaleMin} to ${TEMPLATE_LIMITS.scaleMax} levels.`;
      else if (levels.some((l) => !l)) errors.levels = 'Say what each level looks like.';
      const people = input.teamSlackUserId ? (await listPeople(db, actor.workspaceId)).filter((p) => isActive(p) && !p.isBot) : [];
      const manager = people.find((p) => p.slackUserId === input.teamSlackUserId);
      const managerOf = manager ? await loadManagerOf(db, actor.workspaceId) : new Map<string, string>();
      if (input.teamSlackUserId && !manager) errors.team = 'Pick someone active in Cadence.';
      else if (manager && ![...managerOf.values()].includes(manager.id)) errors.team = 'Nobody reports to that person: pick a manager, or leave it for the whole workspace.';
      const role = input.role?.trim() || null;
      if (role && role.length > TEMPLATE_LIMITS.roleMax) errors.role = `Keep the job title to ${TEMPLATE_LIMITS.roleMax} characters.`;
      else if (role && ![...(await loadTitles(db, actor.workspaceId)).values()].some((title) => sameRole(title, role)))
        errors.role = 'Nobody active in Cadence has that job title on their Slack profile: check the spelling, or leave it for every role.';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const competency = await insertCompetency(
        db,
        { workspaceId: actor.workspaceId, name, description: input.description.trim(), levels, teamManagerId: manager?.id ?? null, role },
        clock.now().toJSDate(),
      );
      return { ok: true, value: competency };
    },

    async competencies(actor) {
      await manage(actor);
      const competencies = await listCompetencies(db, actor.workspaceId);
      const managers = new Map((await listPeople(db, actor.workspaceId)).map((p) => [p.id, p]));
      return competencies.map((c) => ({ ...c, teamManager: (c.teamManagerId && managers.get(c.teamManagerId)) || null }));
    },

    async saveTemplate(actor, templateId, draft) {
      await manage(actor);
      const competencies = new Map((await listCompetencies(db, actor.workspaceId)).map((c) => [c.id, c]));
      const checked = validateTemplate(draft, competencies);
      if (!checked.ok) return checked;
      const at = clock.now().toJSDate();
      const version = await db.transaction().execute(async (tx) => {
        if (!templateId) return insertTemplate(tx, actor.workspaceId, checked.value, at);
        const latest = await findLatestVersion(tx, templateId, true);
        if (!latest || latest.workspaceId !== actor.workspaceId) throw new Error(`no review template ${templateId} in this workspace`);
        if (await isVersionInUse(tx, latest.id)) return insertVersion(tx, templateId, actor.workspaceId, latest.version + 1, checked.value, at);
        await updateVersion(tx, latest.id, checked.value);
        return { ...latest, ...checked.value };
      });
      await audit(actor, 'review.template_saved', { templateId: version.templateId, versionId: version.id });
      return { ok: true, value: version };
    },

    async templates(actor) {
      await manage(actor);
      return listLatestVersions(db, actor.workspaceId);
    },

    async createCycle(actor, input) {
      await manage(actor);
      const version = input.templateVersionId ? await findVersion(db, input.templateVersionId) : undefined;
      const ours = version?.workspaceId === actor.workspaceId ? version : undefined;
      const ids = await participantIds(actor.workspaceId, input.participants);
      const checked = validateCycle(
        { name: input.name, templateVersionId: ours?.id ?? null, questionCount: ours?.questions.length ?? 0, participantIds: ids, phases: input.phases },
        todayOf(actor, clock.now()),
      );
      if (!checked.ok) {
        // "No participants" for a team says why: no manager picked, or nobody under them.
        if (checked.errors.participants && input.participants.kind === 'team_of_slack_user')
          checked.errors.participants = input.participants.slackUserId ? 'Nobody reports to that person, directly or further down: pick another manager.' : 'Pick the manager whose team takes part.';
        return checked;
      }
      const at = clock.now().toJSDate();
      const cycleId = await db.transaction().execute(async (tx) => {
        const id = await insertCycle(tx, { workspaceId: actor.workspaceId, name: checked.value.name, templateVersionId: checked.value.templateVersionId ?? '', createdBy: actor.id, phases: input.phases }, at);
        await insertParticipants(tx, id, ids, at);
        return id;
      });
      await audit(actor, 'review.cycle_created', { cycleId });
      return { ok: true, value: await cycleOf(actor, cycleId) };
    },

    async cycles(actor) {
      await manage(actor);
      return listCycles(db, actor.workspaceId);
    },

    async launch(actor, cycleId) {
      const cycle = await cycleOf(actor, cycleId);
      if (cycle.status !== 'draft') return cycle;
      await setCycleStatus(db, cycleId, 'active', clock.now().toJSDate());
      const active = await cycleOf(actor, cycleId);
      await planAndQueue(active, await listParticipants(db, cycleId));
      await audit(actor, 'review.cycle_launched', { cycleId });
      return active;
    },

    addParticipants: add,

    async addParticipantsBySlackUsers(actor, cycleId, slackUserIds) {
      await cycleOf(actor, cycleId);
      const bySlack = new Map((await listPeople(db, actor.workspaceId)).map((p) => [p.slackUserId, p.id]));
      // Someone Slack knows but Cadence does not yet has no person id: '' is refused as not joined.
      return add(actor, cycleId, [...new Set(slackUserIds)].map((id) => bySlack.get(id) ?? ''));
    },

    async extendPhase(actor, cycleId, phase, dueOn) {
      const cycle = await cycleOf(actor, cycleId);
      const checked = validateExtension(cycle.phases, phase, dueOn, todayOf(actor, clock.now()));
      if (!checked.ok) return checked;
      await setPhases(db, cycleId, checked.value);
      const extended = await cycleOf(actor, cycleId);
      // The peers' 360 requests already made are due on the peer-feedback date: they move with it, and so does the reminder to nominate.
      if (phase === 'peer_feedback' && extended.status !== 'draft') {
        const participants = await listParticipants(db, cycleId);
        const ids = participants.map((p) => p.id);
        for (const requestId of await listPeerRequestIds(db, ids)) await peerRequests.followReviewDate(actor, requestId, dueOn);
        if (extended.status === 'active') {
          await cancelReviewSteps(db, ids, clock.now().toJSDate(), { kinds: ['peer_nomination_reminder'] });
          await planAndQueue(extended, participants, { items: [], peers: true });
        }
      }
      // Peer feedback and calibration have no review items of their own: nothing of ours to replan.
      const items = REVIEW_ITEMS.filter((item) => ITEM_PHASE[item] === phase);
      if (extended.status === 'active' && items.length > 0) {
        const participants = await listParticipants(db, cycleId);
        await cancelReviewSteps(
          db,
          participants.map((p) => p.id),
          clock.now().toJSDate(),
          { items, kinds: ['invitation', 'due_in_7_days', 'due_in_1_day'] },
        );
        await planAndQueue(extended, participants, { items, peers: false });
      }
      await audit(actor, 'review.cycle_extended', { cycleId, phase, dueOn });
      return { ok: true, value: extended };
    },

    async close(actor, cycleId) {
      const cycle = await cycleOf(actor, cycleId);
      const at = clock.now().toJSDate();
      const participants = await listParticipants(db, cycleId);
      await db.transaction().execute(async (tx) => {
        await setCycleStatus(tx, cycleId, 'closed', at);
        await clearReopenings(tx, cycleId);
        await cancelReviewSteps(
          tx,
          participants.map((p) => p.id),
          at,
        );
      });
      if (cycle.status !== 'closed') await audit(actor, 'review.cycle_closed', { cycleId });
      return cycleOf(actor, cycleId);
    },

    reopenFor: reopen,

    async reopenForSlackUser(actor, cycleId, slackUserId) {
      await cycleOf(actor, cycleId);
      if (!slackUserId) return { ok: false, errors: { person: 'Pick the person whose review reopens.' } };
      const person = (await listPeople(db, actor.workspaceId)).find((p) => p.slackUserId === slackUserId);
      return reopen(actor, cycleId, person?.id ?? '');
    },

    async template(actor, templateId) {
      await manage(actor);
      const latest = await findLatestVersion(db, templateId);
      return latest?.workspaceId === actor.workspaceId ? latest : undefined;
    },

    async completion(actor, cycleId) {
      return completionOf(await cycleOf(actor, cycleId));
    },

    async nudgeLate(actor, cycleId) {
      const completion = await completionOf(await cycleOf(actor, cycleId));
      const now = clock.now();
      const day = todayOf(actor, now);
      const byPerson = new Map(completion.rows.map((row) => [row.person.id, row]));
      const participants = (await listParticipants(db, cycleId)).filter((p) => (byPerson.get(p.personId)?.late.length ?? 0) > 0);
      const planned = participants.flatMap((p) =>
        (byPerson.get(p.personId)?.late ?? []).map((item) => ({ participantId: p.id, item, kind: 'late_nudge' as const, dueAt: now.toJSDate(), nudgeDay: day })),
      );
      const steps = await insertReviewSteps(db, planned);
      await queue.steps(steps);
      return steps.length;
    },

    async calibration(actor, cycleId) {
      const cycle = await cycleOf(actor, cycleId);
      const version = await findVersion(db, cycle.templateVersionId);
      if (!version) throw new Error(`review cycle ${cycle.id} has no template version`);
      const reviews = await loadReviews(db, new Map([[cycle.id, cycle]]), await listParticipants(db, cycle.id));
      const submitted = reviews.flatMap((review) => {
        const response = review.responses.find((r) => r.role === 'manager' && r.authorId === review.manager?.id && r.submittedAt !== null);
        return response ? [{ managerId: review.manager?.id ?? null, answers: response.answers }] : [];
      });
      const competencies = new Map((await listCompetencies(db, actor.workspaceId)).map((c) => [c.id, c]));
      const managers = new Map(reviews.flatMap((r) => (r.manager ? [[r.manager.id, r.manager] as const] : [])));
      await audit(actor, 'review.calibration_read', { cycleId });
      return {
        cycle,
        submitted: submitted.length,
        participants: reviews.length,
        questions: calibrate(version.questions, competencies, submitted).map((q) => ({
          ...q,
          byTeam: q.byTeam.map((t) => ({ manager: (t.managerId && managers.get(t.managerId)) || null, counts: t.counts })),
        })),
      };
    },

    async exportCompletion(actor, cycleId) {
      const completion = await completionOf(await cycleOf(actor, cycleId));
      await audit(actor, 'review.exported', { cycleId });
      return completion;
    },
  };
}
