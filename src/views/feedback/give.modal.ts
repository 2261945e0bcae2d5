import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { NOTE_LIMITS } from '../../domain/feedback-note';
import { displayName } from '../../domain/person';
import type { NoteAudience, NoteInput } from '../../services/feedback-note.service';
import { writingCheckBlocks, type WritingCheckState } from '../ai/writing-check.blocks';
import { context, plain } from '../blocks';
import { FeedbackBlock as B, FeedbackCallbackId } from '../ids';
import { input, option, usersSelect } from '../inputs';
import { mention } from '../people/people.format';
import { readFormState } from '../state';

export const SHARE_WITH_MANAGER = 'share';

/** Who will read it, said before sending: the person, and their manager only if the box is ticked. */
export function noteAudienceText(audience: NoteAudience | undefined): string {
  if (!audience) return ':lock: *Who sees this:* only the person you pick, with your name. You can also share it with their manager; pick the person to see who that is.';
  const { recipient, manager } = audience;
  if (!manager) return `:lock: *Who sees this:* only ${mention(recipient)}, with your name. They have no manager in Cadence, so it cannot be shared.`;
  return `:lock: *Who sees this:* only ${mention(recipient)}, with your name. If you tick the box, their manager ${mention(manager)} sees it too. HR admins never see it.`;
}

/**
 * Continuous feedback to a colleague. Picking the person updates the form (dispatch_action) so it
 * names their manager before anything is sent.
 */
export function buildGiveModal(audience: NoteAudience | undefined, writing: WritingCheckState = { offered: false }): ModalView {
  const recipient: InputBlock = {
    ...input(B.Recipient, 'Feedback for', usersSelect(audience?.recipient.slackUserId)),
    dispatch_action: true,
  };
  const shareLabel = audience?.manager ? `Also share with their manager (${displayName(audience.manager)})` : 'Also share with their manager';
  const blocks: KnownBlock[] = [
    recipient,
    input(B.Body, 'Your feedback', {
      type: 'plain_text_input',
      multiline: true,
      max_length: NOTE_LIMITS.bodyMax,
      placeholder: plain('What they did, and the difference it made'),
    }),
    ...writingCheckBlocks(writing),
  ];
  if (!audience || audience.manager) {
    blocks.push(input(B.Share, 'Sharing', { type: 'checkboxes', options: [option(shareLabel, SHARE_WITH_MANAGER)] }, { optional: true }));
  }
  blocks.push({ ...context(noteAudienceText(audience)), block_id: B.Audience });
  return {
    type: 'modal',
    callback_id: FeedbackCallbackId.Give,
    title: plain('Give feedback'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks,
  };
}

export function parseGiveForm(values: unknown): NoteInput {
  const state = readFormState(values);
  return {
    recipientSlackId: state.user(B.Recipient),
    body: state.text(B.Body),
    shareWithManager: state.options(B.Share).includes(SHARE_WITH_MANAGER),
  };
}

export const giveFieldBlocks = { recipient: B.Recipient, body: B.Body, share: B.Share } as const;
