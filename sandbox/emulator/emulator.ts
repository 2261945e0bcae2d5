/**
 * The local Slack: workspaces, the Web API over HTTP, response URLs, and the observations and
 * waits tests assert on. `startSlackEmulator()` is the entry point; the driver (../driver) plays
 * the people who use the bot.
 */
import { CallLog, CHANGE_EVENT, describeCall } from './call-log';
import { defaultWorkspace } from './defaults';
import { renderFile } from './files';
import { ApiDispatcher, type Caller } from './dispatch';
import { Enterprise } from './enterprise';
import { FaultInjector, type FaultSpec } from './faults';
import { MessageTsClock } from './ids';
import { OAuthInstalls } from './oauth';
import type { Person } from './people';
import { RateLimiter, type RateLimitPreset, type RateLimitRule } from './rate-limits';
import { ResponseUrlStore } from './response-urls';
import { listen, type RunningServer } from './server';
import type { EnterpriseSpec, EphemeralMessage, JsonRecord, PersonSpec, RecordedCall, SlackMessage, SlackView, WorkspaceSpec } from './types';
import { Workspace } from './workspace';
import { DEFAULT_WAIT_MS, waitFor } from '../waiting';

export interface SlackEmulatorOptions {
  /** Defaults to one workspace, DEFAULT_TEAM_ID, with the DEFAULT_PEOPLE. */
  workspaces?: WorkspaceSpec[];
  /** Enterprise Grid organizations that workspaces name in their `enterpriseId`. */
  enterprises?: EnterpriseSpec[];
  /** 'slack' (default) applies Slack's published tiers; 'off' applies none. */
  rateLimits?: RateLimitPreset;
  /** Clock for trigger and response_url expiry, rate limits, tz offsets and message ts. */
  now?: () => number;
  /** The app's OAuth credentials, checked by oauth.v2.access when set. */
  oauthClient?: { clientId: string; clientSecret: string };
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

type Predicate<T> = (item: T) => boolean;

export class SlackEmulator {
  private readonly workspaces = new Map<string, Workspace>();
  private readonly enterprises = new Map<string, Enterprise>();
  private readonly log = new CallLog();
  private readonly limiter: RateLimiter;
  private readonly faults = new FaultInjector();
  private readonly responseUrls: ResponseUrlStore;
  private readonly oauth: OAuthInstalls;
  private readonly dispatcher: ApiDispatcher;
  private readonly tsClock: MessageTsClock;
  private server: RunningServer | undefined;
  readonly now: () => number;

  constructor(options: SlackEmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tsClock = new MessageTsClock(this.now);
    this.limiter = new RateLimiter(this.now, options.rateLimits ?? 'slack');
    this.oauth = new OAuthInstalls(options.oauthClient);
    this.responseUrls = new ResponseUrlStore(this.now, (teamId) => this.workspaces.get(teamId));
    this.dispatcher = new ApiDispatcher({
      now: this.now,
      authenticate: (token, params) => this.authenticate(token, params),
      limiter: this.limiter,
      faults: this.faults,
      log: this.log,
      baseUrl: () => this.server?.url ?? '',
      oauthAccess: (params, authorization) => this.oauth.exchange(params, authorization),
    });
    for (const spec of options.enterprises ?? []) {
      this.enterprises.set(spec.id, new Enterprise(spec, () => [...this.workspaces.values()].filter((ws) => ws.enterprise?.id === spec.id)));
    }
    for (const spec of options.workspaces ?? [defaultWorkspace()]) this.addWorkspace(spec);
  }

  private authenticate(token: string, params: JsonRecord): Caller | undefined {
    const ws = [...this.workspaces.values()].find((candidate) => candidate.botToken === token);
    if (ws) return { ws, revoked: ws.tokenRevoked };
    const org = [...this.enterprises.values()].find((candidate) => candidate.botToken === token);
    // An org's token exists once the org installed the app org-wide.
    if (!org?.installed) return undefined;
    const acting = org.workspaceFor(params);
    return 'error' in acting ? acting : { ws: acting, revoked: org.tokenRevoked, org };
  }

  // ---- lifecycle ----

  async listen(port = 0, host = '127.0.0.1'): Promise<this> {
    if (this.server) throw new Error('The Slack emulator is already listening');
    this.server = await listen(
      {
        api: (method, req) => this.dispatcher.handle({ method, ...req }),
        responseUrl: (id, rawBody) => this.postToResponseUrl(id, rawBody),
        file: (path, authorization) => this.serveFile(path, authorization),
      },
      port,
      host,
    );
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    if (!this.server) throw new Error('The Slack emulator is not listening; use startSlackEmulator()');
    return this.server.url;
  }

