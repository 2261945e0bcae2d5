import { isValidTimezone } from '../../../src/lib/clock';
import {
  effectiveCadence,
  isWithin,
  type PersonalSettingsInput,
  policyFor,
  strictestThreshold,
  type TeamSettingsValues,
  validatePersonalSettings,
  validateTeamSettings,
  validateWorkspaceSettings,
  withTeamSettings,
  type WorkspaceSettings,
  type WorkspaceSettingsInput,
} from '../../../src/domain/settings';

const form: WorkspaceSettingsInput = {
  checkinWeekday: '5',
  checkinTime: '15:00',
  checkinEveryWeeks: '1',
  workingDays: ['1', '2', '3', '4', '5'],
  workStart: '09:00',
  workEnd: '18:00',
  quietStart: '20:00',
  quietEnd: '08:00',
  anonymityThreshold: '3',
  skipLevelVisibility: false,
  aiMode: 'on',
  assistantToolCalls: '60',
  assistantTokens: '50000',
  settingsScope: null,
  defaultTimezone: 'Europe/London',
};

const workspace: WorkspaceSettings = {
  workspaceId: 'T1',
  defaultTimezone: 'UTC',
  checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '18:00' },
  quietHours: { start: '20:00', end: '08:00' },
  anonymityThreshold: 3,
  skipLevelVisibility: false,
  aiMode: 'on',
  assistantLimits: { toolCalls: 60, tokens: 50000 },
  scope: 'organization',
};

describe('workspace settings', () => {
  it('accepts the defaults and returns them typed', () => {
    expect(validateWorkspaceSettings({ ...form, skipLevelVisibility: true, anonymityThreshold: '5' }, isValidTimezone)).toEqual({
      ok: true,
      value: {
        defaultTimezone: 'Europe/London',
        checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
        workingDays: [1, 2, 3, 4, 5],
        workingHours: { start: '09:00', end: '18:00' },
        quietHours: { start: '20:00', end: '08:00' },
        anonymityThreshold: 5,
        skipLevelVisibility: true,
        aiMode: 'on',
        assistantLimits: { toolCalls: 60, tokens: 50000 },
        scope: 'organization',
      },
    });
  });

  it.each([
    ['an anonymity threshold under 3', { anonymityThreshold: '2' }, { anonymityThreshold: 'At least 3, so no answer can be traced back to one person.' }],
    ['a threshold that is not a whole number', { anonymityThreshold: '3.5' }, { anonymityThreshold: 'Enter a whole number.' }],
    ['an empty threshold', { anonymityThreshold: null }, { anonymityThreshold: 'Enter a whole number.' }],
    ['no working day', { workingDays: [] }, { workingDays: 'Pick at least one working day.' }],
    ['no AI choice', { aiMode: null }, { aiMode: 'Choose whether AI drafts are on, offline only, or off.' }],
    ['an AI mode that does not exist', { aiMode: 'always' }, { aiMode: 'Choose whether AI drafts are on, offline only, or off.' }],
    ['a negative assistant allowance', { assistantToolCalls: '-1' }, { assistantToolCalls: 'Enter a whole number from 0 (assistant off) to 1,000.' }],
    ['an assistant allowance that is not a number', { assistantToolCalls: 'lots' }, { assistantToolCalls: 'Enter a whole number from 0 (assistant off) to 1,000.' }],
    ['too many assistant tokens', { assistantTokens: '2000001' }, { assistantTokens: 'Enter a whole number from 0 to 2,000,000.' }],
    ['a day that is not a weekday', { workingDays: ['1', '8'] }, { workingDays: 'Pick at least one working day.' }],
    ['working hours that end before they start', { workStart: '18:00', workEnd: '09:00' }, { workEnd: 'Working hours must end after they start (18:00).' }],
    ['quiet hours of no length', { quietStart: '22:00', quietEnd: '22:00' }, { quietEnd: 'Quiet hours must end at a different time than they start.' }],
    ['an unknown timezone', { defaultTimezone: 'Mars/Base' }, { defaultTimezone: 'Use an IANA timezone name such as Europe/London or America/New_York.' }],
    ['a time that is not a time', { checkinTime: '25:00' }, { checkinTime: 'Pick a time.' }],
    ['a frequency other than one or two weeks', { checkinEveryWeeks: '3' }, { checkinEveryWeeks: 'Choose every week or every two weeks.' }],
    [
      'check-ins on a day off',
      { checkinWeekday: '6' },
      { checkinWeekday: 'Saturday is not a working day. Pick one of: Monday, Tuesday, Wednesday, Thursday, Friday.' },
    ],
    ['check-ins outside working hours', { checkinTime: '19:00' }, { checkinTime: 'Pick a time within working hours (09:00–18:00).' }],
    [
      'check-ins in quiet hours',
      { quietStart: '14:00', quietEnd: '16:00' },
      { checkinTime: '15:00 is in quiet hours (14:00–16:00). Pick another time.' },
    ],
  ])('refuses %s with an error on the field', (_label, change, errors) => {
    expect(validateWorkspaceSettings({ ...form, ...change }, isValidTimezone)).toEqual({ ok: false, errors });
  });

  it('reads quiet hours across midnight', () => {
    const night = { start: '20:00', end: '08:00' };
    expect(['23:00', '07:59', '20:00'].map((t) => isWithin(t, night))).toEqual([true, true, true]);
    expect(['08:00', '12:00', '19:59'].map((t) => isWithin(t, night))).toEqual([false, false, false]);
  });
});

