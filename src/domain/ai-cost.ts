/**
 * What AI use costs: a price per 1,000 input (prompt) and output (completion) tokens per model,
 * set by whoever runs Cadence (AI_PRICES), since prices differ by vendor, contract and over time.
 */

export interface TokenPrice {
  inputPer1k: number;
  outputPer1k: number;
}

export type AiPrices = ReadonlyMap<string, TokenPrice>;

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Reads `model=input/output,model=input/output` (prices per 1,000 tokens, in the currency of
 * AI_PRICE_CURRENCY): the prices, or what is wrong with the text.
 */
export function parseAiPrices(text: string): { ok: true; prices: AiPrices } | { ok: false; error: string } {
  const prices = new Map<string, TokenPrice>();
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e.length > 0)) {
    const at = entry.lastIndexOf('=');
    const model = entry.slice(0, at).trim();
    const [input = '', output = '', ...rest] = entry.slice(at + 1).split('/').map((p) => p.trim());
    if (at <= 0 || !model) return { ok: false, error: `"${entry}" needs a model name before "=", as in gpt-4o-mini=0.00015/0.0006` };
    if (rest.length > 0 || !NUMBER.test(input) || !NUMBER.test(output))
      return { ok: false, error: `"${entry}" needs two prices per 1,000 tokens, input then output, as in ${model}=0.00015/0.0006` };
    if (prices.has(model)) return { ok: false, error: `${model} is priced twice` };
    prices.set(model, { inputPer1k: Number(input), outputPer1k: Number(output) });
  }
  return { ok: true, prices };
}

/** The cost of the tokens a model used; undefined when the model has no price (offline costs nothing). */
export function costOf(usage: { provider: string; model: string | null; promptTokens: number; completionTokens: number }, prices: AiPrices): number | undefined {
  if (usage.provider === 'offline') return 0;
  const price = usage.model === null ? undefined : prices.get(usage.model);
  if (!price) return undefined;
  return (usage.promptTokens / 1000) * price.inputPer1k + (usage.completionTokens / 1000) * price.outputPer1k;
}
