import { excerpt } from './offline.provider';
import type { DraftSpec, Evidence, SectionSpec } from './types';

/**
 * A review conversation's transcript summarised: what was agreed, the next steps and the open
 * questions, each point citing the passages it rests on. Offline, the passages themselves, picked
 * by the words people use when they agree, commit to something or leave a question open.
 */

const AGREED = /\b(we agree[ds]?|agreed|we('ve| have) decided|decided|decision|sounds good|makes sense|deal|that works|let's go with|aligned on)\b/i;
const NEXT_STEP = /\b(i('ll| will)|you('ll| will)|we('ll| will)|action item|next step|follow[- ]up|by (monday|tuesday|wednesday|thursday|friday|next week|the end of|end of)|to-?do|going to|plan to)\b/i;
const OPEN = /\?\s*$|\b(not sure|unclear|open question|tbd|to be decided|don't know yet|still need to (decide|figure out)|come back to)\b/i;

const said = (e: Evidence) => `“${excerpt(e.text, 200)}”`;

function section(key: string, title: string, instruction: string, rule: RegExp, question: string): SectionSpec {
  return {
    key,
    title,
    instruction,
    accepts: (e) => e.kind === 'transcript_passage',
    minEvidence: 1,
    maxSentences: 8,
    questions: [question],
    // Each passage is claimed by the first rule it meets, so one line is never two kinds of point.
    offline: (e) => (rule.test(e.text) && firstRule(e.text) === rule ? said(e) : undefined),
  };
}

const RULES = [AGREED, NEXT_STEP, OPEN];
const firstRule = (text: string) => RULES.find((rule) => rule.test(text));

export const transcriptSummarySpec: DraftSpec = {
  kind: 'transcript_summary',
  task: 'Summarise the transcript of a performance review conversation between a manager and the person reviewed. Only what was said; each point cites the passages it rests on. Never rate or judge anyone.',
  sections: [
    section('agreed', 'Agreed', 'Points both people agreed on, one per sentence.', AGREED, 'Is anything here not what you remember agreeing?'),
    section('next_steps', 'Next steps', 'Concrete next steps someone committed to, one per sentence, saying who if the transcript does.', NEXT_STEP, 'Which of these should become a goal?'),
    section('open_questions', 'Open questions', 'Questions left open or to come back to, one per sentence.', OPEN, 'Who will follow up on each, and by when?'),
  ],
};

/**
 * A transcript's passages as evidence, in the order spoken (one topic for all, so the offline draft
 * keeps that order); the speaker stays in the words, as written (the two people's names are taken
 * out before a model sees them).
 */
export function passageEvidence(participantId: string, passages: ReadonlyArray<{ n: number; speaker: string | null; text: string }>): Evidence[] {
  return passages.map((p) => ({
    ref: `transcript:${participantId}:${p.n}`,
    kind: 'transcript_passage',
    on: null,
    topic: 'Transcript',
    label: `Transcript · line ${p.n}`,
    text: p.speaker ? `${p.speaker}: ${p.text}` : p.text,
  }));
}