describe('settings per Slack workspace of an organization', () => {
  const own: TeamSettingsValues = {
    checkin: { weekday: 2, time: '10:00', everyWeeks: 2 },
    workingDays: [1, 2, 3, 4],
    workingHours: { start: '08:00', end: '16:00' },
    quietHours: { start: '19:00', end: '07:00' },
    anonymityThreshold: null,
    skipLevelVisibility: null,
  };
  const input = {
    checkinWeekday: '2',
    checkinTime: '10:00',
    checkinEveryWeeks: '2',
    workingDays: ['1', '2', '3', '4'],
    workStart: '08:00',
    workEnd: '16:00',
    quietStart: '19:00',
    quietEnd: '07:00',
    anonymityThreshold: '',
    skipLevelVisibility: 'organization',
  };

  it('takes the scope as chosen, one set of settings when the form offers no choice, and refuses anything else', () => {
    expect(validateWorkspaceSettings({ ...form, settingsScope: 'team' }, isValidTimezone)).toMatchObject({ ok: true, value: { scope: 'team' } });
    expect(validateWorkspaceSettings(form, isValidTimezone)).toMatchObject({ ok: true, value: { scope: 'organization' } });
    expect(validateWorkspaceSettings({ ...form, settingsScope: 'everyone' }, isValidTimezone)).toEqual({
      ok: false,
      errors: { settingsScope: 'Choose one set of settings for the organization, or settings per workspace.' },
    });
  });

  it("checks a workspace's own cadence and working time as the organization's are", () => {
    expect(validateTeamSettings(input)).toEqual({ ok: true, value: own });
    expect(validateTeamSettings({ ...input, checkinWeekday: '5' })).toEqual({
      ok: false,
      errors: { checkinWeekday: 'Friday is not a working day. Pick one of: Monday, Tuesday, Wednesday, Thursday.' },
    });
    expect(validateTeamSettings({ ...input, workEnd: '07:00' })).toEqual({ ok: false, errors: { workEnd: 'Working hours must end after they start (08:00).' } });
  });

  it("applies a workspace's own cadence and working time only when the organization chose settings per workspace", () => {
    const { checkin, workingDays, workingHours, quietHours } = own;
    expect(withTeamSettings({ ...workspace, scope: 'team' }, own)).toEqual({ ...workspace, scope: 'team', checkin, workingDays, workingHours, quietHours });
    expect(withTeamSettings(workspace, own)).toEqual(workspace);
    // A workspace with none of its own keeps the organization's.
    expect(withTeamSettings({ ...workspace, scope: 'team' }, undefined)).toEqual({ ...workspace, scope: 'team' });
  });

  it("checks a workspace's own threshold as the organization's is, and keeps the organization's for a blank one or the organization's choice", () => {
    expect(validateTeamSettings({ ...input, anonymityThreshold: '7', skipLevelVisibility: 'on' })).toEqual({
      ok: true,
      value: { ...own, anonymityThreshold: 7, skipLevelVisibility: true },
    });
    expect(validateTeamSettings({ ...input, skipLevelVisibility: 'off' })).toEqual({ ok: true, value: { ...own, skipLevelVisibility: false } });
    // A form without the fields (an older modal still open) keeps the organization's.
    expect(validateTeamSettings({ ...input, anonymityThreshold: null, skipLevelVisibility: null })).toEqual({ ok: true, value: own });
    expect(validateTeamSettings({ ...input, anonymityThreshold: '2', skipLevelVisibility: 'sometimes' })).toEqual({
      ok: false,
      errors: {
        anonymityThreshold: 'At least 3, so no answer can be traced back to one person. Or leave it blank for the organization’s.',
        skipLevelVisibility: 'Choose on, off, or the organization’s setting.',
      },
    });
    expect(validateTeamSettings({ ...input, anonymityThreshold: '3.5' })).toMatchObject({ ok: false, errors: { anonymityThreshold: 'Enter a whole number. Or leave it blank for the organization’s.' } });
  });

  describe('the access policy over a record: that of the person it is about', () => {
    const organization: WorkspaceSettings = { ...workspace, anonymityThreshold: 5, skipLevelVisibility: false, scope: 'team' };

    it("is their home workspace's own where it set one, value by value", () => {
      expect(policyFor(organization, { anonymityThreshold: 8, skipLevelVisibility: true })).toEqual({ anonymityThreshold: 8, skipLevelVisibility: true });
      expect(policyFor(organization, { anonymityThreshold: null, skipLevelVisibility: true })).toEqual({ anonymityThreshold: 5, skipLevelVisibility: true });
      expect(policyFor(organization, { anonymityThreshold: 3, skipLevelVisibility: null })).toEqual({ anonymityThreshold: 3, skipLevelVisibility: false });
    });

    it("is the organization's for a workspace with none of its own", () => {
      expect(policyFor(organization, undefined)).toEqual({ anonymityThreshold: 5, skipLevelVisibility: false });
      expect(withTeamSettings(organization, own)).toMatchObject({ anonymityThreshold: 5, skipLevelVisibility: false });
    });

    it("ignores a workspace's own values under one set of settings for the organization", () => {
      const single = { ...organization, scope: 'organization' as const };
      expect(policyFor(single, { anonymityThreshold: 8, skipLevelVisibility: true })).toEqual({ anonymityThreshold: 5, skipLevelVisibility: false });
      expect(withTeamSettings(single, { ...own, anonymityThreshold: 8, skipLevelVisibility: true })).toEqual(single);
    });

    it('takes, for an aggregate about several people, the highest of their thresholds', () => {
      expect(strictestThreshold(5, [3, 8, 5])).toBe(8);
      expect(strictestThreshold(5, [3])).toBe(3);
      expect(strictestThreshold(5, [])).toBe(5);
    });
  });
});

