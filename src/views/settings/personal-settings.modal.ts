import type { ModalView } from '@slack/types';
import { NUDGE_KINDS, WEEKDAY_NAMES } from '../../domain/settings';
import type { SettingsView } from '../../services/settings.service';
import { context, plain } from '../blocks';
import { CallbackId, SettingsBlock as B } from '../ids';
import { input, option, staticSelect, timepicker } from '../inputs';
import { NUDGE_LABELS, weekdayOptions } from './settings.format';

/** The option value meaning "whatever the workspace default is". */
export const WORKSPACE_DEFAULT = 'default';
export const AI_OPT_OUT = 'opt_out';
const AI_OPT_OUT_OPTION = option('No AI drafts for me, and nothing about me sent to a model', AI_OPT_OUT);

/** A person's own cadence, pause and nudge choices, prefilled with the current ones. */
export function buildPersonalSettingsModal({ workspace, personal }: SettingsView): ModalView {
  const defaults = workspace.checkin;
  const dayOptions = [option(`Workspace default (${WEEKDAY_NAMES[defaults.weekday]})`, WORKSPACE_DEFAULT), ...weekdayOptions()];
  const everyOptions = [
    option(`Workspace default (${defaults.everyWeeks === 1 ? 'every week' : 'every two weeks'})`, WORKSPACE_DEFAULT),
    option('Every week', '1'),
    option('Every two weeks', '2'),
  ];
  const nudgeOptions = NUDGE_KINDS.map((kind) => option(NUDGE_LABELS[kind], kind));
  const enabled = nudgeOptions.filter((o) => !personal.mutedNudges.some((kind) => kind === o.value));
  const every = personal.checkin.everyWeeks === null ? WORKSPACE_DEFAULT : String(personal.checkin.everyWeeks);
  return {
    type: 'modal',
    callback_id: CallbackId.PersonalSettings,
    title: plain('My settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      input(
        B.CheckinWeekday,
        'Check-in day',
        staticSelect(dayOptions, personal.checkin.weekday === null ? WORKSPACE_DEFAULT : String(personal.checkin.weekday)),
      ),
      input(B.CheckinTime, 'Check-in time', timepicker(personal.checkin.time), {
        optional: true,
        hint: `Your own local time. Leave empty for the workspace default (${defaults.time}).`,
      }),
      input(B.CheckinEveryWeeks, 'How often', {
        type: 'radio_buttons',
        options: everyOptions,
        initial_option: everyOptions.find((o) => o.value === every),
      }),
      input(
        B.PausedUntil,
        'Pause nudges until',
        { type: 'datepicker', ...(personal.pausedUntil ? { initial_date: personal.pausedUntil } : {}) },
        { optional: true, hint: 'No nudges up to and including this day, for holidays or leave. Clear it to resume.' },
      ),
      input(
        B.Nudges,
        'Nudges I get',
        { type: 'checkboxes', options: nudgeOptions, ...(enabled.length > 0 ? { initial_options: enabled } : {}) },
        { optional: true },
      ),
      input(
        B.AiOptOut,
        'AI drafts',
        { type: 'checkboxes', options: [AI_OPT_OUT_OPTION], ...(personal.aiOptOut ? { initial_options: [AI_OPT_OUT_OPTION] } : {}) },
        { optional: true, hint: 'Drafts about you are then built only inside Cadence, from the records themselves.' },
      ),
      context(':lock: Who sees this: only you and HR admins (in the audit log).'),
    ],
  };
}
