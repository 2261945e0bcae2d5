/**
 * Shared plumbing for the Block Kit checks: where errors are collected, how pointers are built, and
 * readers that narrow an `unknown` field to its type while reporting, in Slack's words, why it is not.
 */

export interface BlockKitError {
  /** JSON pointer relative to the object handed to the validator, e.g. "/blocks/0/text/text". */
  pointer: string;
  message: string;
}

export type Surface = 'message' | 'modal' | 'home';
export type JsonObject = Record<string, unknown>;

export interface Ctx {
  readonly surface: Surface;
  readonly errors: BlockKitError[];
  /** block_id must be unique across the whole message or view. */
  readonly blockIds: Set<string>;
  /** action_id must be unique within one block; replaced for every block. */
  actionIds: Set<string>;
}

export function newCtx(surface: Surface): Ctx {
  return { surface, errors: [], blockIds: new Set(), actionIds: new Set() };
}

export function report(ctx: Ctx, pointer: string, message: string): void {
  ctx.errors.push({ pointer, message });
}

/** Appends reference tokens to a JSON pointer, escaping them as RFC 6901 requires. */
export function at(pointer: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>(
    (p, token) => `${p}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`,
    pointer,
  );
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Counts Unicode code points, not UTF-16 units: an emoji is one character to Slack, and counting it
 * as two would reject text Slack accepts.
 */
export function charCount(text: string): number {
  return Array.from(text).length;
}

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/** Checks a string already taken out of its parent; `pointer` is the string's own pointer. */
export function checkString(ctx: Ctx, value: unknown, pointer: string, rule: StringRule = {}): string | undefined {
  if (typeof value !== 'string') {
    report(ctx, pointer, 'must provide a string');
    return undefined;
  }
  const length = charCount(value);
  const { min = 0, max } = rule;
  if (length < min) report(ctx, pointer, `must be more than ${min - 1} characters`);
  if (max !== undefined && length > max) report(ctx, pointer, `must be less than ${max + 1} characters`);
  return value;
}

/**
 * Takes `key` out of `parent`, reporting it as missing (at the parent, as Slack does) when required.
 * Returns undefined when the field is absent so callers can skip further checks.
 */
export function field(ctx: Ctx, parent: JsonObject, key: string, pointer: string, required = false): unknown {
  const value = parent[key];
  if (value === undefined && required) report(ctx, pointer, `missing required field: ${key}`);
  return value;
}

export function readString(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  rule: StringRule = {},
): string | undefined {
  const value = field(ctx, parent, key, pointer, rule.required);
  return value === undefined ? undefined : checkString(ctx, value, at(pointer, key), rule);
}

export function readBoolean(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  required = false,
): boolean | undefined {
  const value = field(ctx, parent, key, pointer, required);
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    report(ctx, at(pointer, key), 'must provide a boolean');
    return undefined;
  }
  return value;
}

export interface IntegerRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export function readInteger(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  rule: IntegerRule = {},
): number | undefined {
  const value = field(ctx, parent, key, pointer, rule.required);
  if (value === undefined) return undefined;
  const here = at(pointer, key);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    report(ctx, here, 'must provide an integer');
    return undefined;
  }
  if (rule.min !== undefined && value < rule.min) report(ctx, here, `must be at least ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) report(ctx, here, `must be at most ${rule.max}`);
  return value;
}

export function readObject(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  required = false,
): JsonObject | undefined {
  const value = field(ctx, parent, key, pointer, required);
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    report(ctx, at(pointer, key), 'must provide an object');
    return undefined;
  }
  return value;
}

export interface ArrayRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/** Checks an array already taken out of its parent; `pointer` is the array's own pointer. */
export function checkArray(ctx: Ctx, value: unknown, pointer: string, rule: ArrayRule = {}): unknown[] | undefined {
  if (!Array.isArray(value)) {
    report(ctx, pointer, 'must provide an array');
    return undefined;
  }
  const items: unknown[] = value;
  const { min = 0, max } = rule;
  if (items.length < min) report(ctx, pointer, `must provide at least ${min} item${min === 1 ? '' : 's'}`);
  if (max !== undefined && items.length > max) report(ctx, pointer, `no more than ${max} items allowed`);
  return items;
}

export function readArray(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  rule: ArrayRule = {},
): unknown[] | undefined {
  const value = field(ctx, parent, key, pointer, rule.required);
  return value === undefined ? undefined : checkArray(ctx, value, at(pointer, key), rule);
}

export function readEnum<T extends string>(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  allowed: readonly T[],
  required = false,
): T | undefined {
  const value = readString(ctx, parent, key, pointer, { required });
  if (value === undefined) return undefined;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) report(ctx, at(pointer, key), `must be one of: ${allowed.join(', ')}`);
  return match;
}

/** An array whose every item is one of `allowed`, such as a conversations filter's `include`. */
export function readEnumList(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  allowed: readonly string[],
): void {
  const items = readArray(ctx, parent, key, pointer) ?? [];
  items.forEach((item, index) => {
    const here = at(pointer, key, index);
    const value = checkString(ctx, item, here);
    if (value !== undefined && !allowed.includes(value)) report(ctx, here, `must be one of: ${allowed.join(', ')}`);
  });
}

/**
 * Reads the `type` discriminator of a block, element or text object. Unknown or misplaced types get
 * Slack's "unsupported type" wording; `expected` names what this position accepts when that is short
 * enough to help.
 */
export function readType(
  ctx: Ctx,
  parent: JsonObject,
  pointer: string,
  allowed: ReadonlySet<string>,
  expected?: string,
): string | undefined {
  const type = readString(ctx, parent, 'type', pointer, { required: true });
  if (type === undefined) return undefined;
  if (!allowed.has(type)) {
    const hint = expected === undefined ? '' : ` (expected ${expected})`;
    report(ctx, at(pointer, 'type'), `unsupported type: ${type}${hint}`);
    return undefined;
  }
  return type;
}

/** Records an identifier and reports it at `pointer` if it was seen before in `seen`. */
export function checkUnique(ctx: Ctx, seen: Set<string>, id: string, pointer: string, what: string): void {
  if (seen.has(id)) report(ctx, pointer, `duplicate ${what}: ${id}`);
  seen.add(id);
}
