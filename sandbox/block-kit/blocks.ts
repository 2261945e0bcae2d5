/** Layout blocks and the rules each type adds to the shared block_id rule. */
import { checkTextObject, readTextObject } from './composition';
import {
  at,
  checkArray,
  checkUnique,
  type Ctx,
  isObject,
  type JsonObject,
  readArray,
  readBoolean,
  readString,
  readType,
  report,
} from './context';
import {
  ACCESSORY_ELEMENTS,
  ACTIONS_ELEMENTS,
  checkElement,
  checkImageSource,
  CONTEXT_ACTIONS_ELEMENTS,
  INPUT_ELEMENTS,
} from './elements';
import { LIMITS } from './limits';

type BlockCheck = (ctx: Ctx, block: JsonObject, pointer: string) => void;

const CONTEXT_IMAGE: ReadonlySet<string> = new Set(['image']);

function checkSection(ctx: Ctx, block: JsonObject, pointer: string): void {
  if (block['text'] === undefined && block['fields'] === undefined) {
    // Slack points this one at the block's type, not at the block.
    report(ctx, at(pointer, 'type'), 'must define either `text` or `fields`');
  }
  readTextObject(ctx, block, 'text', pointer, { max: LIMITS.sectionText });
  const fields = readArray(ctx, block, 'fields', pointer, { max: LIMITS.sectionFields }) ?? [];
  fields.forEach((item, index) =>
    checkTextObject(ctx, item, at(pointer, 'fields', index), { max: LIMITS.sectionFieldText }),
  );
  if (block['accessory'] !== undefined) {
    checkElement(ctx, block['accessory'], at(pointer, 'accessory'), ACCESSORY_ELEMENTS);
  }
  readBoolean(ctx, block, 'expand', pointer);
}

function checkHeader(ctx: Ctx, block: JsonObject, pointer: string): void {
  readTextObject(ctx, block, 'text', pointer, { required: true, plainOnly: true, max: LIMITS.headerText });
}

function checkContext(ctx: Ctx, block: JsonObject, pointer: string): void {
  const elements = readArray(ctx, block, 'elements', pointer, {
    required: true,
    min: 1,
    max: LIMITS.contextElements,
  });
  elements?.forEach((element, index) => {
    const here = at(pointer, 'elements', index);
    const type = isObject(element) ? element['type'] : undefined;
    if (type === 'plain_text' || type === 'mrkdwn') checkTextObject(ctx, element, here, { max: LIMITS.textObject });
    else checkElement(ctx, element, here, CONTEXT_IMAGE);
  });
}

function elementList(allowed: ReadonlySet<string>, max: number): BlockCheck {
  return (ctx, block, pointer) => {
    const elements = readArray(ctx, block, 'elements', pointer, { required: true, min: 1, max });
    elements?.forEach((element, index) => checkElement(ctx, element, at(pointer, 'elements', index), allowed));
  };
}

function checkInput(ctx: Ctx, block: JsonObject, pointer: string): void {
  // Kept out of messages on purpose: Cadence collects input through modals, and an input block in a
  // message only works with dispatch_action wiring we do not use.
  if (ctx.surface === 'message') {
    report(ctx, at(pointer, 'type'), 'unsupported type: input (input blocks are only allowed in modals and Home tabs)');
    return;
  }
  readTextObject(ctx, block, 'label', pointer, { required: true, plainOnly: true, max: LIMITS.inputLabel });
  if (block['element'] === undefined) report(ctx, pointer, 'missing required field: element');
  else checkElement(ctx, block['element'], at(pointer, 'element'), INPUT_ELEMENTS);
  readTextObject(ctx, block, 'hint', pointer, { plainOnly: true, max: LIMITS.inputHint });
  readBoolean(ctx, block, 'optional', pointer);
  readBoolean(ctx, block, 'dispatch_action', pointer);
}

function checkImageBlock(ctx: Ctx, block: JsonObject, pointer: string): void {
  checkImageSource(ctx, block, pointer);
  readTextObject(ctx, block, 'title', pointer, { plainOnly: true, max: LIMITS.imageTitle });
}

function checkMarkdown(ctx: Ctx, block: JsonObject, pointer: string): void {
  readString(ctx, block, 'text', pointer, { required: true, min: 1, max: LIMITS.markdownText });
}

function checkVideo(ctx: Ctx, block: JsonObject, pointer: string): void {
  readString(ctx, block, 'alt_text', pointer, { required: true });
  readTextObject(ctx, block, 'title', pointer, { required: true, plainOnly: true, max: LIMITS.videoTitle });
  readString(ctx, block, 'thumbnail_url', pointer, { required: true, max: LIMITS.url });
  readString(ctx, block, 'video_url', pointer, { required: true, max: LIMITS.url });
}

function checkFile(ctx: Ctx, block: JsonObject, pointer: string): void {
  readString(ctx, block, 'external_id', pointer, { required: true });
  readString(ctx, block, 'source', pointer, { required: true });
}

function checkRichText(ctx: Ctx, block: JsonObject, pointer: string): void {
  readArray(ctx, block, 'elements', pointer, { required: true });
}

function checkTable(ctx: Ctx, block: JsonObject, pointer: string): void {
  const rows = readArray(ctx, block, 'rows', pointer, { required: true, max: LIMITS.tableRows }) ?? [];
  rows.forEach((row, index) => checkArray(ctx, row, at(pointer, 'rows', index), { max: LIMITS.tableCells }));
}

/** Blocks Slack has added recently (mostly for AI apps): known, so not "unsupported", but unchecked. */
const acceptLoosely: BlockCheck = () => undefined;

const BLOCKS: Record<string, BlockCheck> = {
  section: checkSection,
  header: checkHeader,
  divider: acceptLoosely,
  context: checkContext,
  actions: elementList(ACTIONS_ELEMENTS, LIMITS.actionsElements),
  input: checkInput,
  image: checkImageBlock,
  rich_text: checkRichText,
  markdown: checkMarkdown,
  video: checkVideo,
  file: checkFile,
  table: checkTable,
  context_actions: elementList(CONTEXT_ACTIONS_ELEMENTS, LIMITS.contextActionsElements),
  alert: acceptLoosely,
  card: acceptLoosely,
  carousel: acceptLoosely,
  container: acceptLoosely,
  data_table: acceptLoosely,
  plan: acceptLoosely,
  task_card: acceptLoosely,
};

const BLOCK_TYPES: ReadonlySet<string> = new Set(Object.keys(BLOCKS));

function checkBlock(ctx: Ctx, value: unknown, pointer: string): void {
  if (!isObject(value)) {
    report(ctx, pointer, 'must provide an object');
    return;
  }
  const blockId = readString(ctx, value, 'block_id', pointer, { min: 1, max: LIMITS.blockId });
  if (blockId !== undefined) checkUnique(ctx, ctx.blockIds, blockId, at(pointer, 'block_id'), 'block_id');
  const type = readType(ctx, value, pointer, BLOCK_TYPES);
  if (type === undefined) return;
  ctx.actionIds = new Set();
  BLOCKS[type]?.(ctx, value, pointer);
}

/** Checks a surface's `blocks` array (already known to be an array) and every block in it. */
export function checkBlocks(ctx: Ctx, blocks: readonly unknown[], pointer: string): void {
  blocks.forEach((block, index) => checkBlock(ctx, block, at(pointer, index)));
}
