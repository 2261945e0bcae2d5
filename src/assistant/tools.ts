import { z } from 'zod';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import { FEEDBACK_LIMITS } from '../domain/feedback';
import { GOAL_STATUSES, type GoalStatus, isGoalId } from '../domain/goal';
import { parseDecimal } from '../domain/key-result';
import type { Person } from '../domain/person';
import { takesReportedProgress } from '../domain/progress';
import type { Clock } from '../lib/clock';
import { findPeopleNamed } from '../repositories/assistant.repository';
import type { AiService } from '../services/ai.service';
import type { CheckinService } from '../services/checkin.service';
import type { FeedbackRequestService } from '../services/feedback-request.service';
import type { GoalCard, GoalDetail, GoalService } from '../services/goal.service';
import type { PeopleService } from '../services/people.service';
import type { ReviewService } from '../services/review.service';
import { matchByTitle, slackIdOf } from './matching';
import { selfAssessmentSpec } from './self-assessment.spec';
import type { ApplyOutcome, ProposedChange, ToolInfo, ToolResult } from './types';

/** The services a tool calls, always as the person who wrote. */
export interface ToolDeps {
  db: Db;
  clock: Clock;
  goals: GoalService;
  checkins: CheckinService;
  reviews: ReviewService;
  feedbackRequests: FeedbackRequestService;
  people: PeopleService;
  ai: AiService;
}

/** How far back the self-assessment draft looks. */
export const SELF_ASSESSMENT_WINDOW_DAYS = 180;

/** A write, checked and looked up, waiting for Confirm: what is stored with the proposal. */
export interface Proposal {
  resolved: unknown;
  /** The goal's newest history entry when proposed; Confirm refuses if there is a newer one. */
  expected: string | null;
  change: ProposedChange;
}

export interface ReadTool extends ToolInfo {
  kind: 'read';
  /** JSON schema of the arguments, for a model. */
  schema: z.ZodType;
  run(deps: ToolDeps, actor: Person, args: unknown): Promise<ToolResult>;
}

export interface WriteTool extends ToolInfo {
  kind: 'write';
  schema: z.ZodType;
  /** Checks and looks up what would change; nothing is stored. */
  propose(deps: ToolDeps, actor: Person, args: unknown): Promise<{ ok: true; proposal: Proposal } | { ok: false; result: ToolResult }>;
  /** Applies a proposal through the same service call as the forms. */
  apply(deps: ToolDeps, actor: Person, resolved: unknown, expected: string | null): Promise<ApplyOutcome>;
}

export type AssistantTool = ReadTool | WriteTool;

/** Arguments a model or the grammar sent that do not fit the schema: said plainly. */
const invalidArgs = (error: z.ZodError): ToolResult => ({ kind: 'invalid', message: error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') });

function readTool<A>(info: Omit<ToolInfo, 'kind'>, schema: z.ZodType<A>, run: (deps: ToolDeps, actor: Person, args: A) => Promise<ToolResult>): ReadTool {
  return {
    ...info,
    kind: 'read',
    schema,
    async run(deps, actor, raw) {
      const parsed = schema.safeParse(raw ?? {});
      return parsed.success ? run(deps, actor, parsed.data) : invalidArgs(parsed.error);
    },
  };
}

function writeTool<A, R>(
  info: Omit<ToolInfo, 'kind'>,
  schema: z.ZodType<A>,
  resolvedSchema: z.ZodType<R>,
  propose: (deps: ToolDeps, actor: Person, args: A) => Promise<{ ok: true; resolved: R; expected: string | null; change: ProposedChange } | { ok: false; result: ToolResult }>,
  apply: (deps: ToolDeps, actor: Person, resolved: R, expected: string | null) => Promise<ApplyOutcome>,
): WriteTool {
  return {
    ...info,
    kind: 'write',
    schema,
    async propose(deps, actor, raw) {
      const parsed = schema.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, result: invalidArgs(parsed.error) };
      const proposed = await propose(deps, actor, parsed.data);
      return proposed.ok ? { ok: true, proposal: { resolved: proposed.resolved, expected: proposed.expected, change: proposed.change } } : proposed;
    },
    async apply(deps, actor, resolved, expected) {
      // Stored by this code; a row that no longer fits is refused like a crafted button.
      const parsed = resolvedSchema.safeParse(resolved);
      if (!parsed.success) throw new AccessDeniedError('goal.edit', 'not_permitted');
      return apply(deps, actor, parsed.data, expected);
    },
  };
}

/** A refusal by the access policy reads exactly like "there is no such thing". */
async function orNotFound<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AccessDeniedError) return undefined;
    throw error;
  }
}

