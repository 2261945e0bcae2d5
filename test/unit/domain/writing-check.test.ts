import { checkWriting, type WritingRule } from '../../../src/domain/writing-check';

const rules = (text: string, rating?: number) => checkWriting({ text, rating }).map((s) => s.rule);

describe('the writing check', () => {
  it.each<[string, string, WritingRule]>([
    ['a personality word with no behaviour described', 'She is abrasive and bossy.', 'personality'],
    ['vague praise', 'Great job, really awesome stuff!', 'vague'],
    ['criticism with nothing to act on', 'The reports were confusing and late.', 'not_actionable'],
    ['only criticism', 'The reports were confusing and late.', 'one_sided'],
    ['gendered wording', 'The girls on her team love her bubbly energy.', 'coded_language'],
    ['age-coded wording', 'He is a digital native, young and fast.', 'coded_language'],
  ])('flags %s', (_label, text, rule) => {
    expect(rules(text)).toContain(rule);
  });

  it('flags praise under a low rating, and criticism under a high one', () => {
    expect(rules('Excellent, thoughtful and reliable work on the launch.', 2)).toContain('tone_vs_rating');
    expect(rules('The handover was late and missed two steps.', 5)).toContain('tone_vs_rating');
    expect(rules('Excellent, thoughtful and reliable work on the launch.', 5)).not.toContain('tone_vs_rating');
  });

  it('lets specific, actionable, balanced feedback through without suggestions', () => {
    expect(rules('When the release slipped on Tuesday, you wrote a clear plan that got us back on track. Next time, try sharing it with support earlier.')).toEqual([]);
  });

  it('accepts a personality word once the behaviour behind it is described', () => {
    expect(rules('In the planning meeting you came across as abrasive when you cut Ana off twice; try letting people finish first.')).not.toContain('personality');
  });

  it('says nothing about text too short to judge', () => {
    expect(checkWriting({ text: 'Thanks!' })).toEqual([]);
  });
});
