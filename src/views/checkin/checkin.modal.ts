import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { type Checkin, CHECKIN_LIMITS } from '../../domain/checkin';
import { GOAL_LIMITS } from '../../domain/goal';
import type { CheckinCadence } from '../../domain/settings';
import type { GoalCard } from '../../services/goal.service';
import { context, divider, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { progressBar } from '../goal/goal.format';
import { keyResultValueInput, reportedProgressInput, statusOptions } from '../goal/update.modal';
import { CheckinBlock, CheckinCallbackId, checkinGoalBlock, checkinKeyResultBlock } from '../ids';
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
  goals: readonly GoalCard[];
  /** Active goals left out of the form (it holds CHECKIN_GOALS_MAX). */
  moreGoals: number;
  /** Goals with neither key results nor aligned goals: the form asks for their percent. */
  reportable?: readonly string[];
  origin?: MessageRef;
}

/** Which goals and key results the form shows, so the submission reads back exactly those. */
export interface CheckinGoalRef {
  id: string;
  keyResults: Array<{ id: string; yesNo: boolean }>;
  /** The form asks for the goal's percent. */
  percent?: boolean;
}

/** Carried through Slack with the view, and checked again on submit. */
export interface CheckinMetadata {
  period: string;
  goals: CheckinGoalRef[];
  origin?: MessageRef;
}

/** One goal: where it stands, a value per key result (or its percent), its status and a note for its history. */
function goalBlocks({ goal, keyResults }: GoalCard, reportable: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), section(`*${escapeMrkdwn(truncate(goal.title, 150))}*\n${progressBar(goal.progress)}`)];
  if (keyResults.length > 0) blocks.push(...keyResults.map((kr) => keyResultValueInput(kr, checkinKeyResultBlock(kr.id))));
  else if (reportable) blocks.push(reportedProgressInput(checkinGoalBlock(goal.id, 'percent'), goal.progress));
  else blocks.push(context('No key results: its progress comes from the goals aligned to it, or is 100% once you mark it Completed.'));
  blocks.push(
    input(checkinGoalBlock(goal.id, 'status'), 'Status', staticSelect(statusOptions, goal.status)),
    input(checkinGoalBlock(goal.id, 'note'), 'Note on this goal', { type: 'plain_text_input', max_length: GOAL_LIMITS.noteMax, placeholder: plain('What moved, what is next') }, { optional: true }),
  );
  return blocks;
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
 * The check-in: progress on each active goal (prefilled with what is stored, so only what changed
 * lands in a goal's history), then wins, blockers, confidence and an optional mood, for one period.
 */
export function buildCheckinModal(form: CheckinModalInput): ModalView {
  const { existing } = form;
  const reportable = new Set(form.reportable);
  const metadata: CheckinMetadata = {
    period: form.period,
    goals: form.goals.map(({ goal, keyResults }) => ({
      id: goal.id,
      keyResults: keyResults.map((kr) => ({ id: kr.id, yesNo: kr.kind === 'yes_no' })),
      ...(reportable.has(goal.id) ? { percent: true } : {}),
    })),
    ...(form.origin ? { origin: form.origin } : {}),
  };
  const goalSection: KnownBlock[] = form.goals.flatMap((card) => goalBlocks(card, reportable.has(card.goal.id)));
  if (form.moreGoals > 0) {
    goalSection.push(context(`${form.moreGoals} more active goal${form.moreGoals === 1 ? '' : 's'} not shown here: update ${form.moreGoals === 1 ? 'it' : 'them'} from the Cadence Home tab.`));
  }
  if (goalSection.length > 0) goalSection.push(divider());
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
      ...goalSection,
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
