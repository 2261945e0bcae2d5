import type { Db } from '../db/client';
import type { TranscriptDecision } from '../db/schema';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import { type ConversationCandidate, MATCH_WINDOW_MS, matchConversation } from '../domain/inbound-transcript';
import { checkSegments, type TranscriptProblem, type TranscriptSegment } from '../domain/transcript';
import type { IncomingTranscript } from '../integrations/types';
import type { Clock } from '../lib/clock';
import { PermanentError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { findConnection, listConnectionsOfKind, setConnectionProblem, setPollCursor } from '../repositories/integration.repository';
import { findPeopleByIds, findPersonById } from '../repositories/person.repository';
import { findCycle, findParticipant, listParticipationsOf } from '../repositories/review-cycle.repository';
import { clearSegments, insertTranscript, listConversationsBetween, listTranscriptsOf, lockTranscript, setDecision, type TranscriptRow } from '../repositories/transcript.repository';
import type { AccessService } from './access.service';
import type { TranscriptService } from './transcript.service';
import { firefliesSecrets, type IntegrationTools } from './integration.service';
import { ToolRefusedError } from '../integrations/http';
import type { SecretBox } from '../lib/secret-box';
import type { ServedWorkspaces } from './ports';

/** A transcript as one of the two participants sees it while it waits for them. */
export interface TranscriptView {
  id: string;
  participantId: string;
  title: string;
  source: TranscriptRow['source'];
  metAt: Date | null;
  /** Whose review conversation it is. */
  employeeName: string;
  cycleName: string;
  /** The first passages, so the reader can tell which meeting it is. */
  opening: TranscriptSegment[];
  passages: number;
  /** The reader's side of the conversation, and what each side decided. */
  side: 'employee' | 'manager';
  employeeDecision: TranscriptDecision | null;
  managerDecision: TranscriptDecision | null;
}

/** Where a decision left the transcript: summarised into the conversation once both accepted, or why it could not be. */
export type DecisionOutcome = { state: 'summarised' | 'waiting' | 'rejected'; participantId: string } | { state: 'not_summarised'; participantId: string; problem: string };

export type IngestOutcome = 'stored' | 'duplicate' | 'unmatched' | TranscriptProblem;

export interface TranscriptQueue {
  /** Fetch one meeting's transcript from a Fireflies connection, in the worker. */
  fetch(connectionId: string, meetingId: string): Promise<void>;
}

export interface InboundTranscriptService {
  /** A Fireflies webhook whose signature checked out: fetch the meeting in the worker. */
  announce(connectionId: string, meetingId: string): Promise<void>;
  /** The worker's side of `announce`: fetch, match to a conversation, store as pending. */
  fetchAnnounced(connectionId: string, meetingId: string): Promise<IngestOutcome | 'not_found'>;
  /** Asks every polled source for meetings updated since the last poll. */
  poll(): Promise<number>;
  /** The webhook secret of a Fireflies connection; undefined when there is no such connection. */
  webhookSecret(connectionId: string): Promise<string | undefined>;
  /** Transcripts waiting for the actor's decision. */
  pending(actor: Person): Promise<TranscriptView[]>;
  /** The second acceptance summarises the transcript into the review conversation, as a pasted one is. */
  decide(actor: Person, transcriptId: string, decision: TranscriptDecision): Promise<DecisionOutcome>;
}

const OPENING_PASSAGES = 3;

export function createInboundTranscriptService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  tools: IntegrationTools;
  secrets: SecretBox | undefined;
  queue: TranscriptQueue;
  summaries: Pick<TranscriptService, 'summariseAccepted'>;
  logger: Logger;
  workspaces?: ServedWorkspaces;
}): InboundTranscriptService {
  const { db, clock, access } = deps;
  const now = () => clock.now().toJSDate();
  const served = async (workspaceId: string) => (deps.workspaces ? deps.workspaces.serves(workspaceId) : true);

  /** The two people of a conversation, and which of them the actor is. */
  const sideOf = async (actor: Person, participantId: string) => {
    const participant = await findParticipant(db, participantId);
    const employee = participant && (await findPersonById(db, participant.personId));
    if (!participant || !employee || employee.workspaceId !== actor.workspaceId) throw new AccessDeniedError('review.sign_off', 'not_permitted');
    const grounds = await access.authorize(actor, 'review.sign_off', await access.subject(employee));
    return { participant, employee, side: grounds === 'self' ? ('employee' as const) : ('manager' as const) };
  };

  const toView = async (row: TranscriptRow, side: 'employee' | 'manager'): Promise<TranscriptView> => {
    const participant = await findParticipant(db, row.participantId);
    const [employee, cycle] = await Promise.all([participant && findPersonById(db, participant.personId), participant && findCycle(db, participant.cycleId)]);
    return {
      id: row.id,
      participantId: row.participantId,
      title: row.title,
      source: row.source,
      metAt: row.metAt,
      employeeName: employee ? (employee.realName ?? employee.name) : 'someone',
      cycleName: cycle?.name ?? 'a review',
      opening: row.segments.slice(0, OPENING_PASSAGES),
      passages: row.segments.length,
      side,
      employeeDecision: row.employeeDecision,
      managerDecision: row.managerDecision,
    };
  };

  /** Conversations a meeting could be, with both people's emails: the employee and their manager of today. */
  const candidates = async (workspaceId: string, metAt: Date): Promise<ConversationCandidate[]> => {
    const conversations = await listConversationsBetween(db, workspaceId, new Date(metAt.getTime() - MATCH_WINDOW_MS), new Date(metAt.getTime() + MATCH_WINDOW_MS));
    const subjects = await access.subjects(workspaceId, conversations.map((c) => c.personId));
    const managerOf = new Map(conversations.map((c) => [c.participantId, subjects.get(c.personId)?.managerChain[0]]));
    const people = new Map((await findPeopleByIds(db, [...new Set([...conversations.map((c) => c.personId), ...[...managerOf.values()].filter((id): id is string => !!id)])])).map((p) => [p.id, p]));
    return conversations.map((c) => {
      const manager = managerOf.get(c.participantId);
      const emails = [people.get(c.personId)?.email, manager ? people.get(manager)?.email : undefined].filter((email): email is string => !!email);
      return { participantId: c.participantId, conversationAt: c.conversationAt, emails };
    });
  };

  const ingest = async (workspaceId: string, source: 'fireflies' | 'granola', incoming: IncomingTranscript): Promise<IngestOutcome> => {
    const checked = checkSegments(incoming.segments);
    if (!checked.ok) return checked.problem;
    const match = matchConversation(incoming.metAt, incoming.attendeeEmails, await candidates(workspaceId, incoming.metAt));
    if (!match) return 'unmatched';
    const stored = await insertTranscript(db, {
      workspaceId,
      participantId: match.participantId,
      source,
      externalId: incoming.externalId,
      title: incoming.title.slice(0, 200),
      segments: checked.value,
      metAt: incoming.metAt,
      employeeDecision: null,
      managerDecision: null,
      createdBy: null,
      at: now(),
    });
    return stored ? 'stored' : 'duplicate';
  };

  const openSecret = (sealed: string): string | undefined => {
    if (!deps.secrets) return undefined;
    return deps.secrets.open(sealed);
  };

  return {
    announce: (connectionId, meetingId) => deps.queue.fetch(connectionId, meetingId),
    async fetchAnnounced(connectionId, meetingId) {
      const connection = await findConnection(db, connectionId);
      const opened = connection?.kind === 'fireflies' ? openSecret(connection.secret) : undefined;
      if (!connection || !opened || !(await served(connection.workspaceId))) return 'not_found';
      try {
        const incoming = await deps.tools.fetcher(firefliesSecrets(opened).apiKey).fetch(meetingId);
        if (!incoming) return 'not_found';
        const outcome = await ingest(connection.workspaceId, 'fireflies', incoming);
        deps.logger.info({ connectionId, outcome }, 'transcript received');
        return outcome;
      } catch (error) {
        if (!(error instanceof ToolRefusedError)) throw error;
        if (error.problem === 'auth') await setConnectionProblem(db, connection.id, `Fireflies refused the API key (${error.message}). Remove this connection and add it again with a new key.`);
        // Fireflies said no: asking again will not change its mind.
        throw new PermanentError(error.message);
      }
    },
    async poll() {
      let stored = 0;
      for (const connection of await listConnectionsOfKind(db, 'granola')) {
        const apiKey = openSecret(connection.secret);
        // An uninstalled workspace's connections are not polled while its data waits for deletion.
        if (!apiKey || !(await served(connection.workspaceId))) continue;
        // Taken before asking, so a note updated while the pages are read is asked for again next time.
        const startedAt = now();
        try {
          const notes = await deps.tools.poller(apiKey).updatedAfter(connection.pollCursor ?? connection.createdAt);
          for (const note of notes) if ((await ingest(connection.workspaceId, 'granola', note)) === 'stored') stored += 1;
          await setPollCursor(db, connection.id, startedAt);
          if (connection.problem) await setConnectionProblem(db, connection.id, null);
        } catch (error) {
          if (error instanceof ToolRefusedError && error.problem === 'auth') {
            await setConnectionProblem(db, connection.id, `Granola refused the API key (${error.message}). Remove this connection and add it again with a new key.`);
          } else {
            deps.logger.warn({ connectionId: connection.id, err: error instanceof Error ? error.message : String(error) }, 'polling transcripts failed; next poll tries again');
          }
        }
      }
      return stored;
    },
    async webhookSecret(connectionId) {
      const connection = /^[0-9a-f-]{36}$/i.test(connectionId) ? await findConnection(db, connectionId) : undefined;
      const opened = connection?.kind === 'fireflies' ? openSecret(connection.secret) : undefined;
      return opened ? firefliesSecrets(opened).webhookSecret : undefined;
    },
    async pending(actor) {
      const reports = await access.reports(actor);
      const participations = await listParticipationsOf(db, [actor.id, ...reports]);
      const rows = await listTranscriptsOf(db, participations.map((p) => p.id));
      const byId = new Map(participations.map((p) => [p.id, p]));
      const views: TranscriptView[] = [];
      for (const row of rows) {
        if (row.employeeDecision === 'rejected' || row.managerDecision === 'rejected') continue;
        const side = byId.get(row.participantId)?.personId === actor.id ? 'employee' : 'manager';
        if ((side === 'employee' ? row.employeeDecision : row.managerDecision) !== null) continue;
        views.push(await toView(row, side));
      }
      return views;
    },
    // One decision at a time per transcript (the row is locked), so two people accepting at the
    // same moment do not each see the other undecided and leave it accepted but never summarised.
    decide: (actor, transcriptId, decision) => db.transaction().execute(async (tx) => {
      const row = await lockTranscript(tx, transcriptId);
      if (!row || row.workspaceId !== actor.workspaceId) throw new AccessDeniedError('review.sign_off', 'not_permitted');
      const { side } = await sideOf(actor, row.participantId);
      const participantId = row.participantId;
      // Both accepted already (a stale Home tab's button): it was summarised then, and its words are gone.
      if (row.employeeDecision === 'accepted' && row.managerDecision === 'accepted') return { state: 'summarised', participantId };
      const other = side === 'employee' ? row.managerDecision : row.employeeDecision;
      const completes = decision === 'accepted' && other === 'accepted';
      if (completes) {
        // Summarised before the acceptance is kept: a summary that cannot be drawn leaves the transcript waiting as it was.
        const summarised = await deps.summaries.summariseAccepted(actor, participantId, row.segments);
        if (!summarised.ok) return { state: 'not_summarised', participantId, problem: summarised.problem };
      }
      const updated = await setDecision(tx, row.id, side, decision);
      if (!updated) throw new AccessDeniedError('review.sign_off', 'not_permitted');
      if (updated.employeeDecision === 'rejected' || updated.managerDecision === 'rejected') return { state: 'rejected', participantId };
      if (!completes) return { state: 'waiting', participantId };
      // The words now live with the summary, whose rule deletes them once it is accepted.
      await clearSegments(tx, row.id);
      return { state: 'summarised', participantId };
    }),
  };
}
