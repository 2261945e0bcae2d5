import type { DateTime } from 'luxon';
import { runDraft } from '../ai/drafter';
import { createOfflineProvider } from '../ai/offline.provider';
import { feedbackSynthesisSpec, prepQuestionsSpec } from '../ai/specs';
import type { AiProvider, Draft, DraftSpec, Evidence } from '../ai/types';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import type { AiMode } from '../domain/settings';
import { checkWriting, type WritingInput, type WritingSuggestion } from '../domain/writing-check';
import type { Clock } from '../lib/clock';
import { type AiPrices, costOf } from '../domain/ai-cost';
import { insertAiCall, summarizeAiCalls, type AiUsageRow } from '../repositories/ai-call.repository';
import { findPersonById } from '../repositories/person.repository';
import { findPersonalSettings, findWorkspaceSettings } from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import { checkinEvidence, feedbackEvidence, goalEvidence } from './ai-evidence';
import type { FeedbackRequestService } from './feedback-request.service';
import type { GoalService } from './goal.service';

/** One provider's and model's use, with its cost where the model has a price (AI_PRICES). */
export interface AiUsage extends AiUsageRow {
  cost: { amount: number; currency: string } | null;
}

/** How drafts reach the actor: through a model, built offline, or not at all (and why not). */
export type AiAvailability = { via: 'model' | 'offline' } | { via: 'none'; reason: 'off' | 'opted_out' };

/** `evidence`: what the draft could draw on, for views that show how it spreads (never beyond the reader's access). */
export type DraftResult = { ok: true; draft: Draft; subject: Person; evidence: readonly Evidence[] } | { ok: false; reason: 'off' | 'opted_out' };

/** How far back evidence for a conversation reaches. */
export const PREP_WINDOW_DAYS = 90;

export interface AiService {
  availability(actor: Person): Promise<AiAvailability>;
  /** Questions for the actor's next 1:1 with a report, from the goals and check-ins the actor may see. */
  prepQuestions(actor: Person, reportId: string): Promise<DraftResult>;
  /** A synthesis of a released 360 summary the actor may read. */
  feedbackSynthesis(actor: Person, requestId: string): Promise<DraftResult>;
  /**
   * Any spec over what the actor may see of `subject` since `since` (goals, updates, check-ins):
   * where review cycles plug in their own sections. `extra`: more evidence the caller read as the
   * actor through its own access checks (a review's answers).
   */
  draftAbout(actor: Person, subject: Person, spec: DraftSpec, since: DateTime, extra?: readonly Evidence[]): Promise<DraftResult>;
  /** `spec` over exactly `evidence`, which the caller read as the actor through its own access checks (a transcript they hold). */
  draftOver(actor: Person, subject: Person, spec: DraftSpec, evidence: readonly Evidence[]): Promise<DraftResult>;
  /** Whether the actor may ask for 1:1 prep about `subject` (their report, as check-ins go). */
  canPrepare(actor: Person, subject: Person): Promise<boolean>;
  /** Whether forms offer the writing check: everywhere unless the workspace turned AI off. */
  writingCheckOffered(actor: Person): Promise<boolean>;
  /** Suggestions for feedback text before it is sent; undefined when the workspace turned AI off. */
  writingCheck(actor: Person, input: WritingInput): Promise<WritingSuggestion[] | undefined>;
  /** Calls since `since` per provider: HR admins' view of use and cost. */
  usage(actor: Person, since: DateTime): Promise<AiUsage[]>;
}

