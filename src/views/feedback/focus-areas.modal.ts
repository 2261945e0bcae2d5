import type { ModalView } from '@slack/types';
import { FEEDBACK_LIMITS } from '../../domain/feedback';
import { context, plain, section } from '../blocks';
import { FeedbackBlock as B, FeedbackCallbackId } from '../ids';
import { input } from '../inputs';

/** HR admins keep the list of focus areas people can ask feedback about, one per line. */
export function buildFocusAreasModal(focusAreas: readonly string[]): ModalView {
  const { workspaceFocusAreasMax, focusAreaLabelMax } = FEEDBACK_LIMITS;
  return {
    type: 'modal',
    callback_id: FeedbackCallbackId.FocusAreas,
    title: plain('Feedback focus areas'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section('What people can ask for feedback about. Each request picks up to five of these; every one is rated 1 to 5 with a comment.'),
      input(
        B.FocusAreaList,
        'Focus areas',
        { type: 'plain_text_input', multiline: true, initial_value: focusAreas.join('\n'), max_length: workspaceFocusAreasMax * (focusAreaLabelMax + 1) },
        { hint: `One per line, up to ${workspaceFocusAreasMax}, each up to ${focusAreaLabelMax} characters.` },
      ),
      context(':lock: Requests already made keep the focus areas they were made with. The change is kept in the audit log.'),
    ],
  };
}
