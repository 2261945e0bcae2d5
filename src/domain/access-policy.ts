import type { GoalLevel, GoalVisibility } from './goal';
import { isActive, type Person } from './person';

/**
 * Who may do what, for every feature, in one place. Pure: callers load the org-chart facts and
 * the workspace settings and pass them in, so the rules can be read, and tested, on their own.
 */

/** The acting person, as far as access is concerned. */
export type PolicyActor = Pick<Person, 'id' | 'workspaceId' | 'isAdmin' | 'isBot' | 'deactivated' | 'erased'>;

/** The person something is about, with the org-chart facts the rules need. */
export interface SubjectPerson {
  id: string;
  workspaceId: string;
  /** Their managers, nearest first: [manager, manager's manager, …]. Empty when they have none. */
  managerChain: readonly string[];
}

export interface GoalSubject {
  owner: SubjectPerson;
  visibility: GoalVisibility;
}

/** The level a goal of `owner` would have; team goals need an owner who leads a team. */
export interface GoalLevelSubject {
  owner: SubjectPerson;
  level: GoalLevel;
  /** The owner has direct reports. */
  ownerLeadsTeam: boolean;
}

export interface WorkspaceSubject {
  workspaceId: string;
}

export interface ProposalSubject {
  person: SubjectPerson;
  proposedManagerId: string;
}

/** Someone asked for feedback on a request. */
export interface InvitationSubject {
  workspaceId: string;
  /** The person who was asked. */
  peerId: string;
}

/** Continuous feedback: its recipient (`person`), its author, and the manager it was shared with. */
export interface NoteSubject {
  person: SubjectPerson;
  authorId: string;
  sharedWithId: string | null;
}

/** A participant's review in a cycle, and whether its summary was shared with them yet. */
export interface ReviewSubject {
  person: SubjectPerson;
  shared: boolean;
}

/**
 * Settings the rules depend on: those of the person the subject is about (`aboutWhom`), i.e. their
 * home Slack workspace's policy in an Enterprise Grid organization that set one per workspace.
 */
export interface PolicyContext {
  skipLevelVisibility: boolean;
}

interface SubjectOfAction {
  'goal.view': GoalSubject;
  'goal.edit': GoalSubject;
  'goal.set_level': GoalLevelSubject;
  'checkin.view': SubjectPerson;
  /** Check in, snooze or skip a check-in nudge: one's own only. */
  'checkin.answer': SubjectPerson;
  'feedback_summary.view': SubjectPerson;
  /** Ask for 360 feedback about someone, and manage that request. */
  'feedback.request': SubjectPerson;
  'feedback.answer': InvitationSubject;
  'feedback_note.give': SubjectPerson;
  'feedback_note.view': NoteSubject;
  'personal_settings.manage': SubjectPerson;
  /** Whom someone reports to and who reports to them. */
  'org.view': SubjectPerson;
  'manager.propose': SubjectPerson;
  'manager.answer': ProposalSubject;
  'org.edit': WorkspaceSubject;
  'settings.edit': WorkspaceSubject;
  'roles.manage': WorkspaceSubject;
  'audit.read': WorkspaceSubject;
  /** Which messages could not be delivered, to whom and why (never their content). */
  'deliveries.view': WorkspaceSubject;
  'person.export': SubjectPerson;
  'person.erase': SubjectPerson;
  /** Templates, competencies, cycles, completion, nudges and exports: HR's. */
  'review.manage': WorkspaceSubject;
  /** The workspace's connections to other tools (their secrets, rules and problems): HR's. */
  'integrations.manage': WorkspaceSubject;
  'review.self_assess': SubjectPerson;
  /** Write someone's manager review, schedule and share their conversation: their manager now. */
  'review.manager_review': SubjectPerson;
  'review.sign_off': SubjectPerson;
  /** Read review content; which questions is `reviewReaders`'s answer. */
  'review.read': ReviewSubject;
}

export type Action = keyof SubjectOfAction;
export type SubjectOf<A extends Action> = SubjectOfAction[A];

