import type { KnownBlock, ModalView } from '@slack/types';
import type { SlackTeam } from '../../domain/person';
import {
  type AccessPolicySettings,
  AI_MODES,
  SETTINGS_LIMITS,
  type SettingsScope,
  type TeamSettingsValues,
  type TeamSkipLevelChoice,
  type WorkspaceSettings,
} from '../../domain/settings';
import { context, divider, escapeMrkdwn, plain, section } from '../blocks';
import { CallbackId, SettingsBlock as B } from '../ids';
import { input, option, staticSelect, timepicker } from '../inputs';
import { AI_MODE_LABELS, weekdayOptions } from './settings.format';

export const SKIP_LEVEL_ON = 'on';
const SKIP_LEVEL = option('Managers also see their reports’ reports', SKIP_LEVEL_ON);
const aiOptions = AI_MODES.map((mode) => option(AI_MODE_LABELS[mode], mode));
const everyOptions = [option('Every week', '1'), option('Every two weeks', '2')];
const scopeOptions: Record<SettingsScope, ReturnType<typeof option>> = {
  organization: option('The same in every workspace of the organization', 'organization'),
  team: option('Each workspace may set its own', 'team'),
};

/** Whose policy governs what, in the words of both forms. */
const POLICY_RULE =
  'The policy over a record is that of the person it is about: their home workspace’s own, or the organization’s where it has none. A feedback request keeps the threshold it was made with.';

const THRESHOLD_LIMITS = { type: 'number_input', is_decimal_allowed: false, min_value: String(SETTINGS_LIMITS.anonymityMin), max_value: String(SETTINGS_LIMITS.anonymityMax) } as const;

/** Check-in cadence and working time: the organization's defaults, or one Slack workspace's own. */
function workingTimeBlocks(settings: Pick<TeamSettingsValues, 'checkin' | 'workingDays' | 'workingHours' | 'quietHours'>): KnownBlock[] {
  const days = weekdayOptions();
  const workingDays = days.filter((day) => settings.workingDays.map(String).includes(day.value ?? ''));
  return [
    section('*Check-ins*: when people are asked, unless they choose otherwise. Times are each person’s own local time.'),
    input(B.CheckinWeekday, 'Day', staticSelect(days, String(settings.checkin.weekday))),
    input(B.CheckinTime, 'Time', timepicker(settings.checkin.time)),
    input(B.CheckinEveryWeeks, 'How often', {
      type: 'radio_buttons',
      options: everyOptions,
      initial_option: everyOptions[settings.checkin.everyWeeks - 1],
    }),
    divider(),
    section('*Working time*: nudges go out only on working days, within working hours, and never in quiet hours.'),
    input(B.WorkingDays, 'Working days', {
      type: 'checkboxes',
      options: days,
      ...(workingDays.length > 0 ? { initial_options: workingDays } : {}),
    }),
    input(B.WorkStart, 'Working hours start', timepicker(settings.workingHours.start)),
    input(B.WorkEnd, 'Working hours end', timepicker(settings.workingHours.end)),
    input(B.QuietStart, 'Quiet hours start', timepicker(settings.quietHours.start)),
    input(B.QuietEnd, 'Quiet hours end', timepicker(settings.quietHours.end), { hint: 'Quiet hours may run past midnight, such as 20:00–08:00.' }),
  ];
}

/**
 * HR admins' workspace-wide defaults, prefilled with the current ones. For an organization
 * installed org-wide (`teams` listed), the choice whether its workspaces may set their own
 * check-in cadence and working time.
 */
