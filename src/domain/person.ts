/** Someone in a workspace, as Cadence knows them. Identified by Slack's team and user ids. */
export interface Person {
  id: string;
  workspaceId: string;
  slackUserId: string;
  name: string;
  realName: string | null;
  email: string | null;
  /** IANA zone from Slack, or the workspace default when Slack gave none we understand. */
  timezone: string;
  isBot: boolean;
  deactivated: boolean;
  /** An HR admin of the workspace. */
  isAdmin: boolean;
  /** An admin erased this person's data; what is left is a placeholder that audit entries point to. */
  erased: boolean;
  /** Their Slack workspace within an org-wide install, whose own settings may apply to them; null otherwise. */
  homeTeamId: string | null;
}

/** What Slack's directory says about a person (users.info), without Slack's types. */
export interface DirectoryProfile {
  slackUserId: string;
  name: string;
  realName: string | null;
  email: string | null;
  timezone: string | null;
  isBot: boolean;
  deactivated: boolean;
  /** The job title on their Slack profile; absent or null when there is none. */
  title?: string | null;
  /** In an org-wide install: the Slack workspace they belong to (their first in the org). */
  homeTeamId?: string | null;
}

/** One Slack workspace of an organization installed org-wide (Enterprise Grid). */
export interface SlackTeam {
  id: string;
  name: string;
}

export function displayName(person: Pick<Person, 'name' | 'realName'>): string {
  return person.realName?.trim() || person.name;
}

/** Someone Cadence may ask, remind or name in a picker: a real, current member of the workspace. */
export function isActive(person: Pick<Person, 'isBot' | 'deactivated' | 'erased'>): boolean {
  return !person.isBot && !person.deactivated && !person.erased;
}

export const ERASED_NAME = 'Deleted person';
