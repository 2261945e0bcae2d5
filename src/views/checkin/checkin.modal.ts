import type { ModalView, PlainTextOption } from '@slack/types';
import { type Checkin, CHECKIN_LIMITS } from '../../domain/checkin';
import type { CheckinCadence } from '../../domain/settings';
import { context, plain } from '../blocks';
import { CheckinBlock, CheckinCallbackId } from '../ids';
import { input, option, staticSelect } from '../inputs';
import { describePeriod } from './checkin.format';

/** Where the form was opened from: a nudge DM is updated in place once the check-in is saved. */
export interface MessageRef {
  channel: string;
  ts: string;
}

export interface CheckinModalInput {
  period: string;
  cadence: CheckinCadence;
  existing: Checkin | undefined;
  origin?: MessageRef;
}

/** Carried through Slack with the view, and checked again on submit. */
export interface CheckinMetadata {
  period: string;
  origin?: MessageRef;
}

const CONFIDENCE_WORDS: Record<number, string> = { 0: 'not at all', 5: 'could go either way', 10: 'certain' };
const confidenceOptions = (): PlainTextOption[] =>
  Array.from({ length: CHECKIN_LIMITS.confidenceMax - CHECKIN_LIMITS.confidenceMin + 1 }, (_, i) => {
    const value = CHECKIN_LIMITS.confidenceMin + i;
    const words = CONFIDENCE_WORDS[value];
    return option(words ? `${value} – ${words}` : String(value), String(value));
  });

const MOODS = [':disappointed: 1 – rough', ':slightly_frowning_face: 2', ':neutral_face: 3', ':slightly_smiling_face: 4', ':smile: 5 – great'];
const moodOptions = () => MOODS.map((label, i) => option(label, String(i + 1)));
const SHARE_MOOD = option('Let my manager see my mood', 'shared');

/**
 * The check-in form: wins, blockers, confidence and an optional mood, for one period.
 * A deliberately small first version: the full check-in (progress on each goal) replaces this
 * function, and keeps `CheckinMetadata` and the block ids its parser and submit handler read.
 */
export function buildCheckinModal(form: CheckinModalInput): ModalView {
  const { existing } = form;
  const metadata: CheckinMetadata = { period: form.period, ...(form.origin ? { origin: form.origin } : {}) };
  const textInput = (initial: string | null | undefined, placeholder: string) => ({
    type: 'plain_text_input' as const,
    multiline: true,
    max_length: CHECKIN_LIMITS.textMax,
    placeholder: plain(placeholder),
    ...(initial ? { initial_value: initial } : {}),
  });
  return {
    type: 'modal',
    callback_id: CheckinCallbackId.Form,
    private_metadata: JSON.stringify(metadata),
    title: plain('Check-in'),
    submit: plain(existing ? 'Save changes' : 'Check in'),
    close: plain('Cancel'),
    blocks: [
      context(`For ${describePeriod(form.period, form.cadence)}.${existing ? ' You checked in already; saving replaces what you wrote.' : ''}`),
      input(CheckinBlock.Wins, 'Wins and progress', textInput(existing?.wins, 'What went well, what moved forward'), { optional: true }),
      input(CheckinBlock.Blockers, 'Blockers, or where you need help', textInput(existing?.blockers, 'What is in your way'), { optional: true }),
      input(CheckinBlock.Confidence, 'How confident are you of reaching your goals?', staticSelect(confidenceOptions(), existing ? String(existing.confidence) : undefined)),
      input(CheckinBlock.Mood, 'How are you feeling?', staticSelect(moodOptions(), existing?.mood ? String(existing.mood) : undefined), { optional: true }),
      input(
        CheckinBlock.MoodShared,
        'Your mood',
        { type: 'checkboxes', options: [SHARE_MOOD], ...(existing?.moodShared ? { initial_options: [SHARE_MOOD] } : {}) },
        { optional: true, hint: 'Otherwise it only counts towards your team’s average.' },
      ),
      context(
        ':lock: Who sees this check-in: you and your manager (and managers above them, if your workspace allows it). HR admins see only whether you checked in.',
      ),
    ],
  };
}