export const ACTIONS = [
  'goal.view',
  'goal.edit',
  'goal.set_level',
  'checkin.view',
  'checkin.answer',
  'feedback_summary.view',
  'feedback.request',
  'feedback.answer',
  'feedback_note.give',
  'feedback_note.view',
  'personal_settings.manage',
  'org.view',
  'manager.propose',
  'manager.answer',
  'org.edit',
  'settings.edit',
  'roles.manage',
  'audit.read',
  'deliveries.view',
  'person.export',
  'person.erase',
  'review.manage',
  'integrations.manage',
  'review.self_assess',
  'review.manager_review',
  'review.sign_off',
  'review.read',
] as const satisfies readonly Action[];

/** Why access was granted: useful in audit entries and in tests that pin the rule that applied. */
export type Grounds =
  | 'self'
  | 'manager'
  | 'skip_level'
  | 'admin'
  | 'public'
  | 'proposed_manager'
  | 'invited'
  | 'colleague'
  | 'author'
  | 'shared_with';
export type DenyReason = 'inactive_actor' | 'other_workspace' | 'not_permitted';
export type Decision = { allowed: true; grounds: Grounds } | { allowed: false; reason: DenyReason };

const allow = (grounds: Grounds): Decision => ({ allowed: true, grounds });
const deny = (reason: DenyReason): Decision => ({ allowed: false, reason });

function workspaceOf(subject: SubjectOf<Action>): string {
  if ('owner' in subject) return subject.owner.workspaceId;
  if ('person' in subject) return subject.person.workspaceId;
  return subject.workspaceId;
}

/** The person a subject is about, whose policy governs it; none for workspace-wide subjects and invitations. */
export function aboutWhom(subject: SubjectOf<Action>): SubjectPerson | undefined {
  if ('owner' in subject) return subject.owner;
  if ('person' in subject) return subject.person;
  return 'managerChain' in subject ? subject : undefined;
}

/**
 * How the actor stands above the subject in the org chart: their manager always counts; anyone
 * further up only when the subject's policy turned skip-level visibility on.
 */
function managerGrounds(actor: PolicyActor, subject: SubjectPerson, context: PolicyContext): Grounds | undefined {
  const [direct, ...above] = subject.managerChain;
  if (direct === actor.id) return 'manager';
  if (context.skipLevelVisibility && above.includes(actor.id)) return 'skip_level';
  return undefined;
}

/** What a person may see of someone: their own things, and what their managers may see. */
function selfOrManager(actor: PolicyActor, subject: SubjectPerson, context: PolicyContext): Decision {
  if (subject.id === actor.id) return allow('self');
  const grounds = managerGrounds(actor, subject, context);
  return grounds ? allow(grounds) : deny('not_permitted');
}

const adminOnly = (actor: PolicyActor): Decision => (actor.isAdmin ? allow('admin') : deny('not_permitted'));

