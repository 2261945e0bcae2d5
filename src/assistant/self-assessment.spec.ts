import { excerpt } from '../ai/offline.provider';
import { CHECKIN_TOPIC } from '../ai/specs';
import type { DraftSpec } from '../ai/types';

/** The questions the assistant walks someone through before drafting their self-assessment. */
export const SELF_ASSESSMENT_QUESTIONS = ['What metrics improved?', 'Who did you work with?', 'What was the hardest part?'] as const;

/** A first draft of the person's own self-assessment, from their goals, updates and check-ins. */
export const selfAssessmentSpec: DraftSpec = {
  kind: 'self_assessment',
  task: 'Draft a self-assessment in the first person from the writer’s own goals, goal updates and check-ins. Plain statements of what happened, each citing its evidence. No ratings.',
  sections: [
    {
      key: 'results',
      title: 'What I achieved',
      instruction: 'What moved on goals and key results, with the numbers the evidence gives.',
      accepts: (e) => e.kind === 'goal' || e.kind === 'goal_update',
      minEvidence: 1,
      maxSentences: 6,
      questions: [SELF_ASSESSMENT_QUESTIONS[0]],
      offline: (e) => (e.kind === 'goal' ? `I worked on “${e.topic}” (${excerpt(e.text, 120)}).` : `On ${e.on}, on “${e.topic}”: ${excerpt(e.text)}.`),
    },
    {
      key: 'wins',
      title: 'Wins along the way',
      instruction: 'Wins named in check-ins.',
      accepts: (e) => e.kind === 'checkin' && e.topic === CHECKIN_TOPIC.wins,
      minEvidence: 1,
      maxSentences: 4,
      questions: [SELF_ASSESSMENT_QUESTIONS[1]],
      offline: (e) => `In the check-in of ${e.on} I reported: “${excerpt(e.text)}”.`,
    },
    {
      key: 'challenges',
      title: 'What was hard',
      instruction: 'Blockers named in check-ins and how they were handled.',
      accepts: (e) => e.kind === 'checkin' && e.topic === CHECKIN_TOPIC.blockers,
      minEvidence: 1,
      maxSentences: 4,
      questions: [SELF_ASSESSMENT_QUESTIONS[2]],
      offline: (e) => `On ${e.on} I was held up by: “${excerpt(e.text)}”.`,
    },
  ],
};