/** Every goal the actor may see by name: their own, their reports', and public shared ones. */
async function visibleGoals(deps: ToolDeps, actor: Person): Promise<Array<{ id: string; title: string }>> {
  const [own, team, shared] = await Promise.all([orNotFound(() => deps.goals.listOwn(actor)), deps.goals.team(actor), deps.goals.shared(actor)]);
  const all = [...(own ?? []).map((c) => c.goal), ...team.flatMap((m) => m.goals), ...shared.map((s) => s.goal)];
  const seen = new Set<string>();
  return all.filter((g) => g.status !== 'archived' && !seen.has(g.id) && seen.add(g.id)).map((g) => ({ id: g.id, title: g.title }));
}

/** Where a goal's history stands: every change, by anyone, through any form, adds an entry. */
const versionOf = (detail: GoalDetail): string => `${detail.history[0]?.id ?? 0}`;

/** The goals, with key results, of the actor and of the reports whose goals they may update. */
async function editableCards(deps: ToolDeps, actor: Person): Promise<GoalCard[]> {
  const reports = await deps.goals.team(actor);
  const listings = await Promise.all(reports.map((m) => orNotFound(() => deps.goals.listFor(actor, m.person))));
  const theirs = listings.flatMap((listing) => (listing?.canEdit ? listing.cards : []));
  return [...(await deps.goals.listOwn(actor)), ...theirs];
}

type Found<T> = { ok: true; value: T } | { ok: false; result: ToolResult };

/** A goal by id or by words of its title, as the actor may see it. */
async function findGoal(deps: ToolDeps, actor: Person, query: string, edit = false): Promise<Found<GoalDetail>> {
  const load = (id: string) => orNotFound(() => (edit ? deps.goals.forEdit(actor, id) : deps.goals.details(actor, id)));
  const notFound: Found<GoalDetail> = { ok: false, result: { kind: 'not_found', what: 'goal', query } };
  if (isGoalId(query.trim())) {
    const detail = await load(query.trim());
    return detail ? { ok: true, value: detail } : notFound;
  }
  const match = matchByTitle(query, await visibleGoals(deps, actor), (g) => g.title);
  if (match.kind === 'many') return { ok: false, result: { kind: 'ambiguous', query, options: match.items.map((g) => g.title) } };
  const detail = match.kind === 'one' ? await load(match.item.id) : undefined;
  return detail ? { ok: true, value: detail } : notFound;
}

const goalArg = z.string().trim().min(1).max(200).describe('The goal: words of its title, or its id.');
const noArgs = z.object({});

const listGoals = readTool(
  {
    name: 'list_goals',
    description: 'List goals with their progress: the writer’s own, or (for a manager) a report’s. `person` is a Slack mention, user id or name; leave it out for your own goals.',
    action: 'goal.view',
    grammar: '`goals` · `goals @person`',
  },
  z.object({ person: z.string().trim().max(100).optional() }),
  async (deps, actor, { person }) => {
    const today = deps.goals.today(actor);
    if (!person) return { kind: 'goals', owner: actor, self: true, cards: await deps.goals.listOwn(actor), scope: 'all', today };
    const notFound: ToolResult = { kind: 'not_found', what: 'goals_of', query: person };
    const named = slackIdOf(person) ? [slackIdOf(person)!] : await findPeopleNamed(deps.db, actor.workspaceId, person.replace(/^@/, ''));
    if (named.length !== 1) return named.length > 1 ? { kind: 'ambiguous', query: person, options: [] } : notFound;
    const owner = await deps.people.resolve(actor.workspaceId, named[0]!);
    if (!owner) return notFound;
    const listing = await orNotFound(() => deps.goals.listFor(actor, owner));
    if (!listing) return notFound;
    return { kind: 'goals', owner, self: owner.id === actor.id, cards: listing.cards, scope: listing.scope, today };
  },
);