function decide(actor: PolicyActor, action: Action, subject: SubjectOf<Action>, context: PolicyContext): Decision {
  // Each case narrows `subject` by hand: TypeScript does not tie the subject's type to the case label.
  switch (action) {
    case 'goal.view': {
      const goal = subject as GoalSubject;
      const personal = selfOrManager(actor, goal.owner, context);
      if (personal.allowed) return personal;
      // HR admins see private goals too (content, unlike check-ins); everyone sees public ones.
      if (actor.isAdmin) return allow('admin');
      return goal.visibility === 'public' ? allow('public') : deny('not_permitted');
    }
    case 'goal.edit':
      return selfOrManager(actor, (subject as GoalSubject).owner, context);
    case 'goal.set_level': {
      // Whoever may edit the owner's goals, within what the level asks: company goals are HR's to set.
      const { owner, level, ownerLeadsTeam } = subject as GoalLevelSubject;
      const editor = selfOrManager(actor, owner, context);
      if (!editor.allowed || level === 'individual') return editor;
      if (actor.isAdmin) return allow('admin');
      return level === 'team' && ownerLeadsTeam ? editor : deny('not_permitted');
    }
    case 'checkin.view':
    case 'feedback_summary.view':
      // Not admins: HR reads completion and aggregates, never what someone wrote in a check-in.
      return selfOrManager(actor, subject as SubjectPerson, context);
    case 'feedback.request':
      // The person, or their manager asking about a report. Never HR: they see no one's feedback.
      return selfOrManager(actor, subject as SubjectPerson, context);
    case 'feedback.answer':
      return (subject as InvitationSubject).peerId === actor.id ? allow('invited') : deny('not_permitted');
    case 'feedback_note.give':
      return (subject as SubjectPerson).id === actor.id ? deny('not_permitted') : allow('colleague');
    case 'feedback_note.view': {
      const note = subject as NoteSubject;
      if (note.person.id === actor.id) return allow('self');
      if (note.authorId === actor.id) return allow('author');
      // Only the manager it was shared with when given: not skip-levels, not a later manager.
      return note.sharedWithId === actor.id ? allow('shared_with') : deny('not_permitted');
    }
    case 'org.view': {
      const personal = selfOrManager(actor, subject as SubjectPerson, context);
      return personal.allowed ? personal : adminOnly(actor);
    }
    case 'personal_settings.manage':
    case 'manager.propose':
    case 'checkin.answer':
      return (subject as SubjectPerson).id === actor.id ? allow('self') : deny('not_permitted');
    case 'manager.answer':
      return (subject as ProposalSubject).proposedManagerId === actor.id ? allow('proposed_manager') : deny('not_permitted');
    case 'review.self_assess':
      return (subject as SubjectPerson).id === actor.id ? allow('self') : deny('not_permitted');
    case 'review.manager_review':
      // The manager of today only: a skip-level reads, but does not write, someone's review.
      return (subject as SubjectPerson).managerChain[0] === actor.id ? allow('manager') : deny('not_permitted');
    case 'review.sign_off': {
      const person = subject as SubjectPerson;
      if (person.id === actor.id) return allow('self');
      return person.managerChain[0] === actor.id ? allow('manager') : deny('not_permitted');
    }
    case 'review.read': {
      const review = subject as ReviewSubject;
      if (review.person.id === actor.id && review.shared) return allow('self');
      const grounds = managerGrounds(actor, review.person, context);
      if (grounds) return allow(grounds);
      return actor.isAdmin && review.person.id !== actor.id ? allow('admin') : deny('not_permitted');
    }
    case 'person.erase':
      // An admin erasing themself would lock the workspace out of its own admin section mid-way.
      return (subject as SubjectPerson).id === actor.id ? deny('not_permitted') : adminOnly(actor);
    case 'org.edit':
    case 'settings.edit':
    case 'roles.manage':
    case 'audit.read':
    case 'deliveries.view':
    case 'person.export':
    case 'review.manage':
    case 'integrations.manage':
      return adminOnly(actor);
  }
}

/** Who reads review answers, by the template's words. */
export type ReviewReaderRole = 'employee' | 'manager' | 'hr';

/**
 * As whom `actor` reads a participant's review: the employee (their own, once shared), the manager
 * (skip-levels too when the workspace says so), HR (admins; the service then shows only questions
 * HR may read). Empty: nothing. The same rules as 'review.read', by reader rather than grounds.
 */
export function reviewReaders(actor: PolicyActor, review: ReviewSubject, context: PolicyContext): ReviewReaderRole[] {
  if (!isActive(actor) || review.person.workspaceId !== actor.workspaceId) return [];
  const readers: ReviewReaderRole[] = [];
  if (review.person.id === actor.id && review.shared) readers.push('employee');
  if (managerGrounds(actor, review.person, context)) readers.push('manager');
  // Not their own: an HR admin's review reaches them as anyone else's does, once shared.
  if (actor.isAdmin && review.person.id !== actor.id) readers.push('hr');
  return readers;
}

/** Whether `actor` may do `action` on `subject`. Inactive actors and other workspaces get nothing. */
export function can<A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>, context: PolicyContext): Decision {
  if (!isActive(actor)) return deny('inactive_actor');
  if (workspaceOf(subject) !== actor.workspaceId) return deny('other_workspace');
  return decide(actor, action, subject, context);
}

/** Thrown by services when the policy says no; listeners answer it with a plain refusal. */
export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
  constructor(
    readonly action: Action,
    readonly reason: DenyReason,
  ) {
    super(`access denied: ${action} (${reason})`);
  }
}
