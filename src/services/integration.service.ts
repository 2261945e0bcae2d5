import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { FieldErrors, Goal, GoalLevel, Validated } from '../domain/goal';
import { INTEGRATION_KINDS, type IntegrationKind, isPushKind, MAX_NEXT_STEPS, NEXT_STEP_MAX_CHARS, type PushKind, TOOL_NAMES } from '../domain/integration';
import type { Person } from '../domain/person';
import { keyResultProgress } from '../domain/progress';
import { ToolRefusedError, type ToolProblem } from '../integrations/http';
import type { PushDocument, PushTarget, TranscriptFetcher, TranscriptPoller } from '../integrations/types';
import type { Clock } from '../lib/clock';
import { OutcomeUnknownError, PermanentError, RateLimitedError, RunLaterError } from '../lib/errors';
import type { SecretBox } from '../lib/secret-box';
import { findGoalById } from '../repositories/goal.repository';
import {
  bumpGoalItems,
  claimItem,
  type ConnectionRow,
  connectionsWithRule,
  deleteConnection,
  deleteRule,
  findConnection,
  finishItem,
  insertConnection,
  insertRule,
  type ItemRow,
  listConnections,
  listItemsForSubject,
  listRules,
  listUnsyncedItems,
  markAttempted,
  releaseItem,
  setConnectionProblem,
  settleItem,
  wantItem,
} from '../repositories/integration.repository';
import { findPersonById } from '../repositories/person.repository';
import { findCycle, findParticipant } from '../repositories/review-cycle.repository';
import type { AccessService } from './access.service';
import type { GoalService } from './goal.service';
import type { ServedWorkspaces } from './ports';

/** Builds a connection's clients; the secret arrives opened and goes no further than the client. */
export interface IntegrationTools {
  /** `timeoutMs` shortens the configured timeout (a form's check must answer Slack within 3 s). */
  target(kind: PushKind, secret: string, settings: Record<string, unknown>, timeoutMs?: number): PushTarget;
  fetcher(apiKey: string, timeoutMs?: number): TranscriptFetcher;
  poller(apiKey: string, timeoutMs?: number): TranscriptPoller;
}

/** How long a check made from a form may wait for the tool: Slack closes a form not answered in 3 s. */
export const FORM_CHECK_TIMEOUT_MS = 2500;

/** Carries one sync of one item to the worker; the job id holds the version, so a repeat is one job. */
export interface IntegrationQueue {
  sync(items: ReadonlyArray<{ itemId: string; version: number }>): Promise<void>;
}

/** A connection as forms and the Home tab show it: never its secret. */
export interface ConnectionView {
  id: string;
  kind: IntegrationKind;
  name: string;
  scope: 'workspace' | 'personal';
  /** The database, project, board or host it points at. */
  target: string;
  problem: string | null;
  /** Goal levels pushed here automatically when created. */
  rules: GoalLevel[];
}

export interface ConnectionInput {
  scope: 'workspace' | 'personal';
  kind: string;
  name: string;
  /** The token, API key or webhook secret. */
  secret: string;
  /** The Notion database (id or link), Asana project, monday.com board or webhook URL. */
  target: string;
  /** Fireflies only: the secret its webhooks are signed with. */
  webhookSecret?: string;
}

export type ConnectionField = 'kind' | 'name' | 'secret' | 'target' | 'webhook_secret';

/** Where a goal or a set of next steps has been sent, and how that went. */
export interface PushedItem {
  connectionName: string;
  kind: IntegrationKind;
  url: string | null;
  state: 'sent' | 'sending' | 'failed';
  error: string | null;
}

export type PushField = 'connection' | 'next_steps';

