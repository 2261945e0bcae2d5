import type { KnownBlock } from '@slack/types';
import { DELIVERY_PROBLEM_DAYS } from '../../domain/delivery-problems';
import { plain, section } from '../blocks';
import { DeliveryAction } from '../ids';

/** For HR admins, only when there is something to look at: DMs that could not be delivered. */
export function buildDeliveryProblemsLine(count: number): KnownBlock[] {
  if (count === 0) return [];
  const what = `${count} message${count === 1 ? '' : 's'} could not be delivered in the last ${DELIVERY_PROBLEM_DAYS} days.`;
  return [
    {
      ...section(`:warning: *Delivery problems:* ${what}`),
      accessory: { type: 'button', action_id: DeliveryAction.Problems, text: plain('Delivery problems') },
    },
  ];
}
