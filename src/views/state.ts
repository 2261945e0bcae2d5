import { z } from 'zod';
import { VALUE_ACTION } from './ids';

/**
 * Reads a submitted view's `state.values` for forms whose inputs use VALUE_ACTION. Each reader
 * returns what the person entered, or null / [] when they left it empty; rules are the domain's job.
 * A field missing from the state (an old form, a crafted request) reads as empty, never throws.
 */
export interface FormState {
  text(blockId: string): string | null;
  user(blockId: string): string | null;
  users(blockId: string): string[];
  option(blockId: string): string | null;
  options(blockId: string): string[];
  date(blockId: string): string | null;
  time(blockId: string): string | null;
  /** Ids of the files uploaded through a file_input. */
  files(blockId: string): string[];
}

const option = z.object({ value: z.string() });
const element = z
  .object({
    value: z.string().nullish(),
    selected_user: z.string().nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_option: option.nullish(),
    selected_options: z.array(option).nullish(),
    selected_date: z.string().nullish(),
    selected_time: z.string().nullish(),
    files: z.array(z.object({ id: z.string() })).nullish(),
  })
  .partial();
const stateSchema = z.record(z.string(), z.record(z.string(), element));

type Element = z.infer<typeof element>;

export function readFormState(values: unknown): FormState {
  const state = stateSchema.parse(values ?? {});
  const at = (blockId: string): Element => state[blockId]?.[VALUE_ACTION] ?? {};
  return {
    text: (blockId) => at(blockId).value ?? null,
    user: (blockId) => at(blockId).selected_user ?? null,
    users: (blockId) => at(blockId).selected_users ?? [],
    option: (blockId) => at(blockId).selected_option?.value ?? null,
    options: (blockId) => (at(blockId).selected_options ?? []).map((o) => o.value),
    date: (blockId) => at(blockId).selected_date ?? null,
    time: (blockId) => at(blockId).selected_time ?? null,
    files: (blockId) => (at(blockId).files ?? []).map((f) => f.id),
  };
}
