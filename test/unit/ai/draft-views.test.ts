import { scrub } from '../../../src/ai/prompt';
import type { Draft, Evidence } from '../../../src/ai/types';
import { buildDraftModal } from '../../../src/views/ai/draft.modal';
import { writingCheckBlocks } from '../../../src/views/ai/writing-check.blocks';
import { AiAction, GoalAction } from '../../../src/views/ids';

const goal: Evidence = { ref: 'goal_update:7', kind: 'goal_update', on: '2026-11-20', topic: 'Ship billing', label: 'Goal update · Ship billing · 2026-11-20', text: 'Note: waiting on payments', goalId: 'g-1' };
const excerpt: Evidence = { ref: 'feedback:r:strengths:1', kind: 'feedback_item', on: null, topic: 'Strengths', label: '360 feedback · Strengths · excerpt 1', text: 'Calm in *incidents*' };

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    kind: 'prep_questions',
    source: 'model',
    dropped: 0,
    cited: new Map([
      [goal.ref, goal],
      [excerpt.ref, excerpt],
    ]),
    sections: [
      { key: 'goals', title: 'Goals', status: 'drafted', sentences: [{ text: 'How is billing going?', citations: [goal.ref] }], evidenceCount: 2, minEvidence: 1, questions: ['Which goal matters most?'] },
      { key: 'checkins', title: 'From check-ins', status: 'thin', sentences: [], evidenceCount: 0, minEvidence: 1, questions: [] },
      { key: 'x', title: 'Strengths', status: 'drafted', sentences: [{ text: 'Stays calm.', citations: [excerpt.ref] }], evidenceCount: 2, minEvidence: 2, questions: [] },
    ],
    ...overrides,
  };
}

const textOf = (value: unknown) => JSON.stringify(value);

describe('the draft modal', () => {
  it('shows each sentence with the records it cites beside it, a goal as a button that opens it', () => {
    const modal = buildDraftModal(draft(), '1:1 prep', 'Questions for your 1:1');
    const blocks = modal.blocks as Array<{ type: string; text?: { text: string }; accessory?: { action_id: string; value: string }; elements?: Array<{ text: string }> }>;
    const sentence = blocks.findIndex((b) => b.text?.text === 'How is billing going?');
    expect(blocks[sentence]?.accessory).toMatchObject({ action_id: GoalAction.OpenDetails, value: 'g-1' });
    expect(blocks[sentence + 1]?.elements?.[0]?.text).toBe('↳ Goal update · Ship billing · 2026-11-20: “Note: waiting on payments”');
    // An excerpt's own words are quoted, escaped so they read as typed.
    expect(textOf(blocks)).toContain('“Calm in \u2217incidents\u2217”');
  });

  it('says where the draft came from, and why a model’s answer was not used', () => {
    expect(textOf(buildDraftModal(draft(), 't', 'h'))).toContain('Drafted by AI from records you can already see');
    const fallback = textOf(buildDraftModal(draft({ source: 'offline', fallback: 'rating_suggested' }), 't', 'h'));
    expect(fallback).toContain('nothing was sent to a model');
    expect(fallback).toContain('suggested a rating or a comparison, which Cadence never offers');
  });

  it('leaves a thin section empty and says how little evidence there was', () => {
    expect(textOf(buildDraftModal(draft(), 't', 'h'))).toContain('Left empty: there are no records to draw on, and a draft needs at least 1.');
  });

  it('says how many sentences were left out for citing nothing the reader can see', () => {
    expect(textOf(buildDraftModal(draft({ dropped: 2 }), 't', 'h'))).toContain('2 suggested sentences were left out: they cited nothing you can see.');
  });
});

describe('the writing check on a form', () => {
  it('offers a button, and after a check lists each suggestion, or says there is none', () => {
    expect(writingCheckBlocks({ offered: false })).toEqual([]);
    const [button] = writingCheckBlocks({ offered: true });
    expect(textOf(button)).toContain(AiAction.CheckWriting);
    const found = textOf(writingCheckBlocks({ offered: true, suggestions: [{ rule: 'vague', message: 'Add an example.' }] }));
    expect(found).toContain('*Be specific:* Add an example.');
    expect(textOf(writingCheckBlocks({ offered: true, suggestions: [] }))).toContain('Nothing to suggest');
  });
});

describe('what leaves Cadence in a prompt', () => {
  it('takes emails, Slack mentions and the names of the people involved out of their words', () => {
    expect(scrub('Ana Lima asked <@U0BEN> and ben@corp.test; Ana will follow up.', ['Ana Lima', 'Ana'])).toBe(
      'the person asked [someone] and [email]; the person will follow up.',
    );
    // Names are matched as written: the word "will" is not the name "Will".
    expect(scrub('Will will ship it.', ['Will'])).toBe('the person will ship it.');
  });
});