const showGoal = readTool(
  { name: 'show_goal', description: 'Show one goal with its key results and recent history.', action: 'goal.view', grammar: '`goal <name>`' },
  z.object({ goal: goalArg }),
  async (deps, actor, { goal }) => {
    const found = await findGoal(deps, actor, goal);
    return found.ok ? { kind: 'goal', detail: found.value, today: deps.goals.today(actor), viewer: actor } : found.result;
  },
);

const explainProgress = readTool(
  {
    name: 'explain_progress',
    description: 'Explain how a goal’s progress percentage is computed from its key results or aligned goals.',
    action: 'goal.view',
    grammar: '`why <goal>`',
  },
  z.object({ goal: goalArg }),
  async (deps, actor, { goal }) => {
    const found = await findGoal(deps, actor, goal);
    return found.ok ? { kind: 'explain', detail: found.value } : found.result;
  },
);

const waiting = readTool(
  {
    name: 'whats_waiting',
    description: 'What is waiting for the writer: review forms, feedback to give, and their next check-in.',
    action: 'review.read',
    grammar: '`waiting`',
  },
  noArgs,
  async (deps, actor) => {
    const [reviews, feedback, checkin] = await Promise.all([
      deps.reviews.waiting(actor),
      deps.feedbackRequests.overview(actor),
      orNotFound(() => deps.checkins.next(actor)),
    ]);
    return { kind: 'waiting', reviews, feedback: feedback.waiting, checkin };
  },
);

const startCheckin = readTool(
  { name: 'start_checkin', description: 'Open the writer’s check-in form for the current period.', action: 'checkin.answer', grammar: '`checkin`' },
  noArgs,
  async (deps, actor) => {
    // Authorizes: someone who may not check in is told so, like the command tells them.
    await deps.checkins.next(actor);
    return { kind: 'checkin' };
  },
);

const answersSchema = z.object({
  metrics: z.string().trim().max(1000).optional().describe('Their answer to “What metrics improved?”'),
  collaborators: z.string().trim().max(1000).optional().describe('Their answer to “Who did you work with?”'),
  hardest: z.string().trim().max(1000).optional().describe('Their answer to “What was the hardest part?”'),
});

const draftSelfAssessment = readTool(
  {
    name: 'draft_self_assessment',
    description:
      'Draft the writer’s self-assessment from their goals, updates and check-ins, with citations. Ask the three questions first and pass their answers; nothing is submitted.',
    action: 'review.self_assess',
    grammar: '`draft self-assessment`',
  },
  answersSchema,
  async (deps, actor, answers) => {
    const since = deps.clock.now().minus({ days: SELF_ASSESSMENT_WINDOW_DAYS });
    return { kind: 'draft', result: await deps.ai.draftAbout(actor, actor, selfAssessmentSpec, since), answers };
  },
);

