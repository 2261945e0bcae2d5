import type { DateTime } from 'luxon';
import type { Person } from '../../domain/person';
import { answerBy } from './feedback.format';

/** Why a feedback form cannot be shown now, as its services report it, in words. */
export type FormUnavailable =
  | { form: 'answer'; outcome: 'answered' | 'closed' }
  | { form: 'decline'; outcome: 'closed' }
  | { form: 'decline'; outcome: 'responded'; status: 'answered' | 'declined' }
  | { form: 'edit' | 'self-rating' | 'ask-more'; outcome: 'closed' }
  | { form: 'ask-more'; outcome: 'full'; dueAt: DateTime };

export function formUnavailableText(why: FormUnavailable, reader: Person, now: DateTime): string {
  switch (why.form) {
    case 'answer':
      return why.outcome === 'answered'
        ? 'You have answered already. To change your answer, use “Edit my answer” in your DM with Cadence.'
        : 'This request is closed: answers can no longer be added.';
    case 'decline':
      return why.outcome === 'responded' ? `You have already ${why.status} this request.` : 'This request is closed already.';
    case 'edit':
      return 'This request is closed: answers can no longer be changed.';
    case 'self-rating':
      return 'This request is closed: your own ratings can no longer be changed.';
    case 'ask-more':
      return why.outcome === 'full'
        ? `Nobody is left to replace: everyone asked has answered. Answers are due by ${answerBy(why.dueAt, reader.timezone, now)}.`
        : 'This request is closed. Start a new one with `/feedback request`.';
  }
}
