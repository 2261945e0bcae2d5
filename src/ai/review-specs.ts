import { excerpt } from './offline.provider';
import { CHECKIN_TOPIC } from './specs';
import type { DraftSpec, Evidence, SectionSpec } from './types';

/**
 * The drafts a review cycle offers: an answer to one text question of the self-assessment or the
 * manager review, and the manager's prep pack for the review conversation. Same drafter, same
 * checks, same offline fallback as every other draft.
 */

/** The key of the one section an answer draft has. */
export const ANSWER_SECTION = 'answer';

/** A question about what to improve rather than what went well: it draws on blockers and goals in trouble. */
const GROWTH_QUESTION = /\b(improv\w*|grow\w*|develop\w*|challeng\w*|differently|learn\w*|struggl\w*|difficult\w*|blocker\w*|better|next)\b/i;
const TROUBLE = /^(at risk|off track|deferred)\b/;

export function isGrowthQuestion(prompt: string): boolean {
  return GROWTH_QUESTION.test(prompt);
}

function accepts(growth: boolean): SectionSpec['accepts'] {
  return (e: Evidence) => {
    if (e.kind === 'goal_update') return true;
    if (e.kind === 'goal') return !growth || TROUBLE.test(e.text);
    if (e.kind === 'checkin') return e.topic === (growth ? CHECKIN_TOPIC.blockers : CHECKIN_TOPIC.wins);
    return false;
  };
}

const quote = (e: Evidence, max = 160) => `“${excerpt(e.text, max)}”`;

/** How a record reads in an answer, in the writer's own voice: 'I' for oneself, 'they' for a report. */
function phrase(voice: 'self' | 'manager'): SectionSpec['offline'] {
  const [subject, pronoun, held] = voice === 'self' ? ['I', 'I', 'I was held up by'] : ['They', 'they', 'they were held up by'];
  return (e) => {
    if (e.kind === 'goal') return `${subject} worked on “${e.topic}”: ${excerpt(e.text, 140)}`;
    // A record's own words stay quoted: they are what someone wrote, never the draft speaking.
    if (e.kind === 'goal_update') return `On “${e.topic}” (${e.on}): ${quote(e)}.`;
    if (e.kind === 'checkin')
      return e.topic === CHECKIN_TOPIC.blockers ? `In the week of ${e.on}, ${held} ${quote(e)}.` : `In the week of ${e.on}, ${pronoun} reported ${quote(e)}.`;
    return undefined;
  };
}

/** A draft answer to one text question: from goals, their updates and check-ins across the whole period. */
export function answerSpec(voice: 'self' | 'manager', question: { prompt: string }): DraftSpec {
  const growth = isGrowthQuestion(question.prompt);
  const who = voice === 'self' ? 'the person themselves, in the first person ("I")' : 'their manager, about them ("they")';
  return {
    kind: voice === 'self' ? 'self_assessment' : 'manager_review',
    task: `Draft an answer to one question of a performance review, written as ${who}. Only what the evidence shows; the writer edits it before anyone reads it.`,
    sections: [
      {
        key: ANSWER_SECTION,
        title: question.prompt,
        instruction: `Answer the question "${question.prompt}" from the evidence, one fact per sentence. Draw on the whole period evenly, not mostly on the latest month. No rating, no judgement of the person as a whole.`,
        accepts: accepts(growth),
        minEvidence: 2,
        maxSentences: 6,
        questions:
          voice === 'self'
            ? ['What is missing that only you know: the context, the effort, what you learned?']
            : ['What would you add that the records do not show, and what example best supports it?'],
        offline: phrase(voice),
        spread: true,
      },
    ],
  };
}

/** The manager's prep pack: questions for the review conversation, each tied to one record. */
export const reviewPrepSpec: DraftSpec = {
  kind: 'review_prep',
  task: 'Suggest open questions a manager could ask in a performance review conversation, each tied to one piece of evidence. Questions, not conclusions.',
  sections: [
    {
      key: 'self_assessment',
      title: 'From their self-assessment',
      instruction: 'Open questions following up on what they wrote in their self-assessment. One question per sentence.',
      accepts: (e) => e.kind === 'review_answer',
      minEvidence: 1,
      maxSentences: 4,
      questions: ['Where do you see it differently from them, and what example would you bring?'],
      offline: (e) => `They wrote, for “${e.topic}”: ${quote(e, 140)}. What would they like you to know more about here?`,
    },
    {
      key: 'goals',
      title: 'Goals',
      instruction: 'Open questions about how their goals went over the period and what comes next. One question per sentence.',
      accepts: (e) => e.kind === 'goal' || e.kind === 'goal_update',
      minEvidence: 1,
      maxSentences: 4,
      questions: ['Which goal should carry into the next period, and what would change about it?'],
      offline: (e) =>
        e.kind === 'goal'
          ? `About “${e.topic}” (${excerpt(e.text, 120)}): what went as planned, and what did not?`
          : `On ${e.on}, “${e.topic}” changed: ${quote(e, 120)}. What was behind it?`,
      spread: true,
    },
    {
      key: 'checkins',
      title: 'From check-ins',
      instruction: 'Open questions about the wins and blockers they reported over the period. One question per sentence.',
      accepts: (e) => e.kind === 'checkin',
      minEvidence: 1,
      maxSentences: 4,
      questions: ['What support would make the next period easier?'],
      offline: (e) =>
        e.topic === CHECKIN_TOPIC.blockers
          ? `In the week of ${e.on} they were held up by ${quote(e, 120)}. Was it resolved, and what would help next time?`
          : `In the week of ${e.on} they reported ${quote(e, 120)}. What made it work?`,
      spread: true,
    },
  ],
};