const recordProgress = writeTool(
  {
    name: 'record_progress',
    description:
      'Propose a new current value for a key result (or a percent for a goal without key results). The person confirms before anything changes.',
    action: 'goal.edit',
    grammar: '`progress <key result or goal> <value>`',
  },
  z.object({
    goal: z.string().trim().max(200).optional().describe('The goal, when the key result alone is ambiguous.'),
    keyResult: z.string().trim().max(200).optional().describe('Words of the key result’s title.'),
    value: z.string().trim().min(1).max(40).describe('The new value, a plain number like 5.2 or 40%.'),
  }),
  z.object({ goalId: z.uuid(), keyResultId: z.uuid().nullable(), value: z.number() }),
  async (deps, actor, args) => {
    const value = parseDecimal(args.value.replace(/[%\s,]/g, ''));
    if (value === null || value === undefined) return { ok: false, result: { kind: 'invalid', message: `“${args.value}” is not a number. Give a plain number, like 5.2 or 40.` } };
    let detail: GoalDetail | undefined;
    let keyResultQuery = args.keyResult;
    if (args.goal) {
      const found = await findGoal(deps, actor, args.goal, true);
      if (!found.ok) return found;
      detail = found.value;
    } else if (keyResultQuery) {
      // A key result alone: look through the goals the actor may update.
      const keyResults = (await editableCards(deps, actor)).filter((c) => c.goal.status !== 'archived').flatMap((c) => c.keyResults.map((kr) => ({ kr, goalId: c.goal.id, title: kr.title })));
      const match = matchByTitle(keyResultQuery, keyResults, (k) => k.title);
      if (match.kind === 'many') return { ok: false, result: { kind: 'ambiguous', query: keyResultQuery, options: match.items.map((k) => k.title) } };
      if (match.kind === 'one') {
        detail = await orNotFound(() => deps.goals.forEdit(actor, match.item.goalId));
        keyResultQuery = match.item.kr.id;
      } else {
        // No key result by that name: perhaps a goal is meant.
        const found = await findGoal(deps, actor, keyResultQuery, true);
        if (!found.ok) return { ok: false, result: found.result.kind === 'not_found' ? { kind: 'not_found', what: 'key_result', query: keyResultQuery } : found.result };
        detail = found.value;
        keyResultQuery = undefined;
      }
    }
    if (!detail) return { ok: false, result: { kind: 'invalid', message: 'Say which key result or goal to update.' } };
    const goal = detail;
    let keyResult = keyResultQuery ? goal.keyResults.find((kr) => kr.id === keyResultQuery) : undefined;
    if (keyResultQuery && !keyResult) {
      const match = matchByTitle(keyResultQuery, goal.keyResults, (kr) => kr.title);
      if (match.kind === 'many') return { ok: false, result: { kind: 'ambiguous', query: keyResultQuery, options: match.items.map((kr) => kr.title) } };
      if (match.kind === 'none') return { ok: false, result: { kind: 'not_found', what: 'key_result', query: keyResultQuery } };
      keyResult = match.item;
    }
    if (!keyResult && goal.keyResults.length === 1) keyResult = goal.keyResults[0];
    if (!keyResult && goal.keyResults.length > 1) return { ok: false, result: { kind: 'ambiguous', query: goal.goal.title, options: goal.keyResults.map((kr) => kr.title) } };
    if (!keyResult && !takesReportedProgress(0, goal.children.length + goal.hiddenChildren)) {
      return { ok: false, result: { kind: 'invalid', message: `“${goal.goal.title}” takes its progress from its aligned goals; update those instead.` } };
    }
    return {
      ok: true,
      resolved: { goalId: goal.goal.id, keyResultId: keyResult?.id ?? null, value },
      expected: versionOf(goal),
      change: { tool: 'record_progress', goal, keyResult, value },
    };
  },
  async (deps, actor, resolved, expected) => {
    const current = await orNotFound(() => deps.goals.forEdit(actor, resolved.goalId));
    if (!current) return { kind: 'failed', problems: ['That goal is no longer yours to update.'] };
    if (versionOf(current) !== expected) return { kind: 'stale', detail: current };
    const value = String(resolved.value);
    const result = await deps.goals.updateProgress(actor, resolved.goalId, {
      status: current.goal.status,
      note: null,
      values: resolved.keyResultId ? [{ keyResultId: resolved.keyResultId, value }] : [],
      percent: resolved.keyResultId ? null : value,
    });
    if (!result.ok) return { kind: 'failed', problems: Object.values(result.errors).filter((e): e is string => typeof e === 'string') };
    const keyResult = current.keyResults.find((kr) => kr.id === resolved.keyResultId);
    return { kind: 'applied', change: { tool: 'record_progress', goal: current, keyResult, value: resolved.value }, detail: result.value };
  },
);

/** Status words as people type them: "at risk", "at-risk", "at_risk". */
export const statusOf = (text: string): GoalStatus | undefined => {
  const key = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (GOAL_STATUSES as readonly string[]).includes(key) && key !== 'archived' ? (key as GoalStatus) : undefined;
};

