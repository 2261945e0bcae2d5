/**
 * Renders a person as Slack's `user` object (users.info, users.list, users.lookupByEmail).
 * `tz_label` and `tz_offset` are computed for the emulator's "now", as Slack computes them for the
 * real now: a person in London has offset 0 in January and 3600 in July.
 */
import { DateTime, IANAZone } from 'luxon';
import type { PersonSpec } from './types';

export interface Person {
  id: string;
  name: string;
  realName: string;
  email: string | undefined;
  /** undefined: Slack reports no zone for this person (users.info omits tz, tz_label, tz_offset). */
  tz: string | undefined;
  isBot: boolean;
  deleted: boolean;
  title: string;
  isAdmin: boolean;
}

export function toPerson(spec: PersonSpec): Person {
  const tz = spec.tz === null ? undefined : (spec.tz ?? 'UTC');
  if (tz !== undefined && !IANAZone.isValidZone(tz)) throw new Error(`Person ${spec.id}: "${tz}" is not an IANA time zone`);
  return {
    id: spec.id,
    name: spec.name,
    realName: spec.realName ?? spec.name,
    email: spec.email,
    tz,
    isBot: spec.isBot ?? false,
    deleted: spec.deleted ?? false,
    title: spec.title ?? '',
    isAdmin: spec.isAdmin ?? false,
  };
}

export function renderUser(person: Person, teamId: string, nowMs: number): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    title: person.title,
    real_name: person.realName,
    real_name_normalized: person.realName,
    display_name: person.name,
    display_name_normalized: person.name,
    team: teamId,
    image_48: `https://example.invalid/avatars/${person.id}_48.png`,
  };
  if (person.email !== undefined && !person.isBot) profile.email = person.email;
  return {
    id: person.id,
    team_id: teamId,
    name: person.name,
    deleted: person.deleted,
    real_name: person.realName,
    ...zoneFields(person.tz, nowMs),
    profile,
    is_admin: person.isAdmin,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: person.isBot,
    is_app_user: false,
    updated: Math.floor(nowMs / 1000),
  };
}

function zoneFields(tz: string | undefined, nowMs: number): Record<string, unknown> {
  if (tz === undefined) return {};
  const local = DateTime.fromMillis(nowMs, { zone: tz, locale: 'en-US' });
  return { tz, tz_label: local.offsetNameLong ?? tz, tz_offset: local.offset * 60 };
}
