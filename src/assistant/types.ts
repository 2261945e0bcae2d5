import type { Action } from '../domain/access-policy';
import type { GoalStatus } from '../domain/goal';
import type { KeyResult } from '../domain/key-result';
import type { Person } from '../domain/person';
import type { DraftResult } from '../services/ai.service';
import type { NextCheckin } from '../services/checkin.service';
import type { FeedbackOverview } from '../services/feedback-request.service';
import type { GoalCard, GoalDetail } from '../services/goal.service';
import type { WaitingItem } from '../services/review.service';

/** The person's own answers to the self-assessment questions, in their words. */
export interface SelfAnswers {
  metrics?: string;
  collaborators?: string;
  hardest?: string;
}

/** What a change the assistant proposes will do, shown before anything changes. */
export type ProposedChange =
  | { tool: 'record_progress'; goal: GoalDetail; keyResult: KeyResult | undefined; value: number }
  | { tool: 'set_status'; goal: GoalDetail; status: GoalStatus; note: string | null }
  | { tool: 'request_feedback'; peers: Person[]; dueOn: string };

/** What a tool call comes to, rendered by views/assistant and, as text, read by a model. */
export type ToolResult =
  | { kind: 'goals'; owner: Person; self: boolean; cards: GoalCard[]; scope: 'all' | 'public'; today: string }
  | { kind: 'goal'; detail: GoalDetail; today: string; viewer: Pick<Person, 'id' | 'timezone'> }
  | { kind: 'explain'; detail: GoalDetail }
  | { kind: 'waiting'; reviews: WaitingItem[]; feedback: FeedbackOverview['waiting']; checkin: NextCheckin | undefined }
  | { kind: 'checkin' }
  | { kind: 'draft'; result: DraftResult; answers: SelfAnswers }
  /** Not there, or not the actor's to see: one answer for both. */
  | { kind: 'not_found'; what: 'goal' | 'goals_of' | 'key_result'; query: string }
  | { kind: 'ambiguous'; query: string; options: string[] }
  /** The request cannot be carried out as asked (a value that does not parse, a goal that takes no percent). */
  | { kind: 'invalid'; message: string }
  | { kind: 'proposal'; proposalId: string; change: ProposedChange };

/** What Confirm came to. */
export type ApplyOutcome =
  | { kind: 'applied'; change: ProposedChange; detail: GoalDetail | undefined }
  /** The goal changed since the proposal: nothing was applied; here it is as it stands now. */
  | { kind: 'stale'; detail: GoalDetail }
  /** The service refused the change as its forms would (a rule, a value); nothing was stored. */
  | { kind: 'failed'; problems: string[] }
  | { kind: 'already'; status: 'applied' | 'cancelled' | 'stale' | 'failed' }
  | { kind: 'cancelled' };

export type ToolKind = 'read' | 'write';

/** A tool as listed in help and the README, and as offered to a model. */
export interface ToolInfo {
  name: string;
  description: string;
  kind: ToolKind;
  /** The access-policy action the service checks for it. */
  action: Action;
  /** How to ask for it without a model. */
  grammar: string;
}