export function createAiService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  goals: GoalService;
  feedbackRequests: FeedbackRequestService;
  /** The configured model; undefined without one (drafts are then built offline). */
  model: AiProvider | undefined;
  /** Prices per 1,000 tokens by model; none given, usage shows tokens without a cost. */
  prices?: { prices: AiPrices; currency: string };
}): AiService {
  const { db, clock, access, goals, feedbackRequests, model } = deps;
  const pricing = deps.prices ?? { prices: new Map(), currency: 'USD' };
  const offline = createOfflineProvider();

  const modeOf = async (workspaceId: string): Promise<AiMode> => (await findWorkspaceSettings(db, workspaceId))?.aiMode ?? 'off';
  const optedOut = async (person: Person): Promise<boolean> => (await findPersonalSettings(db, person.id))?.aiOptOut ?? true;

  async function availability(actor: Person): Promise<AiAvailability> {
    const mode = await modeOf(actor.workspaceId);
    if (mode === 'off') return { via: 'none', reason: 'off' };
    if (await optedOut(actor)) return { via: 'none', reason: 'opted_out' };
    return { via: mode === 'on' && model ? 'model' : 'offline' };
  }

  async function draft(actor: Person, subject: Person, spec: DraftSpec, evidence: readonly Evidence[]): Promise<DraftResult> {
    const available = await availability(actor);
    if (available.via === 'none') return { ok: false, reason: available.reason };
    // Nothing about someone who opted out goes to a model: their drafts are built offline.
    const provider = available.via === 'model' && !(await optedOut(subject)) ? model : offline;
    // The names of the two people involved, as they may appear in notes and answers.
    const names = [actor, subject].flatMap((p) => [p.name, p.realName ?? '', ...(p.realName ?? '').split(/\s+/)]);
    const run = await runDraft(spec, evidence, provider, () => clock.now().toMillis(), names);
    await insertAiCall(db, {
      workspaceId: actor.workspaceId,
      actorId: actor.id,
      kind: spec.kind,
      provider: run.provider,
      model: run.model,
      outcome: run.outcome,
      promptTokens: run.usage.promptTokens,
      completionTokens: run.usage.completionTokens,
      latencyMs: run.latencyMs,
      at: clock.now().toJSDate(),
    });
    return { ok: true, draft: run.draft, subject, evidence: evidence.filter((e) => spec.sections.some((section) => section.accepts(e))) };
  }

  async function evidenceAbout(actor: Person, subject: Person, since: DateTime): Promise<Evidence[]> {
    const [goalItems, checkinItems] = await Promise.all([goalEvidence({ db, goals }, actor, subject, since), checkinEvidence({ db, access }, actor, subject, since)]);
    return [...goalItems, ...checkinItems];
  }

  return {
    availability,

    async prepQuestions(actor, reportId) {
      const report = await findPersonById(db, reportId);
      if (!report || report.workspaceId !== actor.workspaceId) throw new AccessDeniedError('checkin.view', 'not_permitted');
      // The manager's view of a report: the same rule that lets them read the report's check-ins.
      await access.authorize(actor, 'checkin.view', await access.subject(report));
      if (report.id === actor.id) throw new AccessDeniedError('checkin.view', 'not_permitted');
      const since = clock.now().minus({ days: PREP_WINDOW_DAYS });
      return draft(actor, report, prepQuestionsSpec, await evidenceAbout(actor, report, since));
    },

    async feedbackSynthesis(actor, requestId) {
      const available = await availability(actor);
      if (available.via === 'none') return { ok: false, reason: available.reason };
      // The released summary as the actor reads it: refused or withheld below the threshold.
      const { progress, summary } = await feedbackRequests.summary(actor, requestId);
      const evidence = summary ? feedbackEvidence(requestId, summary) : [];
      return draft(actor, progress.subject, feedbackSynthesisSpec, evidence);
    },

    async draftAbout(actor, subject, spec, since, extra = []) {
      return draft(actor, subject, spec, [...extra, ...(await evidenceAbout(actor, subject, since))]);
    },

    draftOver: draft,

    async canPrepare(actor, subject) {
      if (subject.id === actor.id) return false;
      return (await access.decide(actor, 'checkin.view', await access.subject(subject))).allowed;
    },

    async writingCheckOffered(actor) {
      return (await modeOf(actor.workspaceId)) !== 'off';
    },

    async writingCheck(actor, input) {
      if ((await modeOf(actor.workspaceId)) === 'off') return undefined;
      return checkWriting(input);
    },

    async usage(actor, since) {
      await access.authorize(actor, 'audit.read', { workspaceId: actor.workspaceId });
      return (await summarizeAiCalls(db, actor.workspaceId, since.toJSDate())).map((row) => {
        const amount = costOf(row, pricing.prices);
        return { ...row, cost: amount === undefined ? null : { amount, currency: pricing.currency } };
      });
    },
  };
}
