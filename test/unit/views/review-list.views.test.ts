import { DateTime } from 'luxon';
import { validateMessage } from '../../../sandbox/block-kit/validate';
import type { ReviewItem } from '../../../src/domain/review-cycle';
import type { WaitingItem } from '../../../src/services/review.service';
import { ReviewAction, ReviewSignOffIds } from '../../../src/views/ids';
import { buildReviewWaitingMessage } from '../../../src/views/review/review-list.message';
import { buildPerson } from '../../support/people';

const now = DateTime.fromISO('2027-01-10T10:00:00Z');
const employee = buildPerson({ realName: 'Alex Morgan', timezone: 'Europe/London' });

const waiting = (item: ReviewItem, participantId: string): WaitingItem => ({
  participantId,
  cycleName: 'H2 2026',
  item,
  person: employee,
  dueOn: '2027-01-15',
  late: false,
  conversationAt: null,
});

/** The buttons of the message, as action_id → value. */
function buttons(items: WaitingItem[]): Array<[string, string | undefined]> {
  const message = buildReviewWaitingMessage(items, { timezone: 'Europe/London' }, now);
  expect(validateMessage(message)).toEqual([]);
  return (message.blocks ?? []).flatMap((block) =>
    block.type === 'actions' ? block.elements.flatMap((e) => (e.type === 'button' ? [[e.action_id ?? '', e.value] as [string, string | undefined]] : [])) : [],
  );
}

describe('what /review lists as waiting', () => {
  it('gives every sign-off, the employee’s and the manager’s, the button that opens it', () => {
    expect(buttons([waiting('employee_sign_off', 'rp-1')])).toEqual([[ReviewSignOffIds.Open, 'rp-1']]);
    expect(buttons([waiting('manager_sign_off', 'rp-2')])).toEqual([[ReviewSignOffIds.Open, 'rp-2']]);
  });

  it('opens the forms of a self-assessment and a manager review in the writer’s role', () => {
    expect(buttons([waiting('self_assessment', 'rp-3')])).toEqual([
      [ReviewAction.Open, 'rp-3:self'],
      [ReviewAction.Peers, 'rp-3'],
    ]);
    expect(buttons([waiting('manager_review', 'rp-4')])[0]).toEqual([ReviewAction.Open, 'rp-4:manager']);
  });
});
