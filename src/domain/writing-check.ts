/**
 * A writing check for feedback before it is sent: suggestions, never a block. Rules and word
 * lists only, so it runs offline, on every form. The word lists follow the review-bias studies
 * (Snyder 2014; Textio 2024; Correll & Simard 2016): personality words standing in for a described
 * behaviour, vague praise or criticism, nothing to act on, one-sided feedback, and gendered or
 * age-coded wording.
 */

export const WRITING_RULES = ['personality', 'vague', 'not_actionable', 'one_sided', 'tone_vs_rating', 'coded_language'] as const;
export type WritingRule = (typeof WRITING_RULES)[number];

export interface WritingSuggestion {
  rule: WritingRule;
  message: string;
}

export interface WritingInput {
  text: string;
  /** A rating chosen on the same form (1–5), to check the tone against. */
  rating?: number | null;
}

const words = (list: readonly string[]) => new RegExp(`\\b(${list.join('|')})\\b`, 'i');

const PERSONALITY = words([
  'abrasive', 'emotional', 'bossy', 'aggressive', 'shrill', 'hysterical', 'pushy', 'moody', 'temperamental', 'dramatic',
  'nagging', 'sassy', 'feisty', 'intimidating', 'arrogant', 'difficult', 'lazy', 'sensitive', 'opinionated', 'condescending',
]);
const CODED = words([
  'girls?', 'gals?', 'ladies', 'guys', 'manpower', 'chairman', 'motherly', 'fatherly', 'maternal', 'mothering', 'bubbly', 'sweet',
  'young', 'youthful', 'elderly', 'old-school', 'old school', 'digital native', 'overqualified', 'fresh blood', 'past (his|her|their) prime',
  'set in (his|her|their) ways', 'over the hill', 'grandmotherly', 'nurturing',
]);
const VAGUE = words([
  'great job', 'good job', 'good work', 'great work', 'nice work', 'well done', 'awesome', 'amazing', 'rockstar', 'a pleasure',
  'needs to improve', 'could be better', 'not great', 'needs work', 'could improve', 'not good enough', 'team player',
]);
/** Signs that a behaviour, an example or an outcome is described. */
const SPECIFIC = /\b(when|because|for example|for instance|e\.g\.|during|in the|on the|last|which|so that|led to|resulted|meant that|after|before)\b|\d/i;
const ACTION = /\b(try|trying|could|next time|suggest|consider|would help|start|stop|keep|continue|recommend|instead|should|might|please|worth|focus on|aim to)\b/i;
const POSITIVE = /\b(great|good|excellent|strong|clear|helpful|thanks|thank you|appreciate|impressive|well|love|brilliant|reliable|fantastic|outstanding|generous|thoughtful)\b/i;
const NEGATIVE = /\b(not|never|poor|weak|late|missed|confusing|unclear|problem|issue|struggle[sd]?|fail(ed|s)?|lack(s|ed|ing)?|difficult|frustrat\w*|worse|bad|slow|careless|sloppy)\b/i;

/** Suggestions for `input`, at most one per rule; empty when nothing stands out or there is too little to judge. */
export function checkWriting(input: WritingInput): WritingSuggestion[] {
  const text = input.text.trim();
  if (text.length < 12) return [];
  const out: WritingSuggestion[] = [];
  const specific = SPECIFIC.test(text);
  const personality = PERSONALITY.exec(text)?.[0];
  if (personality && !specific)
    out.push({ rule: 'personality', message: `“${personality}” describes a person, not what they did. Say what happened and the effect it had.` });
  const vague = VAGUE.exec(text)?.[0];
  if (vague && !specific) out.push({ rule: 'vague', message: `“${vague}” on its own is hard to act on. Add an example: what they did, when, and what it led to.` });
  const positive = POSITIVE.test(text);
  const negative = NEGATIVE.test(text);
  if (negative && !ACTION.test(text)) out.push({ rule: 'not_actionable', message: 'Nothing here says what to do next. Suggest one thing they could try.' });
  if (input.rating !== undefined && input.rating !== null) {
    if (input.rating <= 2 && positive && !negative) out.push({ rule: 'tone_vs_rating', message: 'The words are all praise, but the rating is low. Say what is behind the rating.' });
    else if (input.rating >= 4 && negative && !positive) out.push({ rule: 'tone_vs_rating', message: 'The words are all criticism, but the rating is high. Say what went well too.' });
  }
  if (negative && !positive) out.push({ rule: 'one_sided', message: 'Only criticism: name something that went well too, so the rest lands.' });
  const coded = CODED.exec(text)?.[0];
  if (coded) out.push({ rule: 'coded_language', message: `“${coded}” can read as gendered or age-coded. Describe the work instead.` });
  return out;
}
