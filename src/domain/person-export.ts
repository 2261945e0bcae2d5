import type { GoalCategory, GoalLevel, GoalStatus, GoalVisibility } from './goal';
import type { GoalChange, GoalEventKind } from './goal-history';
import type { KeyResultKind } from './key-result';
import type { FeedbackExport } from './feedback-export';
import type { ReviewExport } from './review-export';
import type { ManagerLinkSource, ProposalStatus } from './org-chart';
import type { PersonalSettings } from './settings';

/** How an export names another person: enough to recognise them, nothing more. */
export interface PersonRef {
  slackUserId: string;
  name: string;
}

/**
 * Everything Cadence holds about one person (a data subject access request), as plain JSON:
 * times are ISO 8601 in UTC, calendar days are YYYY-MM-DD.
 */
export interface PersonExport {
  exportedAt: string;
  person: {
    slackUserId: string;
    name: string;
    realName: string | null;
    email: string | null;
    /** The job title from their Slack profile. */
    title: string | null;
    timezone: string;
    isAdmin: boolean;
    deactivated: boolean;
    erased: boolean;
  };
  settings: PersonalSettings;
  reportsTo: Array<{ manager: PersonRef; from: string; to: string | null; source: ManagerLinkSource }>;
  managed: Array<{ report: PersonRef; from: string; to: string | null; source: ManagerLinkSource }>;
  managerProposals: Array<{ proposedManager: PersonRef; proposedBy: PersonRef; status: ProposalStatus; createdAt: string; decidedAt: string | null }>;
  goals: Array<{
    title: string;
    description: string | null;
    category: GoalCategory;
    status: GoalStatus;
    visibility: GoalVisibility;
    level: GoalLevel;
    targetDate: string | null;
    progress: number;
    createdAt: string;
    keyResults: Array<{ title: string; kind: KeyResultKind; start: number; target: number; current: number; unit: string | null; weight: number }>;
    history: Array<{ at: string; kind: GoalEventKind; by: PersonRef | null; changes: GoalChange[]; note: string | null }>;
  }>;
  messages: Array<{ kind: string; status: string; createdAt: string; sentAt: string | null }>;
  checkins: Array<{
    period: string;
    wins: string | null;
    blockers: string | null;
    confidence: number;
    mood: number | null;
    moodShared: boolean;
    createdAt: string;
    updatedAt: string;
  }>;
  /** What they replied in check-in nudges' threads, per period. */
  checkinNotes: Array<{ period: string; note: string }>;
  auditLog: Array<{ at: string; action: string; actor: PersonRef | null; subject: PersonRef | null; detail: Record<string, unknown> }>;
  feedback: FeedbackExport;
  reviews: ReviewExport;
}