export function buildWorkspaceSettingsModal(settings: WorkspaceSettings, teams: readonly SlackTeam[] = []): ModalView {
  const scope: KnownBlock[] =
    teams.length === 0
      ? []
      : [
          input(
            B.Scope,
            'Check-in, working time and access policy',
            { type: 'radio_buttons', options: Object.values(scopeOptions), initial_option: scopeOptions[settings.scope] },
            {
              hint: `Per workspace: each of the organization’s ${teams.length} workspaces may set its own check-in cadence, working time, anonymity threshold and skip-level visibility in the Home tab, for the people it is home to; what it leaves unset follows the organization’s below. AI settings always apply to the whole organization.`,
            },
          ),
          divider(),
        ];
  return {
    type: 'modal',
    callback_id: CallbackId.WorkspaceSettings,
    title: plain(teams.length === 0 ? 'Workspace settings' : 'Organization settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      ...scope,
      ...workingTimeBlocks(settings),
      divider(),
      section('*Privacy*'),
      input(
        B.AnonymityThreshold,
        'Anonymity threshold',
        { ...THRESHOLD_LIMITS, initial_value: String(settings.anonymityThreshold) },
        {
          hint: `Feedback results show only once at least this many people answered (${SETTINGS_LIMITS.anonymityMin} or more).${teams.length === 0 ? '' : ` ${POLICY_RULE}`}`,
        },
      ),
      input(
        B.SkipLevel,
        'Skip-level visibility',
        { type: 'checkboxes', options: [SKIP_LEVEL], ...(settings.skipLevelVisibility ? { initial_options: [SKIP_LEVEL] } : {}) },
        { optional: true, hint: 'When on, everyone up a reporting line sees goals, check-ins and feedback summaries, not only the direct manager.' },
      ),
      input(
        B.AiMode,
        'AI drafts',
        { type: 'radio_buttons', options: aiOptions, initial_option: aiOptions.find((o) => o.value === settings.aiMode) },
        { hint: 'Drafts only ever suggest wording from records the reader may already see; they never suggest a rating. People can also opt out for themselves.' },
      ),
      input(
        B.AssistantToolCalls,
        'DM assistant: actions per person per day',
        { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: String(SETTINGS_LIMITS.assistantToolCallsMax), initial_value: String(settings.assistantLimits.toolCalls) },
        { hint: 'Each look-up or proposed change counts as one. 0 turns the assistant off.' },
      ),
      input(
        B.AssistantTokens,
        'DM assistant: model tokens per person per day',
        { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: String(SETTINGS_LIMITS.assistantTokensMax), initial_value: String(settings.assistantLimits.tokens) },
        { hint: 'Only counts when a model is connected.' },
      ),
      divider(),
      input(
        B.DefaultTimezone,
        'Default timezone',
        { type: 'plain_text_input', initial_value: settings.defaultTimezone, max_length: 64 },
        { hint: 'For people whose Slack profile has no timezone. An IANA name such as Europe/London.' },
      ),
      context(':lock: Every change is kept in the audit log.'),
    ],
  };
}

const onOff = (on: boolean) => (on ? 'on' : 'off');

/** A workspace's skip-level choice; the organization's, named with its current value. */
function teamSkipOptions(organization: AccessPolicySettings): Record<TeamSkipLevelChoice, ReturnType<typeof option>> {
  return {
    organization: option(`The organization’s (now ${onOff(organization.skipLevelVisibility)})`, 'organization'),
    on: option('On: managers also see their reports’ reports', 'on'),
    off: option('Off: only the direct manager', 'off'),
  };
}

/**
 * One Slack workspace's own check-in cadence, working time and access policy, for the people it is
 * home to; prefilled with what applies there now, the policy left to the organization's where it
 * has none. The team id rides in private_metadata.
 */
export function buildTeamSettingsModal(form: { team: SlackTeam; settings: TeamSettingsValues; own: boolean; organization: AccessPolicySettings }): ModalView {
  const name = escapeMrkdwn(form.team.name);
  const skip = teamSkipOptions(form.organization);
  const skipChoice: TeamSkipLevelChoice = form.settings.skipLevelVisibility === null ? 'organization' : onOff(form.settings.skipLevelVisibility);
  const threshold = form.settings.anonymityThreshold;
  return {
    type: 'modal',
    callback_id: CallbackId.TeamSettings,
    private_metadata: form.team.id,
    title: plain('Workspace settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section(
        `*${name}*: check-in cadence and working time for the people whose home workspace this is. ${
          form.own ? 'These are its own settings.' : 'It has none of its own yet: these are the organization’s, until you save.'
        }`,
      ),
      ...workingTimeBlocks(form.settings),
      divider(),
      section(`*Privacy* for feedback, goals, check-ins and reviews about its people. ${POLICY_RULE}`),
      input(
        B.AnonymityThreshold,
        'Anonymity threshold',
        { ...THRESHOLD_LIMITS, ...(threshold === null ? {} : { initial_value: String(threshold) }) },
        {
          optional: true,
          hint: `Feedback results show only once at least this many people answered (${SETTINGS_LIMITS.anonymityMin} or more). Blank: the organization’s (now ${form.organization.anonymityThreshold}).`,
        },
      ),
      input(
        B.SkipLevel,
        'Skip-level visibility',
        { type: 'radio_buttons', options: Object.values(skip), initial_option: skip[skipChoice] },
        { hint: 'When on, everyone up a reporting line sees goals, check-ins and feedback summaries, not only the direct manager.' },
      ),
      context(':lock: AI settings stay the organization’s. Every change is kept in the audit log.'),
    ],
  };
}
