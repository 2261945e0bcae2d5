import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import {
  countParticipation,
  dueInstant,
  FEEDBACK_LIMITS,
  type FeedbackInvitation,
  type FeedbackRequest,
  type Participation,
  roomToAskMore,
  type Withheld,
  withheld,
} from '../domain/feedback';
import {
  dueDays,
  type EarlierSummary,
  extendedDueOn,
  FEEDBACK_REPEAT,
  type FeedbackRequestField,
  repeatProblem,
  validateFeedbackRequest,
  validateMorePeers,
} from '../domain/feedback-request-rules';
import { type FeedbackSummary, summarize } from '../domain/feedback-summary';
import type { FieldErrors, Validated } from '../domain/goal';
import { displayName, type Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { insertAuditEvents } from '../repositories/audit.repository';
import { countAnswers, findSelfRating, listAnswers, listSelfRated } from '../repositories/feedback-answer.repository';
import {
  findOpenRequestAbout,
  findRequest,
  insertInvitations,
  insertReaders,
  insertRequest,
  listInvitations,
  listInvitationsOf,
  listOpenInvitationsFor,
  listReaders,
  listReleasedAbout,
  listRequestsAbout,
  lockRequest,
  moveDue,
} from '../repositories/feedback-request.repository';
import { cancelSteps, insertSteps, listStepsOf, type NewFeedbackStep } from '../repositories/feedback-step.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import { findFeedbackFocusAreas } from '../repositories/settings.repository';
import type { RequestTiming } from '../domain/feedback-schedule';
import type { AccessService } from './access.service';
import {
  type FeedbackQueue,
  readersFor,
  readersNow,
  recipientsOf,
  requestTiming,
  stepsForInvitations,
  stepsForRequest,
  workspaceRules,
} from './feedback-lifecycle';
import type { PeopleService } from './people.service';

/** A request as the people it concerns see it: counts, never who answered what. */
export interface RequestProgress {
  request: FeedbackRequest;
  subject: Person;
  requester: Person;
  participation: Participation;
  /** Answers stored (a peer removed since may leave one more than `participation.answered`). */
  answered: number;
  threshold: number;
  /** Why the summary cannot be read, or undefined when it can. */
  withheld: Withheld | undefined;
  selfRated: boolean;
  /** How many more people the requester may still ask (0 once settled). */
  room: number;
}

/** What the request form offers the actor. */
export interface RequestForm {
  /** The actor first, then the reports they may ask about. */
  subjects: Person[];
  subject: Person;
  focusAreas: string[];
  due: { earliest: string; suggested: string; latest: string };
  threshold: number;
  /** The subject already has an open request: the form shows it instead. */
  open: RequestProgress | undefined;
}

export interface NewRequestInput {
  subjectSlackId: string | null;
  peerSlackIds: readonly string[];
  focusAreas: readonly string[];
  customQuestion: string | null;
  dueOn: string | null;
  note: string | null;
}

export interface AskMoreForm {
  progress: RequestProgress;
  /** The due day moves here if the request is added to: people need the minimum time to answer. */
  extendTo: string | undefined;
}

/** Whether the requester can add people now: the form, or why not (closed; nobody left to replace). */
export type AskMoreOutcome = { outcome: 'open'; form: AskMoreForm } | { outcome: 'closed' } | { outcome: 'full'; dueAt: DateTime };

export interface FeedbackOverview {
  /** Open requests waiting for the actor's answer. */
  waiting: Array<{ request: FeedbackRequest; subject: Person; requester: Person }>;
  /** Requests about the actor and about their reports, newest first. */
  requests: RequestProgress[];
}

export interface FeedbackRequestService {
  form(actor: Person, aboutSlackId: string | null): Promise<RequestForm>;
  /**
   * `offered`: what may be rated instead of the workspace's focus areas (a review's request rates
   * its template's peer questions).
   */
  create(actor: Person, input: NewRequestInput, offered?: { focusAreas: readonly string[] }): Promise<Validated<{ request: FeedbackRequest; peers: Person[] }, FeedbackRequestField>>;
  overview(actor: Person): Promise<FeedbackOverview>;
  /** Requests about one person the actor may follow (themself or a report). */
  listAbout(actor: Person, subject: Person): Promise<RequestProgress[]>;
  progress(actor: Person, requestId: string): Promise<RequestProgress>;
  /** The released summary, or the progress with the reason it is withheld. */
  summary(actor: Person, requestId: string): Promise<{ progress: RequestProgress; summary: FeedbackSummary | undefined }>;
  askMoreForm(actor: Person, requestId: string): Promise<AskMoreOutcome>;
  /** The requester asks more people, in place of those who have not answered or declined. */
  askMore(actor: Person, requestId: string, peerSlackIds: readonly string[]): Promise<Validated<{ progress: RequestProgress; added: Person[] }, 'peers'>>;
  /**
   * An HR admin moved a review cycle's peer-feedback date later: the review's open request, due
   * before it, is now due on it, its close and reminders moved with it. False when nothing moved.
   */
  followReviewDate(actor: Person, requestId: string, dueOn: string): Promise<boolean>;
}

const OVERVIEW_REQUESTS = 6;
const LISTED_REQUESTS = 10;
const WAITING_SHOWN = 5;

export function createFeedbackRequestService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  people: PeopleService;
  queue: FeedbackQueue;
}): FeedbackRequestService {
  const { db, clock, access, people, queue } = deps;
  const today = (person: Person) => clock.now().setZone(person.timezone).toISODate() ?? '';

  const peopleById = async (ids: readonly string[]) => new Map((await findPeopleByIds(db, [...new Set(ids)])).map((p) => [p.id, p]));

  /** Progress of requests the caller has already been allowed to see. */
  async function progressOf(requests: readonly FeedbackRequest[]): Promise<RequestProgress[]> {
    if (requests.length === 0) return [];
    const ids = requests.map((r) => r.id);
    const [invitations, answers, selfRated, byId] = await Promise.all([
      listInvitationsOf(db, ids),
      countAnswers(db, ids),
      listSelfRated(db, ids),
      peopleById(requests.flatMap((r) => [r.subjectId, r.requesterId])),
    ]);
    return requests.flatMap((request) => {
      const { threshold } = request;
      const subject = byId.get(request.subjectId);
      const requester = byId.get(request.requesterId);
      if (!subject || !requester) return [];
      const participation = countParticipation(invitations.get(request.id) ?? []);
      const answered = answers.get(request.id) ?? 0;
      return [
        {
          request,
          subject,
          requester,
          participation,
          answered,
          threshold,
          withheld: withheld(request, answered, threshold),
          selfRated: selfRated.has(request.id),
          room: roomToAskMore(request, participation),
        },
      ];
    });
  }

  /** The request, if the actor may follow it (its subject or their manager); refused otherwise. */
  async function visibleRequest(actor: Person, requestId: string): Promise<FeedbackRequest> {
    const request = await findRequest(db, requestId);
    if (!request || request.workspaceId !== actor.workspaceId) throw new AccessDeniedError('feedback_summary.view', 'not_permitted');
    await access.authorize(actor, 'feedback_summary.view', await access.subject({ id: request.subjectId, workspaceId: request.workspaceId }));
    if (!(await readersNow(db, request)).includes(actor.id)) throw new AccessDeniedError('feedback_summary.view', 'not_permitted');
    return request;
  }

  /** Summaries about the subject shared within the comparison window, as the requester's calendar days. */
  async function earlierSummaries(actor: Person, subject: Person): Promise<EarlierSummary[]> {
    const since = clock.now().minus({ days: FEEDBACK_REPEAT.compareDays }).toJSDate();
    return (await listReleasedAbout(db, subject.id, since)).map(({ request, askedIds }) => ({
      sharedOn: request.settledAt?.setZone(actor.timezone).toISODate() ?? request.dueOn,
      askedIds,
    }));
  }

  /**
   * Moves an open request's due day (to `timing`'s), in the caller's transaction: the close, the
   * requester's status and the last reminder of each peer still pending and not yet reminded move
   * with it. `asked`: the invitations from before; `added`: those made in the same transaction,
   * whose own messages the caller plans. Returns the steps to insert.
   */
  async function moveDueDay(
    tx: Db,
    request: FeedbackRequest,
    timing: RequestTiming,
    who: { requester: Person; subject: Person },
    invitations: { asked: readonly FeedbackInvitation[]; added: readonly FeedbackInvitation[] },
    at: Date,
  ): Promise<NewFeedbackStep[]> {
    await moveDue(tx, request.id, timing.dueOn, timing.dueAt.toJSDate());
    const previous = await listStepsOf(tx, request.id);
    await cancelSteps(tx, request.id, ['close', 'requester_status', 'last_reminder'], at);
    const reminded = new Set(previous.filter((s) => s.kind === 'last_reminder' && s.state !== 'scheduled' && s.state !== 'cancelled').map((s) => s.invitationId));
    const pendingBefore = invitations.asked.filter((i) => i.status === 'pending' && !reminded.has(i.id));
    const replanned = stepsForInvitations(timing, pendingBefore, await recipientsOf(tx, await findPeopleByIds(tx, pendingBefore.map((i) => i.peerId)))).filter(
      (s) => s.kind === 'last_reminder',
    );
    const peerIds = [...invitations.asked, ...invitations.added].filter((i) => i.status === 'pending').map((i) => i.peerId);
    const everyone = await recipientsOf(tx, [who.requester, who.subject, ...(await findPeopleByIds(tx, peerIds))]);
    return [...replanned, ...stepsForRequest(timing, request, everyone, peerIds, ['close', 'requester_status'])];
  }

  async function progress(actor: Person, requestId: string): Promise<RequestProgress> {
    const [found] = await progressOf([await visibleRequest(actor, requestId)]);
    if (!found) throw new AccessDeniedError('feedback_summary.view', 'not_permitted');
    return found;
  }

  /** The request, if the actor asked for it and may still manage it. */
  async function ownRequest(actor: Person, requestId: string): Promise<FeedbackRequest> {
    const request = await visibleRequest(actor, requestId);
    await access.authorize(actor, 'feedback.request', await access.subject({ id: request.subjectId, workspaceId: request.workspaceId }));
    if (request.requesterId !== actor.id) throw new AccessDeniedError('feedback.request', 'not_permitted');
    return request;
  }

  /** The actor and their direct reports: whom the form offers to ask about. */
  async function possibleSubjects(actor: Person): Promise<Person[]> {
    const reports = (await findPeopleByIds(db, await access.reports(actor))).filter((p) => !p.erased && !p.deactivated);
    return [actor, ...reports.sort((a, b) => displayName(a).localeCompare(displayName(b)))];
  }

  async function subjectFor(actor: Person, slackId: string | null): Promise<Person> {
    const subject = !slackId || slackId === actor.slackUserId ? actor : await people.resolve(actor.workspaceId, slackId);
    if (!subject) throw new AccessDeniedError('feedback.request', 'not_permitted');
    await access.authorize(actor, 'feedback.request', await access.subject(subject));
    return subject;
  }

  return {
    async form(actor, aboutSlackId) {
      const subject = await subjectFor(actor, aboutSlackId);
      const [subjects, focusAreas, rules, open] = await Promise.all([
        possibleSubjects(actor),
        findFeedbackFocusAreas(db, actor.workspaceId),
        // The subject's policy (their home workspace's): the threshold the request would be made with.
        workspaceRules(db, actor.workspaceId, subject.homeTeamId),
        findOpenRequestAbout(db, subject.id),
      ]);
      if (!subjects.some((p) => p.id === subject.id)) subjects.push(subject);
      const [openProgress] = open ? await progressOf([open]) : [];
      return { subjects, subject, focusAreas, due: dueDays(today(actor)), threshold: rules.threshold, open: openProgress };
    },

    async create(actor, input, offered) {
      let subject: Person;
      try {
        subject = await subjectFor(actor, input.subjectSlackId);
      } catch (error) {
        if (!(error instanceof AccessDeniedError)) throw error;
        return { ok: false, errors: { subject: 'You can ask for feedback about yourself or about someone who reports to you.' } };
      }
      const found = await Promise.all(input.peerSlackIds.map((id) => people.resolve(actor.workspaceId, id)));
      const peers = found.filter((p) => p !== undefined);
      if (peers.length < found.length) return { ok: false, errors: { peers: 'Pick someone in this workspace: Slack does not know that person.' } };
      const [recipients, rules, earlier] = await Promise.all([
        recipientsOf(db, [actor, subject, ...peers]),
        // Fixed on the request from now on: a later change of the policy never lowers what its peers were promised.
        workspaceRules(db, actor.workspaceId, subject.homeTeamId),
        earlierSummaries(actor, subject),
      ]);
      const readers = await readersFor(db, subject.id, actor.id, rules.skipLevel);
      const checked = validateFeedbackRequest(
        { peers, focusAreas: input.focusAreas, customQuestion: input.customQuestion, dueOn: input.dueOn, note: input.note },
        {
          requester: actor,
          subject,
          readers: new Set(readers),
          awayUntil: (person) => recipients.get(person.id)?.awayUntil ?? null,
          workspaceFocusAreas: offered?.focusAreas ?? (await findFeedbackFocusAreas(db, actor.workspaceId)),
          today: today(actor),
          earlier,
          threshold: rules.threshold,
        },
      );
      if (!checked.ok) return checked;
      const valid = checked.value;
      const now = clock.now();
      const dueAt = dueInstant(valid.dueOn, actor.timezone);
      const timing = await requestTiming(db, { workspaceId: actor.workspaceId, dueOn: valid.dueOn, dueAt }, actor, now);

      const created = await db.transaction().execute(async (tx) => {
        const request = await insertRequest(tx, {
          workspaceId: actor.workspaceId,
          subjectId: subject.id,
          requesterId: actor.id,
          focusAreas: valid.focusAreas,
          customQuestion: valid.customQuestion,
          note: valid.note,
          dueOn: valid.dueOn,
          dueAt: dueAt.toJSDate(),
          createdAt: now.toJSDate(),
          threshold: rules.threshold,
        });
        if (!request) return undefined;
        await insertReaders(tx, request.id, readers);
        const invitations = await insertInvitations(
          tx,
          request.id,
          valid.peers.map((p) => p.id),
          now.toJSDate(),
        );
        const steps = await insertSteps(tx, [
          ...stepsForInvitations(timing, invitations, recipients),
          ...stepsForRequest(
            timing,
            request,
            recipients,
            invitations.map((i) => i.peerId),
            ['close', 'requester_status', 'self_prompt'],
          ),
        ]);
        return { request, steps };
      });
      if (!created) {
        const about = subject.id === actor.id ? 'you' : displayName(subject);
        const errors: FieldErrors<FeedbackRequestField> = { subject: `There is already an open feedback request about ${about}. Add people to it instead.` };
        return { ok: false, errors };
      }
      await queue.steps(created.steps);
      return { ok: true, value: { request: created.request, peers: valid.peers } };
    },

    async overview(actor) {
      const subjects = [actor.id, ...(await access.reports(actor))];
      const [waiting, requests] = await Promise.all([listOpenInvitationsFor(db, actor.id, WAITING_SHOWN), listRequestsAbout(db, subjects, OVERVIEW_REQUESTS)]);
      // Each request is checked against the policy, not assumed from how it was found.
      const visible: FeedbackRequest[] = [];
      for (const request of requests) {
        const decision = await access.decide(actor, 'feedback_summary.view', await access.subject({ id: request.subjectId, workspaceId: request.workspaceId }));
        if (decision.allowed) visible.push(request);
      }
      const byId = await peopleById(waiting.flatMap(({ request }) => [request.subjectId, request.requesterId]));
      return {
        waiting: waiting.flatMap(({ request }) => {
          const subject = byId.get(request.subjectId);
          const requester = byId.get(request.requesterId);
          return subject && requester ? [{ request, subject, requester }] : [];
        }),
        requests: await progressOf(visible),
      };
    },

    async listAbout(actor, subject) {
      await access.authorize(actor, 'feedback_summary.view', await access.subject(subject));
      return progressOf(await listRequestsAbout(db, [subject.id], LISTED_REQUESTS));
    },

    progress,

    async summary(actor, requestId) {
      const found = await progress(actor, requestId);
      if (found.withheld) return { progress: found, summary: undefined };
      const [answers, self] = await Promise.all([listAnswers(db, requestId), findSelfRating(db, requestId)]);
      // Every read of what people wrote is recorded, so a reader who should not have been one shows.
      await insertAuditEvents(
        db,
        [{ workspaceId: actor.workspaceId, actorId: actor.id, action: 'feedback.summary_read', subjectId: found.request.subjectId, detail: { requestId } }],
        clock.now().toJSDate(),
      );
      return { progress: found, summary: summarize(found.request, answers, self ?? null) };
    },

    async askMoreForm(actor, requestId) {
      const request = await ownRequest(actor, requestId);
      const [found] = await progressOf([request]);
      if (!found) throw new AccessDeniedError('feedback.request', 'not_permitted');
      if (request.status !== 'open') return { outcome: 'closed' };
      if (found.room <= 0) return { outcome: 'full', dueAt: request.dueAt };
      return { outcome: 'open', form: { progress: found, extendTo: extendedDueOn(request.dueOn, today(actor)) } };
    },

    async askMore(actor, requestId, peerSlackIds) {
      const request = await ownRequest(actor, requestId);
      const found = await Promise.all(peerSlackIds.map((id) => people.resolve(actor.workspaceId, id)));
      const peers = found.filter((p) => p !== undefined);
      if (peers.length < found.length) return { ok: false, errors: { peers: 'Pick someone in this workspace: Slack does not know that person.' } };
      const subject = (await findPeopleByIds(db, [request.subjectId]))[0];
      if (!subject) throw new AccessDeniedError('feedback.request', 'not_permitted');
      const recipients = await recipientsOf(db, [actor, subject, ...peers]);
      const now = clock.now();

      const outcome = await db.transaction().execute(async (tx) => {
        const locked = await lockRequest(tx, request.id, 'update');
        if (!locked || locked.status !== 'open' || now >= locked.dueAt) return { error: 'This request is closed: start a new one to ask more people.' };
        const invitations = await listInvitations(tx, locked.id);
        const participation = countParticipation(invitations);
        const room = roomToAskMore(locked, participation);
        if (participation.invited >= FEEDBACK_LIMITS.invitationsMax) return { error: `A request asks at most ${FEEDBACK_LIMITS.invitationsMax} people.` };
        if (room <= 0) return { error: 'Everyone you asked has answered already.' };
        const dueOn = extendedDueOn(locked.dueOn, today(actor)) ?? locked.dueOn;
        const checked = validateMorePeers(peers, {
          requester: actor,
          subject,
          readers: new Set(await listReaders(tx, locked.id)),
          alreadyAsked: new Set(invitations.map((i) => i.peerId)),
          awayUntil: (person) => recipients.get(person.id)?.awayUntil ?? null,
          dueOn,
          room,
        });
        if (!checked.ok) return { error: checked.errors.peers ?? 'Pick who else to ask.' };
        const everyoneAsked = [...(await findPeopleByIds(tx, invitations.map((i) => i.peerId))), ...checked.value];
        const repeated = repeatProblem(await earlierSummaries(actor, subject), everyoneAsked, locked.threshold, today(actor));
        if (repeated) return { error: repeated };

        const at = now.toJSDate();
        const moved = dueOn !== locked.dueOn;
        const dueAt = moved ? dueInstant(dueOn, actor.timezone) : locked.dueAt;
        const timing = await requestTiming(tx, { ...locked, dueOn, dueAt }, actor, now);
        const added = await insertInvitations(
          tx,
          locked.id,
          checked.value.map((p) => p.id),
          at,
        );
        const steps = stepsForInvitations(timing, added, recipients);
        if (moved) steps.push(...(await moveDueDay(tx, locked, timing, { requester: actor, subject }, { asked: invitations, added }, at)));
        return { added: checked.value, steps: await insertSteps(tx, steps) };
      });
      if ('error' in outcome) return { ok: false, errors: { peers: outcome.error } };
      await queue.steps(outcome.steps);
      return { ok: true, value: { progress: await progress(actor, request.id), added: outcome.added } };
    },

    async followReviewDate(actor, requestId, dueOn) {
      await access.authorize(actor, 'review.manage', { workspaceId: actor.workspaceId });
      const now = clock.now();
      const steps = await db.transaction().execute(async (tx) => {
        const locked = await lockRequest(tx, requestId, 'update');
        if (!locked || locked.workspaceId !== actor.workspaceId || locked.status !== 'open' || now >= locked.dueAt || dueOn <= locked.dueOn) return undefined;
        const byId = new Map((await findPeopleByIds(tx, [locked.requesterId, locked.subjectId])).map((p) => [p.id, p]));
        const requester = byId.get(locked.requesterId);
        const subject = byId.get(locked.subjectId);
        if (!requester || !subject) return undefined;
        // The due moment is the end of the day on the requester's calendar, as when they asked.
        const timing = await requestTiming(tx, { ...locked, dueOn, dueAt: dueInstant(dueOn, requester.timezone) }, requester, now);
        return insertSteps(tx, await moveDueDay(tx, locked, timing, { requester, subject }, { asked: await listInvitations(tx, locked.id), added: [] }, now.toJSDate()));
      });
      if (!steps) return false;
      await queue.steps(steps);
      return true;
    },
  };
}
