import { excerpt } from './offline.provider';
import type { DraftSpec, Evidence } from './types';

/**
 * The drafts Cadence offers today. Review cycles add theirs (self-assessment, manager review) as
 * more specs over the same evidence: a spec says what to draft; the drafter, the checks and the
 * offline fallback are shared.
 */

const quote = (e: Evidence) => `“${excerpt(e.text)}”`;

/** The topics check-in evidence is filed under. */
export const CHECKIN_TOPIC = { wins: 'Wins', blockers: 'Blockers' } as const;
/** The topics a released 360 summary's items are filed under, besides each focus area's label. */
export const FEEDBACK_TOPIC = { strengths: 'Strengths', suggestions: 'Suggestions' } as const;
/** Ref marker of a focus area whose answers sit at both ends of the scale. */
export const SPLIT_MARK = '/split/';

/** A manager's questions for a 1:1 with a report, from the report's goals and check-ins. */
export const prepQuestionsSpec: DraftSpec = {
  kind: 'prep_questions',
  task: 'Suggest open questions a manager could ask in a one-to-one conversation, each tied to one piece of evidence.',
  sections: [
    {
      key: 'goals',
      title: 'Goals',
      instruction: 'Open questions about goals that are behind, at risk, stalled or recently changed. One question per sentence.',
      accepts: (e) => e.kind === 'goal' || e.kind === 'goal_update',
      minEvidence: 1,
      maxSentences: 5,
      questions: ['Which goal matters most to you right now, and why?'],
      offline: (e) =>
        e.kind === 'goal'
          ? `About “${e.topic}” (${excerpt(e.text, 120)}): what would help it move forward?`
          : `The ${e.on} update on “${e.topic}” said ${quote(e)}. How has it gone since?`,
    },
    {
      key: 'checkins',
      title: 'From check-ins',
      instruction: 'Open questions following up on blockers and wins named in check-ins. One question per sentence.',
      accepts: (e) => e.kind === 'checkin',
      minEvidence: 1,
      maxSentences: 5,
      questions: ['What is in your way, and what can I do about it?', 'Is there anything you would like more feedback on?'],
      offline: (e) =>
        e.topic === CHECKIN_TOPIC.blockers
          ? `On ${e.on} they named a blocker: ${quote(e)}. Is it still in the way, and what would help?`
          : `On ${e.on} they reported: ${quote(e)}. What made it work, and can it happen again?`,
    },
  ],
};

/** A synthesis of one released 360 summary: at most three strengths, three growth areas, and where sources disagree. */
export const feedbackSynthesisSpec: DraftSpec = {
  kind: 'feedback_synthesis',
  task: 'Summarise anonymous 360 feedback: recurring strengths, recurring growth areas, and where the sources disagree. Each point cites the excerpts behind it.',
  sections: [
    {
      key: 'strengths',
      title: 'Strengths',
      instruction: 'At most three strengths that the excerpts name, each citing every excerpt behind it.',
      accepts: (e) => e.kind === 'feedback_item' && e.topic === FEEDBACK_TOPIC.strengths,
      minEvidence: 2,
      maxSentences: 3,
      questions: ['Which of these strengths do you want to use more, and where?'],
      offline: quote,
    },
    {
      key: 'growth',
      title: 'Growth areas',
      instruction: 'At most three growth areas that the excerpts name, each citing every excerpt behind it.',
      accepts: (e) => e.kind === 'feedback_item' && e.topic === FEEDBACK_TOPIC.suggestions,
      minEvidence: 2,
      maxSentences: 3,
      questions: ['Which one growth area would make the biggest difference next, and what is a first step?'],
      offline: quote,
    },
    {
      key: 'contradictions',
      title: 'Where people disagree',
      instruction: 'Focus areas where the answers are split, citing them. Do not resolve the disagreement.',
      accepts: (e) => e.kind === 'feedback_item' && e.ref.includes(SPLIT_MARK),
      minEvidence: 1,
      maxSentences: 3,
      questions: ['What might explain why people see this differently?'],
      offline: (e) => `People see “${e.topic}” differently: answers sit at both ends of the scale.`,
    },
  ],
};
