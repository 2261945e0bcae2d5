import type { DateTime } from 'luxon';

/** Everything the audit log records. Reads are listed too: who looked at what is the point of it. */
export const AUDIT_ACTIONS = {
  'org.manager_set': 'set a manager',
  'org.manager_removed': 'removed a manager',
  'org.imported': 'imported the org chart',
  'org.proposal_confirmed': 'confirmed being the manager of',
  'org.proposal_rejected': 'declined being the manager of',
  'role.admin_granted': 'made an HR admin',
  'role.admin_revoked': 'removed as HR admin',
  'settings.workspace_changed': 'changed the workspace settings',
  'settings.team_changed': 'changed the own settings of a Slack workspace of the organization',
  'settings.personal_changed': 'changed their personal settings',
  'person.exported': 'exported the data of',
  'person.erased': 'deleted the personal data of',
  'audit.exported': 'exported the audit log',
  'feedback.summary_read': 'read the feedback summary about',
  'review.content_read': 'read the review of',
  'review.cycle_created': 'created the review cycle',
  'review.cycle_launched': 'launched the review cycle',
  'review.cycle_extended': 'extended a phase of the review cycle',
  'review.cycle_closed': 'closed the review cycle',
  'review.reopened': 'reopened the review of',
  'review.participant_added': 'added to the review cycle',
  'review.template_saved': 'saved the review template',
  'review.exported': 'exported the review cycle',
  'review.calibration_read': 'read the calibration of the review cycle',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Ids, settings and counts only: never personal content, because the log outlives an erasure. */
export type AuditDetail = Record<string, string | number | boolean | null | readonly (string | number)[] | Record<string, unknown>>;

export interface NewAuditEvent {
  workspaceId: string;
  /** Null when Cadence itself acted. */
  actorId: string | null;
  action: AuditAction;
  subjectId?: string | null;
  detail?: AuditDetail;
}

export interface AuditEvent {
  id: number;
  workspaceId: string;
  actorId: string | null;
  action: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
  at: DateTime;
}