const setStatus = writeTool(
  {
    name: 'set_status',
    description: 'Propose a new status for a goal (not_started, on_track, at_risk, off_track, completed, deferred) with a note. The person confirms first.',
    action: 'goal.edit',
    grammar: '`status <goal> <status>: <note>`',
  },
  z.object({ goal: goalArg, status: z.string().trim().min(1).max(30), note: z.string().trim().max(3000).optional() }),
  z.object({ goalId: z.uuid(), status: z.enum(GOAL_STATUSES), note: z.string().nullable() }),
  async (deps, actor, args) => {
    const status = statusOf(args.status);
    if (!status) return { ok: false, result: { kind: 'invalid', message: `“${args.status}” is not a status. Use on track, at risk, off track, completed, deferred or not started.` } };
    const found = await findGoal(deps, actor, args.goal, true);
    if (!found.ok) return found;
    const note = args.note || null;
    return {
      ok: true,
      resolved: { goalId: found.value.goal.id, status, note },
      expected: versionOf(found.value),
      change: { tool: 'set_status', goal: found.value, status, note },
    };
  },
  async (deps, actor, resolved, expected) => {
    const current = await orNotFound(() => deps.goals.forEdit(actor, resolved.goalId));
    if (!current) return { kind: 'failed', problems: ['That goal is no longer yours to update.'] };
    if (versionOf(current) !== expected) return { kind: 'stale', detail: current };
    const result = await deps.goals.updateProgress(actor, resolved.goalId, { status: resolved.status, note: resolved.note, values: [] });
    if (!result.ok) return { kind: 'failed', problems: Object.values(result.errors).filter((e): e is string => typeof e === 'string') };
    return { kind: 'applied', change: { tool: 'set_status', goal: current, status: resolved.status, note: resolved.note }, detail: result.value };
  },
);

const { peersMin, peersMax } = FEEDBACK_LIMITS;

const requestFeedback = writeTool(
  {
    name: 'request_feedback',
    description: `Propose asking ${peersMin} to ${peersMax} peers (Slack mentions or user ids) for 360 feedback about the writer, under the same rules as /feedback request. The person confirms first.`,
    action: 'feedback.request',
    grammar: '`feedback @peer @peer …`',
  },
  z.object({
    peers: z
      .array(z.string().trim().min(1).max(100))
      .min(peersMin, `Ask at least ${peersMin} people, so no single answer stands out.`)
      .max(peersMax, `Ask at most ${peersMax} people.`),
  }),
  z.object({ peerSlackIds: z.array(z.string()).min(1) }),
  async (deps, actor, { peers }) => {
    const ids = peers.map((p) => slackIdOf(p));
    const unknown = peers.filter((_, i) => ids[i] === undefined);
    if (unknown.length > 0) return { ok: false, result: { kind: 'invalid', message: `Mention each person (like @name) so I know who you mean: ${unknown.join(', ')}.` } };
    const found = await Promise.all(ids.map((id) => deps.people.resolve(actor.workspaceId, id!)));
    if (found.some((p) => p === undefined)) return { ok: false, result: { kind: 'invalid', message: 'Slack does not know one of those people in this workspace.' } };
    const form = await deps.feedbackRequests.form(actor, null);
    return {
      ok: true,
      resolved: { peerSlackIds: ids as string[] },
      expected: null,
      change: { tool: 'request_feedback', peers: found as Person[], dueOn: form.due.suggested },
    };
  },
  async (deps, actor, resolved) => {
    const form = await deps.feedbackRequests.form(actor, null);
    const created = await deps.feedbackRequests.create(actor, {
      subjectSlackId: actor.slackUserId,
      peerSlackIds: resolved.peerSlackIds,
      focusAreas: form.focusAreas.slice(0, FEEDBACK_LIMITS.focusAreasMax),
      customQuestion: null,
      dueOn: form.due.suggested,
      note: null,
    });
    if (!created.ok) return { kind: 'failed', problems: Object.values(created.errors).filter((e): e is string => typeof e === 'string') };
    return { kind: 'applied', change: { tool: 'request_feedback', peers: created.value.peers, dueOn: created.value.request.dueOn }, detail: undefined };
  },
);

/** Every tool, declared once: help, the README, the offline grammar and the model all read this list. */
export const TOOLS: readonly AssistantTool[] = [
  listGoals,
  showGoal,
  explainProgress,
  recordProgress,
  setStatus,
  startCheckin,
  draftSelfAssessment,
  requestFeedback,
  waiting,
];

export const toolNamed = (name: string): AssistantTool | undefined => TOOLS.find((tool) => tool.name === name);