export interface IntegrationService {
  /** The workspace's connections (HR admins) and the actor's own. */
  connections(actor: Person): Promise<{ workspace: ConnectionView[]; personal: ConnectionView[]; canManage: boolean }>;
  /** Connections the actor may push to: the workspace's and their own. */
  pushTargets(actor: Person): Promise<ConnectionView[]>;
  /** Checks the input and the connection itself (token, target) before anything is stored. */
  addConnection(actor: Person, input: ConnectionInput): Promise<Validated<ConnectionView, ConnectionField>>;
  /** Asks the tool again; a problem found is kept for the Home tab, a success clears it. */
  testConnection(actor: Person, connectionId: string): Promise<{ ok: true; target: string } | { ok: false; problem: string }>;
  removeConnection(actor: Person, connectionId: string): Promise<void>;
  /** "Every new goal of this level goes to this connection", on or off. */
  setRule(actor: Person, connectionId: string, level: GoalLevel, on: boolean): Promise<void>;
  pushGoal(actor: Person, goalId: string, connectionId: string): Promise<Validated<{ itemId: string }, PushField>>;
  /** Sends a review's next steps (from the conversation summary) to a connection. */
  pushNextSteps(actor: Person, participantId: string, connectionId: string, steps: readonly string[]): Promise<Validated<{ itemId: string }, PushField>>;
  /** Where a review's next steps have been sent, for the two people of the conversation. */
  nextStepItems(actor: Person, participantId: string): Promise<PushedItem[]>;
  /** Where a goal has been sent, for whoever may see the goal. */
  goalItems(actor: Person, goalId: string): Promise<PushedItem[]>;
  /** A goal was created: the rules of its level push it. */
  goalCreated(goal: Goal): Promise<void>;
  /** Goals changed (progress, status, dates): their items get a new version. */
  goalsChanged(goalIds: readonly string[]): Promise<void>;
  /** The worker's side: sends an item's newest version, once. */
  sync(itemId: string): Promise<void>;
  /** Queues every item with a version not yet sent (after Redis lost jobs). */
  reconcile(): Promise<number>;
}


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const denied = () => new AccessDeniedError('integrations.manage', 'not_permitted');

const pushedItem = (item: ItemRow & { connectionName: string; connectionKind: IntegrationKind }): PushedItem => ({
  connectionName: item.connectionName,
  kind: item.connectionKind,
  url: item.externalUrl,
  state: item.syncedVersion >= item.wantedVersion ? 'sent' : item.lastError ? 'failed' : 'sending',
  error: item.syncedVersion >= item.wantedVersion ? null : item.lastError,
});

/** The Notion database id inside a link or as typed (32 hex digits, dashes or not). */
export function notionDatabaseId(text: string): string | undefined {
  const compact = text.replace(/-/g, '');
  const match = /([0-9a-f]{32})(?:\?|$)/i.exec(compact) ?? /([0-9a-f]{32})/i.exec(compact);
  return match?.[1]?.toLowerCase();
}

function fieldFor(kind: IntegrationKind, problem: ToolProblem): ConnectionField {
  if (problem === 'auth') return 'secret';
  return kind === 'fireflies' || kind === 'granola' ? 'secret' : 'target';
}

/** What a failed check says, and under which field of the form. */
export function describeFailure(kind: IntegrationKind, error: unknown): { field: ConnectionField; message: string } {
  const tool = TOOL_NAMES[kind];
  if (error instanceof ToolRefusedError) {
    const message = error.problem === 'auth' ? `${tool} refused the token: ${error.message}` : error.message;
    return { field: fieldFor(kind, error.problem), message };
  }
  if (error instanceof RateLimitedError) return { field: 'target', message: `${tool} asked Cadence to slow down: try again in a minute.` };
  return { field: fieldFor(kind, 'unreachable'), message: `${tool} did not answer properly: try again in a minute.` };
}

function settingsTarget(connection: Pick<ConnectionRow, 'kind' | 'settings'>): string {
  const s = connection.settings;
  const text = (key: string) => (typeof s[key] === 'string' ? (s[key] as string) : '');
  switch (connection.kind) {
    case 'notion':
      return text('targetName') || text('databaseId');
    case 'asana':
      return text('targetName') || text('projectGid');
    case 'monday':
      return text('targetName') || text('boardId');
    case 'webhook':
      return text('url');
    default:
      return TOOL_NAMES[connection.kind];
  }
}