describe('personal settings', () => {
  const input: PersonalSettingsInput = { checkinWeekday: null, checkinTime: null, checkinEveryWeeks: null, pausedUntil: null, enabledNudges: ['checkin', 'goal', 'feedback', 'review', 'digest'], aiOptOut: false };
  const today = '2026-11-23';

  it('keeps the workspace default where nothing was chosen, and stores the kinds turned off', () => {
    const result = validatePersonalSettings({ ...input, checkinTime: '10:30', enabledNudges: ['checkin', 'review'], aiOptOut: false }, workspace, today);
    expect(result).toEqual({
      ok: true,
      value: { checkin: { weekday: null, time: '10:30', everyWeeks: null }, pausedUntil: null, mutedNudges: ['goal', 'feedback', 'digest'], aiOptOut: false },
    });
    if (result.ok) expect(effectiveCadence(workspace, result.value)).toEqual({ weekday: 5, time: '10:30', everyWeeks: 1 });
  });

  it.each([
    ['a pause that ended yesterday', { pausedUntil: '2026-11-22' }, { pausedUntil: 'That day has passed. Pick today or a later day, or clear the date to resume.' }],
    ['a pause longer than a year', { pausedUntil: '2027-11-25' }, { pausedUntil: 'Pause for at most a year (until 2027-11-24).' }],
    ['a day off for check-ins', { checkinWeekday: '7' }, { checkinWeekday: 'Sunday is not a working day. Pick one of: Monday, Tuesday, Wednesday, Thursday, Friday.' }],
    ['a check-in time before work starts', { checkinTime: '07:00' }, { checkinTime: 'Pick a time within working hours (09:00–18:00).' }],
    ['a kind of nudge that does not exist', { enabledNudges: ['spam'], aiOptOut: false }, { enabledNudges: 'Choose from the listed kinds of nudges.' }],
  ])('refuses %s', (_label, change, errors) => {
    expect(validatePersonalSettings({ ...input, ...change }, workspace, today)).toEqual({ ok: false, errors });
  });

  it('accepts a pause until today, the last day of the pause', () => {
    expect(validatePersonalSettings({ ...input, pausedUntil: today }, workspace, today).ok).toBe(true);
  });
});