  /** What the bot gets as SLACK_API_URL / `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /**
   * Back to the starting point between tests: each workspace's people as specified, no messages,
   * views, triggers or response URLs, no recorded calls, faults or explicit rate limits.
   */
  reset(): void {
    for (const ws of this.workspaces.values()) ws.reset();
    for (const org of this.enterprises.values()) org.reset();
    this.responseUrls.reset();
    this.oauth.reset();
    this.log.clear();
    this.faults.clear();
    this.limiter.reset();
  }

  // ---- files ----

  /** A person uploads a file (what a file_input does before the form is submitted); its id goes in the view state. */
  uploadFile(input: { user: string; name: string; content: Buffer | string; teamId?: string }): string {
    return this.workspace(input.teamId).files.add(input.user, input.name, input.content).id;
  }

  /** A file_input's value as Slack reports it in view state: the full file objects. */
  fileObjects(ids: readonly string[], teamId?: string): JsonRecord[] {
    const ws = this.workspace(teamId);
    return ids.map((id) => {
      const file = ws.files.get(id);
      if (!file) throw new Error(`No file ${id} was uploaded in ${ws.teamId}`);
      return renderFile(file, ws.teamId, this.url);
    });
  }

  /**
   * A file's bytes, only for the bot token of its workspace (or of its org's org-wide install).
   * Without it Slack answers 200 with its sign-in page, not an error: a client that does not check
   * what it got reads HTML.
   */
  private serveFile(path: string, authorization: string | undefined): { status: number; body: Buffer; headers: Record<string, string> } {
    const match = /^\/files-pri\/([A-Z0-9]+)-(F[A-Z0-9]+)\//.exec(path);
    const ws = match ? this.workspaces.get(match[1]!) : undefined;
    const file = match && ws ? ws.files.get(match[2]!) : undefined;
    if (!ws || !file || file.deleted) return { status: 404, body: Buffer.from('Not found'), headers: { 'content-type': 'text/plain' } };
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    const org = ws.enterprise;
    const allowed = token !== undefined && (token === ws.botToken || (org?.installed === true && token === org.botToken));
    if (!allowed) return { status: 200, body: Buffer.from('<!DOCTYPE html><html><body>Sign in to Slack</body></html>'), headers: { 'content-type': 'text/html; charset=utf-8' } };
    return { status: 200, body: file.content, headers: { 'content-type': file.mimetype, 'content-length': String(file.content.length) } };
  }

  // ---- workspaces and people ----

  addWorkspace(spec: WorkspaceSpec): Workspace {
    if (this.workspaces.has(spec.teamId)) throw new Error(`Workspace ${spec.teamId} already exists`);
    if ([...this.workspaces.values()].some((ws) => ws.botToken === spec.botToken)) {
      throw new Error(`Bot token of ${spec.teamId} is already used by another workspace`);
    }
    const enterprise = spec.enterpriseId === undefined ? undefined : this.enterprise(spec.enterpriseId);
    if (enterprise && spec.botUserId !== enterprise.botUserId) throw new Error(`Workspace ${spec.teamId} must take its organization's bot user ${enterprise.botUserId}`);
    const ws = new Workspace(spec, this.now, this.tsClock, enterprise);
    this.workspaces.set(spec.teamId, ws);
    return ws;
  }

  /** A workspace by team id; without one, the first (the default workspace). */
  workspace(teamId?: string): Workspace {
    const ws = teamId === undefined ? this.workspaces.values().next().value : this.workspaces.get(teamId);
    if (!ws) throw new Error(`No workspace ${teamId ?? ''} in the emulator`);
    return ws;
  }

  isEnterprise(id: string): boolean {
    return this.enterprises.has(id);
  }

  /** An Enterprise Grid organization by its E… id. */
  enterprise(enterpriseId: string): Enterprise {
    const org = this.enterprises.get(enterpriseId);
    if (!org) throw new Error(`No organization ${enterpriseId} in the emulator`);
    return org;
  }

  /** Add (or replace) a person; the default workspace unless a team id is given. */
  addPerson(spec: PersonSpec, teamId?: string): Person {
    const person = this.workspace(teamId).setPerson(spec);
    this.log.changed();
    return person;
  }

