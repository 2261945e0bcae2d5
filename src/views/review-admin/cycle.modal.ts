import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { displayName } from '../../domain/person';
import type { ReviewCycle } from '../../domain/review';
import { ITEM_PHASE, PHASE_NAMES, REVIEW_ITEMS, REVIEW_PHASES, type ReviewItem, type ReviewPhase } from '../../domain/review-cycle';
import type { RatingCounts } from '../../domain/review-calibration';
import type { CycleCalibration, CycleCompletion } from '../../services/review-admin.service';
import { context, divider, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { ReviewAdminAction, ReviewAdminBlock, ReviewAdminCallbackId } from '../ids';
import { input, option, staticSelect, usersSelect } from '../inputs';
import { mention } from '../people/people.format';
import { readFormState } from '../state';
import { button } from './hub.modal';

/** Late people listed by name; the CSV export has them all. */
const LATE_SHOWN = 15;

export const ITEM_LABELS: Record<ReviewItem, string> = {
  self_assessment: 'Self-assessment',
  manager_review: 'Manager review',
  conversation: 'Conversation (summary shared)',
  employee_sign_off: 'Employee sign-off',
  manager_sign_off: 'Manager sign-off',
};

function actions(cycle: ReviewCycle): ActionsBlock {
  const id = cycle.id;
  const close = {
    ...button('Close the cycle', ReviewAdminAction.Close, id),
    style: 'danger' as const,
    confirm: {
      title: plain('Close the cycle?'),
      text: plain('What is not done is closed and no more reminders go out. You can reopen it for one person afterwards.'),
      confirm: plain('Close it'),
      deny: plain('Keep it running'),
    },
  };
  const byStatus: Record<ReviewCycle['status'], ActionsBlock['elements']> = {
    draft: [{ ...button('Launch', ReviewAdminAction.Launch, id), style: 'primary' }, button('Add people', ReviewAdminAction.AddPeople, id), close],
    active: [
      button('Nudge all late', ReviewAdminAction.NudgeLate, id),
      button('Extend a phase', ReviewAdminAction.Extend, id),
      button('Add people', ReviewAdminAction.AddPeople, id),
      button('Export CSV', ReviewAdminAction.Export, id),
      close,
    ],
    closed: [button('Reopen for one person', ReviewAdminAction.Reopen, id), button('Export CSV', ReviewAdminAction.Export, id)],
  };
  // Calibration is an optional phase: its view is offered once the cycle has one and is under way.
  const calibrate = cycle.phases.calibration && cycle.status !== 'draft' ? [button('Calibration', ReviewAdminAction.Calibration, id)] : [];
  return { type: 'actions', elements: [...calibrate, ...byStatus[cycle.status]] };
}

/**
 * One cycle for HR: its phases, completion per phase (done, pending, waiting, late), per team, and
 * who is late; the actions its status allows. `notice` says what the last action did.
 */
export function buildCycleModal(completion: CycleCompletion, notice?: string): ModalView {
  const { cycle, byItem, byTeam, rows } = completion;
  const status = { draft: 'Draft: not launched, nothing sent yet.', active: 'Running.', closed: 'Closed.' }[cycle.status];
  const phases = REVIEW_PHASES.flatMap((p) => (cycle.phases[p] ? [`${PHASE_NAMES[p]}: due ${cycle.phases[p]}`] : []));
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(cycle.name)}* · ${status} ${rows.length} participant${rows.length === 1 ? '' : 's'}.`), context(phases.join(' · '))];
  if (notice) blocks.push(section(notice));
  blocks.push(divider());

  const phaseLines = REVIEW_ITEMS.map((item) => {
    const c = byItem[item];
    const open = c.done + c.pending + c.waiting;
    const parts = [`${c.done}/${open} done`, ...(c.pending > 0 ? [`${c.pending} pending`] : []), ...(c.waiting > 0 ? [`${c.waiting} waiting`] : []), ...(c.closed > 0 ? [`${c.closed} closed`] : [])];
    return `• ${ITEM_LABELS[item]} (due ${cycle.phases[ITEM_PHASE[item]] ?? '–'}): ${parts.join(', ')}${c.late > 0 ? ` · :warning: ${c.late} late` : ''}`;
  });
  // Peer feedback is asked through 360 feedback, whose own view follows the answers.
  const peerDue = cycle.phases.peer_feedback ?? cycle.phases.manager_review ?? '–';
  phaseLines.splice(1, 0, `• Peer feedback (due ${peerDue}): ${completion.peers.nominated}/${rows.length} nominated, ${completion.peers.approved} asked`);
  blocks.push(section(`*By phase*\n${phaseLines.join('\n')}`));

  const teamLines = byTeam.map((t) => `• ${t.manager ? `${escapeMrkdwn(displayName(t.manager))}’s team` : 'No manager'}: ${t.done}/${t.total} items done`);
  if (teamLines.length > 0) blocks.push(section(`*By team*\n${teamLines.join('\n')}`));

  const late = rows.filter((r) => r.late.length > 0);
  if (late.length === 0) blocks.push(section('*Late*\nNobody is late.'));
  else {
    const lines = late.slice(0, LATE_SHOWN).map((r) => `• ${mention(r.person)}: ${r.late.map((item) => ITEM_LABELS[item].toLowerCase()).join(', ')}`);
    if (late.length > LATE_SHOWN) lines.push(`…and ${late.length - LATE_SHOWN} more (all in the CSV export).`);
    blocks.push(section(`*Late* (${late.length})\n${lines.join('\n')}`));
  }
  blocks.push(actions(cycle));
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.Cycle,
    title: plain('Review cycle'),
    close: plain('Close'),
    private_metadata: JSON.stringify({ cycleId: cycle.id }),
    blocks,
  };
}

const cycleMetadata = z.object({ cycleId: z.uuid() });

/** The cycle a form acts on, from its metadata; undefined when it was tampered with. */
export function parseCycleMetadata(text: string): string | undefined {
  try {
    const parsed = cycleMetadata.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.cycleId : undefined;
  } catch {
    return undefined;
  }
}

/** Moves one phase's due date later; its reminders move with it. */
export function buildExtendModal(cycle: ReviewCycle): ModalView {
  const phases = REVIEW_PHASES.filter((p) => cycle.phases[p] !== undefined).map((p) => option(`${PHASE_NAMES[p]} (due ${cycle.phases[p] ?? ''})`, p));
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.Extend,
    title: plain('Extend a phase'),
    submit: plain('Extend'),
    close: plain('Back'),
    private_metadata: JSON.stringify({ cycleId: cycle.id }),
    blocks: [input(ReviewAdminBlock.Phase, 'Phase', staticSelect(phases)), input(ReviewAdminBlock.Date, 'New due date', { type: 'datepicker' })],
  };
}

export function parseExtend(values: unknown): { phase: ReviewPhase | null; dueOn: string } {
  const state = readFormState(values);
  const phase = state.option(ReviewAdminBlock.Phase);
  return { phase: REVIEW_PHASES.find((p) => p === phase) ?? null, dueOn: state.date(ReviewAdminBlock.Date) ?? '' };
}

/** Lets one person finish their review after the cycle closed. */
export function buildReopenModal(cycle: ReviewCycle): ModalView {
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.Reopen,
    title: plain('Reopen for one person'),
    submit: plain('Reopen'),
    close: plain('Back'),
    private_metadata: JSON.stringify({ cycleId: cycle.id }),
    blocks: [
      section(`*${escapeMrkdwn(cycle.name)}* is closed. Reopening lets one participant’s review be finished; the cycle stays closed for everyone else.`),
      input(ReviewAdminBlock.Person, 'Person', usersSelect()),
    ],
  };
}

/** Adds people to a draft or running cycle: someone who joined Cadence after it was created, say. */
export function buildAddPeopleModal(cycle: ReviewCycle): ModalView {
  const when =
    cycle.status === 'active'
      ? 'Each gets their items like everyone else: the self-assessment invitation 14 days before it is due (at once when that is past) and the reminders still ahead.'
      : 'They get their invitations and reminders when the cycle is launched.';
  return {
    type: 'modal',
    callback_id: ReviewAdminCallbackId.AddPeople,
    title: plain('Add people'),
    submit: plain('Add'),
    close: plain('Back'),
    private_metadata: JSON.stringify({ cycleId: cycle.id }),
    blocks: [section(`Add people to *${escapeMrkdwn(cycle.name)}*. ${when}`), input(ReviewAdminBlock.People, 'People', { type: 'multi_users_select' })],
  };
}

export function parseAddPeople(values: unknown): string[] {
  return readFormState(values).users(ReviewAdminBlock.People);
}

/** Questions shown on the calibration view; a modal holds 100 blocks. */
const CALIBRATED_SHOWN = 40;

const countsLine = (scale: readonly string[], counts: RatingCounts) =>
  [...scale.map((label, i) => `${escapeMrkdwn(truncate(label, 30))} ${counts.points[i] ?? 0}`), ...(counts.na > 0 ? [`N/A ${counts.na}`] : [])].join(' · ');

/** How the managers rated, per rated question HR may read: across the cycle, then per team. Counts only. */
export function buildCalibrationModal(calibration: CycleCalibration): ModalView {
  const { cycle, submitted, participants, questions } = calibration;
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(cycle.name)}* · calibration due ${cycle.phases.calibration ?? '–'}`),
    context(`${submitted} of ${participants} manager reviews submitted. Counts of the managers’ ratings on the questions HR may read; never whose rating is whose.`),
    divider(),
  ];
  if (questions.length === 0) blocks.push(section('This template has no rated question that managers answer and HR may read.'));
  for (const { question, scale, all, byTeam } of questions.slice(0, CALIBRATED_SHOWN)) {
    const teams = byTeam.map((t) => `• ${t.manager ? `${escapeMrkdwn(displayName(t.manager))}’s team` : 'No manager'}: ${countsLine(scale, t.counts)}`);
    blocks.push(section(truncate([`*${escapeMrkdwn(question.prompt)}*`, `All: ${countsLine(scale, all)}`, ...teams].join('\n'), 2900)));
  }
  if (questions.length > CALIBRATED_SHOWN) blocks.push(context(`${questions.length - CALIBRATED_SHOWN} more rated questions are not shown.`));
  return { type: 'modal', title: plain('Calibration'), close: plain('Back'), blocks };
}
