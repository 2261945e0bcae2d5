import { costOf, parseAiPrices } from '../../../src/domain/ai-cost';

describe('what AI use costs', () => {
  const prices = new Map([['gpt-4o-mini', { inputPer1k: 0.15, outputPer1k: 0.6 }]]);

  it('prices input and output tokens per 1,000 by model', () => {
    expect(costOf({ provider: 'openai', model: 'gpt-4o-mini', promptTokens: 2000, completionTokens: 500 }, prices)).toBeCloseTo(0.6);
  });

  it('has no cost for a model without a price, and none for drafts built offline', () => {
    expect(costOf({ provider: 'openai', model: 'other', promptTokens: 2000, completionTokens: 500 }, prices)).toBeUndefined();
    expect(costOf({ provider: 'offline', model: null, promptTokens: 0, completionTokens: 0 }, prices)).toBe(0);
  });

  it.each([
    ['=0.1/0.2', '"=0.1/0.2" needs a model name before "=", as in gpt-4o-mini=0.00015/0.0006'],
    ['m=0.1', '"m=0.1" needs two prices per 1,000 tokens, input then output, as in m=0.00015/0.0006'],
    ['m=0.1/0.2/0.3', '"m=0.1/0.2/0.3" needs two prices per 1,000 tokens, input then output, as in m=0.00015/0.0006'],
    ['m=-1/0.2', '"m=-1/0.2" needs two prices per 1,000 tokens, input then output, as in m=0.00015/0.0006'],
    ['m=1/2,m=3/4', 'm is priced twice'],
  ])('rejects %s saying what is wrong', (text, error) => {
    expect(parseAiPrices(text)).toEqual({ ok: false, error });
  });
});
