/**
 * Slack gives every stored block a `block_id`, and every interactive element an `action_id`, when
 * the app left them out (random short strings). Doing the same here means a bot that reads
 * `state.values` or routes actions by ids it never set fails in tests, as it would in Slack.
 */
import type { Block } from '@slack/types';
import { randomBytes } from 'node:crypto';
import { isRecord } from './json';
import type { JsonRecord } from './types';

function randomId(): string {
  return randomBytes(4).toString('base64url').slice(0, 5);
}

function withActionId(element: unknown): unknown {
  if (!isRecord(element) || typeof element.type !== 'string') return element;
  return typeof element.action_id === 'string' ? element : { ...element, action_id: randomId() };
}

/** Elements that carry an action_id, by where they sit in their block. */
function withElementIds(block: JsonRecord): JsonRecord {
  const out: JsonRecord = { ...block };
  if (Array.isArray(out.elements) && (out.type === 'actions' || out.type === 'context_actions')) {
    out.elements = out.elements.map(withActionId);
  }
  if (out.type === 'section' && out.accessory !== undefined && isRecord(out.accessory) && out.accessory.type !== 'image') {
    out.accessory = withActionId(out.accessory);
  }
  if (out.type === 'input' && out.element !== undefined) out.element = withActionId(out.element);
  return out;
}

export function assignIds(blocks: Block[]): Block[] {
  return blocks.map((block) => {
    const withIds = withElementIds(block as unknown as JsonRecord);
    if (typeof withIds.block_id !== 'string') withIds.block_id = randomId();
    return withIds as unknown as Block;
  });
}