  /** Deactivate an account: still listed with `deleted: true`, no longer reachable by DM. */
  deactivatePerson(userId: string): void {
    const ws = this.workspaceOfUser(userId);
    const person = ws.person(userId);
    if (person) person.deleted = true;
    this.log.changed();
  }

  /** The workspace a person belongs to; throws if none or ambiguous (then use workspace(teamId)). */
  workspaceOfUser(userId: string): Workspace {
    const matches = [...this.workspaces.values()].filter((ws) => ws.person(userId) !== undefined);
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length === 0) throw new Error(`No person ${userId} in any emulated workspace`);
    throw new Error(`${userId} exists in several workspaces; use emulator.workspace(teamId) instead`);
  }

  private workspaceFor(userId: string, teamId: string | undefined): Workspace {
    return teamId === undefined ? this.workspaceOfUser(userId) : this.workspace(teamId);
  }

  // ---- installs ----

  /**
   * A person approved installing the app into a workspace: the code Slack puts on the app's
   * redirect URL (/slack/oauth_redirect?code=…&state=…), for oauth.v2.access.
   */
  authorizeInstall(teamId: string, userId: string, scopes?: readonly string[]): string {
    return this.oauth.authorize(this.workspace(teamId), userId, scopes);
  }

  /**
   * An org admin approved installing the app org-wide: the code for oauth.v2.access, which answers
   * with the organization's token (team null, is_enterprise_install true).
   */
  authorizeOrgInstall(enterpriseId: string, userId: string, scopes?: readonly string[]): string {
    return this.oauth.authorizeOrg(this.enterprise(enterpriseId), userId, scopes);
  }

  /**
   * The app was removed from a workspace, or from an organization (an E… id) it was installed in
   * org-wide: that bot token answers token_revoked from now on. Slack's events about it
   * (tokens_revoked, app_uninstalled) are the driver's to send.
   */
  uninstall(id: string): void {
    const org = this.enterprises.get(id);
    if (org) org.tokenRevoked = true;
    else this.workspace(id).tokenRevoked = true;
    this.log.changed();
  }

  // ---- configuration: rate limits and faults ----

  /** Replace the limits of one method (per workspace); `null` removes any limit. */
  setRateLimit(method: string, rule: RateLimitRule | readonly RateLimitRule[] | null): void {
    this.limiter.setRule(method, rule);
  }

  setRateLimitPreset(preset: RateLimitPreset): void {
    this.limiter.setPreset(preset);
  }

  /** Make the next `times` calls of `method` fail (HTTP 200 `{ok:false}` unless `status` is set). */
  failNext(method: string, spec?: FaultSpec): void {
    this.faults.failNext(method, spec);
  }

  clearFaults(method?: string): void {
    this.faults.clear(method);
  }

  // ---- observations ----

  calls(method?: string): RecordedCall[] {
    return this.log.all(method);
  }

  clearCalls(): void {
    this.log.clear();
  }

  /** The app's messages in its DM with a person, oldest first (thread replies included). */
  dms(userId: string): SlackMessage[] {
    const ws = this.workspaceOfUser(userId);
    return ws.conversation(userId).filter((m) => m.user === ws.botUserId);
  }

  /** Everything in the app's DM with a person: their messages and the app's, oldest first. */
  conversation(userId: string): SlackMessage[] {
    return this.workspaceOfUser(userId).conversation(userId);
  }

  ephemerals(userId: string): EphemeralMessage[] {
    return this.workspaceOfUser(userId).ephemeralsFor(userId);
  }

  /** The modal the person is looking at (top of their stack), if any. */
  openModal(userId: string): SlackView | undefined {
    return this.workspaceOfUser(userId).views.topModal(userId);
  }

  /** The person's open modals, bottom first. */
  modalStack(userId: string): SlackView[] {
    return this.workspaceOfUser(userId).views.modalStack(userId);
  }

  home(userId: string): SlackView | undefined {
    return this.workspaceOfUser(userId).views.home(userId);
  }

  // ---- waits ----

