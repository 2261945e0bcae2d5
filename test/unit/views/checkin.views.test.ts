import type { ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { validateMessage, validateView } from '../../../sandbox/block-kit/validate';
import { buildViewState } from '../../../sandbox/driver/view-state';
import type { SlackView } from '../../../sandbox';
import { validateCheckin } from '../../../src/domain/checkin';
import type { Person } from '../../../src/domain/person';
import type { CheckinCadence } from '../../../src/domain/settings';
import { buildDeliveryProblemsModal } from '../../../src/views/admin/delivery-problems.modal';
import { buildCheckinHelpMessage } from '../../../src/views/checkin/checkin.messages';
import { buildCheckinModal } from '../../../src/views/checkin/checkin.modal';
import { parseCheckinMetadata, parseCheckinState } from '../../../src/views/checkin/checkin.parse';
import { buildReminderAnsweredMessage, buildReminderMessage } from '../../../src/views/checkin/nudge.messages';
import { buildCheckinSection } from '../../../src/views/home/checkin.section';
import { buildDeliveryProblemsLine } from '../../../src/views/home/delivery.section';
import { CheckinAction, CheckinBlock as B } from '../../../src/views/ids';

const weekly: CheckinCadence = { weekday: 5, time: '15:00', everyWeeks: 1 };
const reminderId = '7d3e1c52-5d3b-4a3e-9c4e-2b9d7f1c0a11';
const stateOf = (modal: ModalView, values: Record<string, string | string[] | null>) => buildViewState(modal as unknown as SlackView, values);
const buttonsOf = (blocks: readonly unknown[]) =>
  (blocks as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

describe('check-in validation', () => {
  const valid = { wins: 'Shipped the importer', blockers: null, confidence: '7', mood: null, moodShared: false };

  it('accepts wins or blockers with a confidence, and an optional mood', () => {
    expect(validateCheckin(valid)).toEqual({ ok: true, value: { wins: 'Shipped the importer', blockers: null, confidence: 7, mood: null, moodShared: false } });
    expect(validateCheckin({ ...valid, wins: '  ', blockers: 'Waiting on legal', confidence: '0', mood: '5', moodShared: true })).toEqual({
      ok: true,
      value: { wins: null, blockers: 'Waiting on legal', confidence: 0, mood: 5, moodShared: true },
    });
  });

  it.each([
    ['neither wins nor blockers', { wins: ' ', blockers: '' }, 'wins', 'Tell us at least one thing: a win, or what is in your way.'],
    ['no confidence', { confidence: null }, 'confidence', 'Pick how confident you are, from 0 to 10.'],
    ['a confidence of 11', { confidence: '11' }, 'confidence', 'Pick how confident you are, from 0 to 10.'],
    ['a confidence of 2.5', { confidence: '2.5' }, 'confidence', 'Pick how confident you are, from 0 to 10.'],
    ['a mood of 0', { mood: '0' }, 'mood', 'Pick a mood from 1 to 5, or leave it empty.'],
    ['3001 characters of blockers', { blockers: 'x'.repeat(3001) }, 'blockers', 'Keep it to 3000 characters or fewer (this has 3001).'],
  ])('refuses %s with a message beside the field', (_label, change, field, message) => {
    expect(validateCheckin({ ...valid, ...change })).toEqual({ ok: false, errors: { [field]: message } });
  });

  it('does not share a mood that was not given', () => {
    expect(validateCheckin({ ...valid, moodShared: true })).toMatchObject({ ok: true, value: { mood: null, moodShared: false } });
  });
});

describe('check-in views', () => {
  it('the form is valid, says who sees it, and reads back what was typed', () => {
    const modal = buildCheckinModal({ period: '2027-03-12', cadence: weekly, existing: undefined, goals: [], moreGoals: 0 });
    expect(validateView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('Who sees this check-in');
    expect(JSON.stringify(modal.blocks)).toContain('the week of Friday 12 March');
    const state = stateOf(modal, { [B.Wins]: 'Shipped', [B.Blockers]: null, [B.Confidence]: '8', [B.Mood]: '4', [B.MoodShared]: ['shared'] });
    expect(parseCheckinState(state)).toEqual({ wins: 'Shipped', blockers: null, confidence: '8', mood: '4', moodShared: true, goals: [] });
    expect(parseCheckinMetadata(modal.private_metadata)).toEqual({ period: '2027-03-12', goals: [] });
  });

  it('the form opened from a nudge remembers the nudge, and an edit starts from the saved answers', () => {
    const modal = buildCheckinModal({
      period: '2027-03-12',
      cadence: { ...weekly, everyWeeks: 2 },
      existing: { periodId: 'p1', period: '2027-03-12', wins: 'Old win', blockers: null, confidence: 3, mood: 2, moodShared: true },
      goals: [],
      moreGoals: 0,
      origin: { channel: 'D0ALICE', ts: '1.000200' },
    });
    expect(validateView(modal)).toEqual([]);
    expect(modal.submit?.text).toBe('Save changes');
    expect(JSON.stringify(modal.blocks)).toContain('the two weeks up to Friday 12 March');
    expect(parseCheckinMetadata(modal.private_metadata)).toEqual({ period: '2027-03-12', goals: [], origin: { channel: 'D0ALICE', ts: '1.000200' } });
    const state = stateOf(modal, {});
    expect(parseCheckinState(state)).toEqual({ wins: 'Old win', blockers: null, confidence: '3', mood: '2', moodShared: true, goals: [] });
  });

  it.each([['not json'], ['{"period":"12 March"}'], [undefined]])('ignores private_metadata that is not the form’s own: %s', (text) => {
    expect(parseCheckinMetadata(text)).toBeUndefined();
  });

  it('the nudge has the three buttons; Snooze and Skip carry only the reminder id', () => {
    const message = buildReminderMessage({ kind: 'nudge', reminderId, period: '2027-03-12', cadence: weekly });
    expect(validateMessage(message)).toEqual([]);
    expect(message.text).toBe('Time for your check-in for the week of Friday 12 March. It takes two minutes.');
    expect(buttonsOf(message.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [CheckinAction.Open, undefined],
      [CheckinAction.Snooze, reminderId],
      [CheckinAction.Skip, reminderId],
    ]);
  });

  it('the follow-up asks once more, without a snooze', () => {
    const message = buildReminderMessage({ kind: 'follow_up', reminderId, period: '2027-03-12', cadence: weekly });
    expect(validateMessage(message)).toEqual([]);
    expect(message.text).toContain('you have not checked in');
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toEqual([CheckinAction.Open, CheckinAction.Skip]);
  });

  it('each answer replaces the nudge validately, the snooze time in the person’s own zone', () => {
    const snoozed = buildReminderAnsweredMessage({ outcome: 'snoozed', until: DateTime.fromISO('2027-03-12T19:00:00Z'), timezone: 'America/New_York' });
    expect(snoozed.text).toBe('Snoozed. I will ask again Fri 12 Mar, 14:00 (your time).');
    for (const message of [snoozed, ...(['skipped', 'checked_in', 'unknown'] as const).map((outcome) => buildReminderAnsweredMessage({ outcome }))]) {
      expect(validateMessage(message)).toEqual([]);
      expect(buttonsOf(message.blocks)).toEqual([]);
    }
  });

  it('/checkin help and unknown subcommands answer with the usage', () => {
    expect(validateMessage(buildCheckinHelpMessage())).toEqual([]);
    const unknown = buildCheckinHelpMessage('<frob>');
    expect(unknown.text).toBe("I don't know `/checkin &lt;frob&gt;`. Here is what I can do:");
    expect(JSON.stringify(unknown.blocks)).toContain('`/checkin help`');
  });

  it('the Home tab shows the period, whether it is done and the next reminder in the person’s zone', () => {
    const blocks = buildCheckinSection({
      next: { current: { period: '2027-03-12', done: false }, cadence: weekly, nextNudgeAt: DateTime.fromISO('2027-03-12T09:15:00Z') },
      timezone: 'Asia/Kathmandu',
    });
    expect(JSON.stringify(blocks)).toContain('not yet');
    expect(JSON.stringify(blocks)).toContain('Next reminder: Fri 12 Mar, 15:00 (your time)');
    expect(JSON.stringify(blocks)).toContain(CheckinAction.Open);
  });

  it('admins see delivery problems only when there are some, listed without message content', () => {
    expect(buildDeliveryProblemsLine(0)).toEqual([]);
    expect(JSON.stringify(buildDeliveryProblemsLine(2))).toContain('2 messages could not be delivered');
    const recipient = { slackUserId: 'U0ALICE', name: 'alice', realName: 'Alice', erased: false } as Person;
    const modal = buildDeliveryProblemsModal(
      [{ recipient, kind: 'checkin-nudge', status: 'failed', lastError: 'Slack refused: channel_not_found', createdAt: new Date('2027-03-12T15:00:00Z') }],
      'Europe/London',
    );
    expect(validateView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('*12 Mar 2027, 15:00* · check-in reminder to <@U0ALICE>: Slack refused: channel_not_found');
  });
});