export function createIntegrationService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  goals: GoalService;
  tools: IntegrationTools;
  /** Undefined when INTEGRATIONS_KEY is not set: nothing can be connected. */
  secrets: SecretBox | undefined;
  queue: IntegrationQueue;
  workspaces?: ServedWorkspaces;
}): IntegrationService {
  const { db, clock, access, tools, queue } = deps;
  const now = () => clock.now().toJSDate();
  const workspace = (actor: Person) => ({ workspaceId: actor.workspaceId });

  const view = (row: ConnectionRow, rules: ReadonlyArray<{ connectionId: string; level: GoalLevel }>): ConnectionView => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    scope: row.ownerId ? 'personal' : 'workspace',
    target: settingsTarget(row),
    problem: row.problem,
    rules: rules.filter((rule) => rule.connectionId === row.id).map((rule) => rule.level),
  });

  /** The connection, when the actor may manage it: a workspace one as HR, a personal one as its owner. */
  const managed = async (actor: Person, connectionId: string): Promise<ConnectionRow> => {
    const row = UUID.test(connectionId) ? await findConnection(db, connectionId) : undefined;
    if (!row || row.workspaceId !== actor.workspaceId) throw denied();
    if (row.ownerId === null) await access.authorize(actor, 'integrations.manage', workspace(actor));
    else await access.authorize(actor, 'personal_settings.manage', await access.subject({ id: row.ownerId, workspaceId: row.workspaceId }));
    return row;
  };

  /** A connection the actor may push to. */
  const usable = async (actor: Person, connectionId: string): Promise<ConnectionRow | undefined> => {
    const row = await findConnection(db, connectionId);
    if (!row || row.workspaceId !== actor.workspaceId || !isPushKind(row.kind)) return undefined;
    return row.ownerId === null || row.ownerId === actor.id ? row : undefined;
  };

  const open = (row: ConnectionRow): string => {
    if (!deps.secrets) throw new PermanentError('INTEGRATIONS_KEY is not set, so connection secrets cannot be read');
    return deps.secrets.open(row.secret);
  };

  const targetOf = (row: ConnectionRow) => tools.target(row.kind as PushKind, open(row), row.settings);

  const queueItems = (items: readonly ItemRow[]) => queue.sync(items.map((item) => ({ itemId: item.id, version: item.wantedVersion })));

  const validate = (input: ConnectionInput): { errors: FieldErrors<ConnectionField>; kind?: IntegrationKind; settings: Record<string, unknown> } => {
    const errors: FieldErrors<ConnectionField> = {};
    const settings: Record<string, unknown> = {};
    const kind = INTEGRATION_KINDS.find((k) => k === input.kind);
    if (!kind) return { errors: { kind: 'Pick a tool.' }, settings };
    if (input.scope === 'personal' && !isPushKind(kind)) errors.kind = 'Transcript sources are set up for the whole workspace, by HR.';
    const name = input.name.trim();
    if (name === '') errors.name = 'Give the connection a name.';
    else if (name.length > 80) errors.name = 'Keep the name to 80 characters.';
    const secret = input.secret.trim();
    if (secret === '') errors.secret = kind === 'webhook' ? 'Enter the secret the receiver verifies signatures with.' : `Enter the ${TOOL_NAMES[kind]} token.`;
    else if (secret.length > 500 || /\s/.test(secret)) errors.secret = 'That does not look like a token: no spaces, at most 500 characters.';
    else if (kind === 'webhook' && secret.length < 16) errors.secret = 'Use a secret of at least 16 characters.';
    else if (!deps.secrets) errors.secret = 'Cadence has no INTEGRATIONS_KEY to encrypt secrets with: ask whoever runs it to set one.';
    const target = input.target.trim();
    switch (kind) {
      case 'notion': {
        const id = notionDatabaseId(target);
        if (!id) errors.target = 'Paste the database’s link or its 32-character id.';
        settings.databaseId = id;
        break;
      }
      case 'asana':
        if (!/^\d{1,30}$/.test(target)) errors.target = 'Enter the project’s number (the digits after /project/ in its link).';
        settings.projectGid = target;
        break;
      case 'monday':
        if (!/^\d{1,30}$/.test(target)) errors.target = 'Enter the board’s number (the digits after /boards/ in its link).';
        settings.boardId = target;
        break;
      case 'webhook': {
        let url: URL | undefined;
        try {
          url = new URL(target);
        } catch {
          url = undefined;
        }
        if (!url || !['https:', 'http:'].includes(url.protocol)) errors.target = 'Enter the full URL, starting with https://.';
        settings.url = target;
        break;
      }
      case 'fireflies': {
        const hook = (input.webhookSecret ?? '').trim();
        if (hook.length < 16 || /\s/.test(hook)) errors.webhook_secret = 'Enter the webhook secret from Fireflies’ settings (at least 16 characters).';
        break;
      }
      case 'granola':
        break;
    }
    return { errors, kind, settings };
  };

  const ensureNextSteps = (steps: readonly string[]): string | undefined => {
    const cleaned = steps.map((step) => step.trim());
    if (cleaned.length === 0 || cleaned.every((step) => step === '')) return 'There are no next steps to send.';
    if (cleaned.length > MAX_NEXT_STEPS) return `Send at most ${MAX_NEXT_STEPS} next steps.`;
    if (cleaned.some((step) => step === '')) return 'A next step is empty.';
    if (cleaned.some((step) => step.length > NEXT_STEP_MAX_CHARS)) return `Keep each next step to ${NEXT_STEP_MAX_CHARS} characters.`;
    return undefined;
  };

  const slackUrl = (workspaceId: string) => `https://app.slack.com/client/${workspaceId}`;

  /** The document an item stands for now; undefined when its subject is gone. */
  const documentOf = async (item: ItemRow): Promise<PushDocument | undefined> => {
    if (item.subjectKind === 'goal') {
      const detail = await deps.goals.loadForOwner(item.subjectId);
      if (!detail) return undefined;
      const { goal, owner, keyResults } = detail;
      return {
        kind: 'goal',
        title: goal.title,
        description: goal.description,
        owner: { name: owner.realName ?? owner.name, email: owner.email },
        dueOn: goal.targetDate,
        status: goal.status,
        progress: Math.floor(goal.progress),
        keyResults: keyResults.map((kr) => ({ title: kr.title, progress: Math.floor(keyResultProgress(kr)), current: kr.current, target: kr.target, unit: kr.unit })),
        slackUrl: slackUrl(goal.workspaceId),
      };
    }
    const participant = await findParticipant(db, item.subjectId);
    const person = participant && (await findPersonById(db, participant.personId));
    const cycle = participant && (await findCycle(db, participant.cycleId));
    if (!participant || !person || !cycle || !item.nextSteps) return undefined;
    const name = person.realName ?? person.name;
    return { kind: 'next_steps', title: `Next steps for ${name} (${cycle.name})`, steps: item.nextSteps, owner: { name, email: person.email }, slackUrl: slackUrl(person.workspaceId) };
  };

  const reportProblem = async (connection: ConnectionRow, error: ToolRefusedError) => {
    if (error.problem !== 'auth') return;
    await setConnectionProblem(db, connection.id, `${TOOL_NAMES[connection.kind]} refused the token (${error.message}). It may have been revoked: remove this connection and add it again with a new token.`);
  };

  /** The review conversation, for its two people only: the employee and their manager of today. */
  const conversationOf = async (actor: Person, participantId: string) => {
    const participant = UUID.test(participantId) ? await findParticipant(db, participantId) : undefined;
    const employee = participant && (await findPersonById(db, participant.personId));
    if (!participant || !employee || employee.workspaceId !== actor.workspaceId) throw new AccessDeniedError('review.sign_off', 'not_permitted');
    await access.authorize(actor, 'review.sign_off', await access.subject(employee));
    return participant;
  };

  return {
    async connections(actor) {
      const canManage = (await access.decide(actor, 'integrations.manage', workspace(actor))).allowed;
      const rows = await listConnections(db, actor.workspaceId, { workspace: canManage, ownerId: actor.id });
      const rules = await listRules(db, rows.map((row) => row.id));
      const views = rows.map((row) => view(row, rules));
      return { workspace: views.filter((v) => v.scope === 'workspace'), personal: views.filter((v) => v.scope === 'personal'), canManage };
    },
    async pushTargets(actor) {
      const rows = await listConnections(db, actor.workspaceId, { workspace: true, ownerId: actor.id });
      return rows.filter((row) => isPushKind(row.kind)).map((row) => view(row, []));
    },
    async addConnection(actor, input) {
      if (input.scope === 'workspace') await access.authorize(actor, 'integrations.manage', workspace(actor));
      else await access.authorize(actor, 'personal_settings.manage', await access.subject(actor));
      const { errors, kind, settings } = validate(input);
      if (!kind || Object.keys(errors).length > 0 || !deps.secrets) return { ok: false, errors };
      const secret = input.secret.trim();
      let targetName: string;
      try {
        if (kind === 'fireflies') {
          await tools.fetcher(secret, FORM_CHECK_TIMEOUT_MS).check();
          targetName = TOOL_NAMES[kind];
        } else if (kind === 'granola') {
          await tools.poller(secret, FORM_CHECK_TIMEOUT_MS).check();
          targetName = TOOL_NAMES[kind];
        } else {
          const checked = await tools.target(kind, secret, settings, FORM_CHECK_TIMEOUT_MS).check();
          Object.assign(settings, checked.learned ?? {});
          targetName = checked.target;
        }
      } catch (error) {
        const { field, message } = describeFailure(kind, error);
        return { ok: false, errors: { [field]: message } };
      }
      if (kind !== 'webhook') settings.targetName = targetName;
      // Fireflies keeps two secrets (the API key and the webhook secret), sealed together.
      const sealed = deps.secrets.seal(kind === 'fireflies' ? JSON.stringify({ apiKey: secret, webhookSecret: (input.webhookSecret ?? '').trim() }) : secret);
      const row = await insertConnection(db, {
        workspaceId: actor.workspaceId,
        ownerId: input.scope === 'personal' ? actor.id : null,
        kind,
        name: input.name.trim(),
        settings,
        secret: sealed,
        createdBy: actor.id,
        at: now(),
      });
      return { ok: true, value: view(row, []) };
    },
    async testConnection(actor, connectionId) {
      const row = await managed(actor, connectionId);
      try {
        let target = TOOL_NAMES[row.kind];
        if (row.kind === 'fireflies') await tools.fetcher(firefliesSecrets(open(row)).apiKey, FORM_CHECK_TIMEOUT_MS).check();
        else if (row.kind === 'granola') await tools.poller(open(row), FORM_CHECK_TIMEOUT_MS).check();
        else target = (await tools.target(row.kind as PushKind, open(row), row.settings, FORM_CHECK_TIMEOUT_MS).check()).target;
        await setConnectionProblem(db, row.id, null);
        return { ok: true, target };
      } catch (error) {
        const { message } = describeFailure(row.kind, error);
        if (error instanceof ToolRefusedError) await reportProblem(row, error);
        return { ok: false, problem: message };
      }
    },
    async removeConnection(actor, connectionId) {
      const row = await managed(actor, connectionId);
      await deleteConnection(db, row.id);
    },
    async setRule(actor, connectionId, level, on) {
      const row = await managed(actor, connectionId);
      // A personal connection pushes its owner's own goals when they ask; rules are the workspace's.
      if (row.ownerId !== null || !isPushKind(row.kind)) throw denied();
      if (on) await insertRule(db, row.id, level, now());
      else await deleteRule(db, row.id, level);
    },
    async pushGoal(actor, goalId, connectionId) {
      const goal = UUID.test(goalId) ? await findGoalById(db, goalId) : undefined;
      if (!goal || goal.workspaceId !== actor.workspaceId) throw new AccessDeniedError('goal.edit', 'not_permitted');
      // Sending a goal out is a change made on the owner's behalf: whoever may edit it.
      await access.authorize(actor, 'goal.edit', { owner: await access.subject({ id: goal.ownerId, workspaceId: goal.workspaceId }), visibility: goal.visibility });
      const connection = UUID.test(connectionId) ? await usable(actor, connectionId) : undefined;
      if (!connection) return { ok: false, errors: { connection: 'Pick one of the connections offered.' } };
      const item = await wantItem(db, { connectionId: connection.id, subjectKind: 'goal', subjectId: goal.id, nextSteps: null, createdBy: actor.id, at: now() });
      await queueItems([item]);
      return { ok: true, value: { itemId: item.id } };
    },
    async pushNextSteps(actor, participantId, connectionId, steps) {
      const participant = await conversationOf(actor, participantId);
      const problem = ensureNextSteps(steps);
      if (problem) return { ok: false, errors: { next_steps: problem } };
      const connection = UUID.test(connectionId) ? await usable(actor, connectionId) : undefined;
      if (!connection) return { ok: false, errors: { connection: 'Pick one of the connections offered.' } };
      const wanted = steps.map((step) => step.trim());
      // The same steps sent again to the same place are there or on their way: nothing to update. A failed send is tried again.
      const same = (await listItemsForSubject(db, 'next_steps', participant.id)).find(
        (item) => item.connectionId === connection.id && JSON.stringify(item.nextSteps) === JSON.stringify(wanted) && pushedItem(item).state !== 'failed',
      );
      if (same) return { ok: true, value: { itemId: same.id } };
      const item = await wantItem(db, {
        connectionId: connection.id,
        subjectKind: 'next_steps',
        subjectId: participant.id,
        nextSteps: wanted,
        createdBy: actor.id,
        at: now(),
      });
      await queueItems([item]);
      return { ok: true, value: { itemId: item.id } };
    },
    async goalItems(actor, goalId) {
      await deps.goals.details(actor, goalId);
      return (await listItemsForSubject(db, 'goal', goalId)).map(pushedItem);
    },
    async nextStepItems(actor, participantId) {
      await conversationOf(actor, participantId);
      return (await listItemsForSubject(db, 'next_steps', participantId)).map(pushedItem);
    },
    async goalCreated(goal) {
      const connectionIds = await connectionsWithRule(db, goal.workspaceId, goal.level);
      const items: ItemRow[] = [];
      for (const connectionId of connectionIds) {
        items.push(await wantItem(db, { connectionId, subjectKind: 'goal', subjectId: goal.id, nextSteps: null, createdBy: null, at: now() }));
      }
      if (items.length > 0) await queueItems(items);
    },
    async goalsChanged(goalIds) {
      const items = await bumpGoalItems(db, goalIds);
      if (items.length > 0) await queueItems(items);
    },
    async sync(itemId) {
      const claim = await claimItem(db, itemId, now());
      if (claim.state === 'done') return;
      if (claim.state === 'held') throw new RunLaterError(claim.retryInMs);
      const { item } = claim;
      const connection = await findConnection(db, item.connectionId);
      const document = connection && (await documentOf(item));
      if (!connection || !document) {
        // The goal, the review or the connection is gone: nothing left to send.
        await settleItem(db, item.id, 'nothing to send: it was deleted');
        return;
      }
      if (deps.workspaces && !(await deps.workspaces.serves(connection.workspaceId))) {
        await settleItem(db, item.id, 'not sent: Cadence was uninstalled from the workspace');
        return;
      }
      const key = `cadence-${item.id}`;
      try {
        const target = targetOf(connection);
        let external = item.externalId ? { id: item.externalId, url: item.externalUrl } : undefined;
        let sequence = item.sequence;
        if (!external && item.attemptedAt) {
          // An earlier create may have landed even though its answer was lost: look before sending again.
          const found = await target.find(key);
          if (found !== 'unsupported' && found) external = found;
        }
        sequence += 1;
        if (external) {
          await target.update(external.id, { key, sequence, document });
        } else {
          await markAttempted(db, item.id, now());
          external = await target.create({ key, sequence, document });
        }
        await finishItem(db, item.id, { externalId: external.id, externalUrl: external.url, version: item.wantedVersion, sequence });
        if (connection.problem) await setConnectionProblem(db, connection.id, null);
      } catch (error) {
        if (error instanceof ToolRefusedError) {
          await releaseItem(db, item.id, error.message);
          await reportProblem(connection, error);
          throw new PermanentError(error.message);
        }
        const reason = error instanceof RateLimitedError ? 'waiting: the tool asked to slow down' : error instanceof OutcomeUnknownError ? 'retrying: the tool did not answer' : 'retrying';
        await releaseItem(db, item.id, reason);
        throw error;
      }
    },
    async reconcile() {
      const items = await listUnsyncedItems(db);
      if (items.length > 0) await queue.sync(items.map((item) => ({ itemId: item.id, version: item.wantedVersion })));
      return items.length;
    },
  };
}

/** A Fireflies connection's two secrets, sealed together. */
export function firefliesSecrets(opened: string): { apiKey: string; webhookSecret: string } {
  const parsed = JSON.parse(opened) as { apiKey?: unknown; webhookSecret?: unknown };
  if (typeof parsed.apiKey !== 'string' || typeof parsed.webhookSecret !== 'string') throw new PermanentError('the Fireflies connection is damaged: add it again');
  return { apiKey: parsed.apiKey, webhookSecret: parsed.webhookSecret };
}
