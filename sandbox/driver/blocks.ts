/**
 * Finding the element a simulated person clicks, and the inputs they fill in, inside the blocks
 * the bot actually sent. Working from the stored surface (not from what a test assumes) means a
 * test clicking a button the bot never rendered fails with a list of what is there.
 */
import { isRecord } from '../emulator/json';
import type { JsonRecord } from '../emulator/types';

export interface LocatedElement {
  block: JsonRecord;
  blockId: string;
  blockType: string;
  element: JsonRecord;
  actionId: string;
  elementType: string;
}

function located(block: JsonRecord, element: unknown): LocatedElement[] {
  if (!isRecord(element) || typeof element.action_id !== 'string' || typeof element.type !== 'string') return [];
  return [
    {
      block,
      blockId: typeof block.block_id === 'string' ? block.block_id : '',
      blockType: String(block.type),
      element,
      actionId: element.action_id,
      elementType: element.type,
    },
  ];
}

/** Every element with an action_id: actions elements, section accessories, input elements. */
export function interactiveElements(blocks: readonly unknown[]): LocatedElement[] {
  return blocks.flatMap((block) => {
    if (!isRecord(block)) return [];
    if ((block.type === 'actions' || block.type === 'context_actions') && Array.isArray(block.elements)) {
      return block.elements.flatMap((element) => located(block, element));
    }
    if (block.type === 'section') return located(block, block.accessory);
    if (block.type === 'input') return located(block, block.element);
    return [];
  });
}

export function inputElements(blocks: readonly unknown[]): LocatedElement[] {
  return interactiveElements(blocks).filter((e) => e.blockType === 'input');
}

function listing(elements: LocatedElement[]): string {
  if (elements.length === 0) return 'it has no interactive elements';
  return `it has: ${elements.map((e) => `${e.blockId}/${e.actionId} (${e.elementType})`).join(', ')}`;
}

/** The one element with this action_id (and block_id, if given); a readable error otherwise. */
export function findElement(blocks: readonly unknown[], target: { actionId: string; blockId?: string }, surface: string): LocatedElement {
  const all = interactiveElements(blocks);
  const matches = all.filter((e) => e.actionId === target.actionId && (target.blockId === undefined || e.blockId === target.blockId));
  const wanted = target.blockId === undefined ? `action_id "${target.actionId}"` : `block_id "${target.blockId}" / action_id "${target.actionId}"`;
  const [match, ...others] = matches;
  if (!match) throw new Error(`No element with ${wanted} in ${surface}; ${listing(all)}`);
  if (others.length > 0) throw new Error(`Several elements with ${wanted} in ${surface}; pass blockId. ${listing(all)}`);
  return match;
}
