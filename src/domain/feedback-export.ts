import type { FeedbackRequestStatus, InvitationStatus, Rating } from './feedback';
import type { PersonRef } from './person-export';

/**
 * Feedback in a person's data export. What peers wrote is absent by construction: nothing links an
 * answer to its author, and answers about someone reach only them and their manager, as a summary.
 * Notes keep their bodies out too: they are for the people they were written for, never for HR.
 */
export interface FeedbackExport {
  /** Requests about the person, or made by them about a report. */
  requests: Array<{
    about: PersonRef;
    askedBy: PersonRef;
    focusAreas: string[];
    customQuestion: string | null;
    note: string | null;
    dueOn: string;
    status: FeedbackRequestStatus;
    createdAt: string;
    invited: number;
    answered: number;
    declined: number;
    /** The person's own ratings, when the request was about them and they rated themself. */
    selfRatings: Array<Rating | null> | null;
  }>;
  /** Requests the person was asked to answer, and whether they did. Never what they wrote. */
  askedToAnswer: Array<{ about: PersonRef; status: InvitationStatus; declineReason: string | null; invitedAt: string }>;
  notes: Array<{ from: PersonRef; to: PersonRef; sharedWith: PersonRef | null; createdAt: string }>;
}