  /** Resolves with the first recorded call of `method` (already made or coming) matching `predicate`. */
  waitForCall(method: string, predicate: Predicate<RecordedCall> = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedCall> {
    return this.waitFor({
      probe: () => this.log.all(method).find(predicate),
      what: `a ${method} call${predicate.length > 0 ? ' matching the predicate' : ''}`,
      timeoutMs,
    });
  }

  /** Resolves with the first message from the app in its DM with `userId` matching `predicate`. */
  waitForDm(userId: string, predicate: Predicate<SlackMessage> = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<SlackMessage> {
    return this.waitFor({
      probe: () => this.dms(userId).find(predicate),
      what: `a DM from the app to ${userId}${predicate.length > 0 ? ' matching the predicate' : ''}`,
      timeoutMs,
      extra: () => describeMessages(`DMs to ${userId} so far`, this.dms(userId)),
    });
  }

  waitForEphemeral(userId: string, predicate: Predicate<EphemeralMessage> = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<EphemeralMessage> {
    return this.waitFor({
      probe: () => this.ephemerals(userId).find(predicate),
      what: `an ephemeral message to ${userId}`,
      timeoutMs,
      extra: () => describeMessages(`Ephemeral messages to ${userId} so far`, this.ephemerals(userId)),
    });
  }

  /** Resolves with the person's top modal once it matches (e.g. after an async views.update). */
  waitForModal(userId: string, predicate: Predicate<SlackView> = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<SlackView> {
    return this.waitFor({
      probe: () => {
        const view = this.openModal(userId);
        return view && predicate(view) ? view : undefined;
      },
      what: `an open modal for ${userId}`,
      timeoutMs,
    });
  }

  waitForHome(userId: string, predicate: Predicate<SlackView> = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<SlackView> {
    return this.waitFor({
      probe: () => {
        const view = this.home(userId);
        return view && predicate(view) ? view : undefined;
      },
      what: `a published Home tab for ${userId}`,
      timeoutMs,
    });
  }

  /** Calls `listener` after every Web API call and every change the driver makes; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.log.events.on(CHANGE_EVENT, listener);
    return () => void this.log.events.off(CHANGE_EVENT, listener);
  }

  /** Wait for any condition over emulator state; re-checked after every call and driver action. */
  waitFor<T>(spec: { probe: () => T | undefined; what: string; timeoutMs?: number; extra?: () => string }): Promise<T> {
    return waitFor({
      events: this.log.events,
      event: CHANGE_EVENT,
      probe: spec.probe,
      what: spec.what,
      timeoutMs: spec.timeoutMs,
      describe: () => [spec.extra?.() ?? '', this.describeRecentCalls()].filter((s) => s !== '').join('\n'),
    });
  }

  describeRecentCalls(limit = 15): string {
    const calls = this.log.all();
    if (calls.length === 0) return 'No Web API calls were made.';
    const recent = calls.slice(-limit);
    const skipped = calls.length - recent.length;
    return [`Web API calls (${calls.length}${skipped > 0 ? `, last ${recent.length} shown` : ''}):`, ...recent.map((c) => `  ${describeCall(c)}`)].join('\n');
  }

  // ---- for the driver ----

  /** A fresh trigger_id for an interaction by `userId` (valid 3 s, once); `teamId` when ids repeat across workspaces. */
  issueTrigger(userId: string, teamId?: string): string {
    return this.workspaceFor(userId, teamId).triggers.issue(userId);
  }

  /** A response_url for an interaction by `userId` in `channel`, about `original` if from a message. */
  issueResponseUrl(input: { userId: string; channel: string; original?: { ts: string; ephemeral: boolean }; teamId?: string }): string {
    const ws = this.workspaceFor(input.userId, input.teamId);
    const id = this.responseUrls.issue({ teamId: ws.teamId, userId: input.userId, channel: input.channel, original: input.original });
    return `${this.url}/response/${id}`;
  }

  /** Tell waiters that state changed outside the Web API (the driver applied an ack). */
  notifyChange(): void {
    this.log.changed();
  }

  private postToResponseUrl(id: string, rawBody: string) {
    const result = this.responseUrls.post(id, rawBody);
    this.log.record({ method: 'response_url', params: result.params, teamId: result.teamId, status: result.status, response: result.body, at: this.now() });
    return { status: result.status, body: result.body };
  }
}

function describeMessages(title: string, messages: ReadonlyArray<{ ts: string; text: string; blocks?: unknown[] }>): string {
  if (messages.length === 0) return `${title}: none.`;
  const lines = messages.map((m) => `  [${m.ts}] ${JSON.stringify(m.text.slice(0, 120))}${m.blocks ? ` (+${m.blocks.length} blocks)` : ''}`);
  return [`${title}:`, ...lines].join('\n');
}

/** Start an emulator listening on loopback (a free port unless `port` is given). */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  return new SlackEmulator(options).listen(options.port ?? 0, options.host ?? '127.0.0.1');
}
