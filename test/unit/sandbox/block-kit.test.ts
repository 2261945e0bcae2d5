import {
  type BlockKitError,
  LIMITS,
  NO_TEXT_MESSAGE,
  validateMessage,
  validateView,
  VIEW_TOO_LARGE_MESSAGE,
} from '../../../sandbox/block-kit/validate';

// ---- builders -------------------------------------------------------------------------------------

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const chars = (n: number) => 'x'.repeat(n);
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const option = (value: string, text = value) => ({ text: plain(text), value });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Go'),
  ...extra,
});
const section = (text = 'Hello') => ({ type: 'section', text: mrkdwn(text) });
const input = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Label'),
  element: { action_id: 'a', ...element },
  ...extra,
});

/** A message with a fallback text, so only the blocks under test can be wrong. */
const message = (...blocks: unknown[]) => validateMessage({ text: 'fallback', blocks });
/** A modal whose chrome is valid, so only the blocks or overrides under test can be wrong. */
const modal = (blocks: unknown[], overrides: Record<string, unknown> = {}) =>
  validateView({ type: 'modal', title: plain('Title'), submit: plain('Save'), blocks, ...overrides });

const error = (pointer: string, msg: string): BlockKitError => ({ pointer, message: msg });

// ---- real-world payloads ---------------------------------------------------------------------------

const checkInMessage = {
  text: 'Ana, your weekly check-in is due',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Weekly check-in :spiral_calendar_pad:', emoji: true } },
    {
      type: 'section',
      block_id: 'intro',
      text: { type: 'mrkdwn', text: '*Ana*, how did this week go? <https://cadence.example|Goals>', verbatim: false },
      accessory: { type: 'image', image_url: 'https://cadence.example/avatar.png', alt_text: 'Ana' },
    },
    { type: 'section', fields: [mrkdwn('*Goal*\nShip onboarding'), mrkdwn('*Progress*\n60%')] },
    { type: 'divider' },
    {
      type: 'context',
      elements: [mrkdwn('Due Friday'), { type: 'image', image_url: 'https://cadence.example/i.png', alt_text: 'icon' }],
    },
    {
      type: 'actions',
      block_id: 'checkin_actions',
      elements: [
        button('open_checkin', { style: 'primary', value: 'checkin:42' }),
        button('open_web', { url: 'https://cadence.example/checkins/42' }),
        {
          type: 'static_select',
          action_id: 'mood',
          placeholder: plain('Mood'),
          options: [option('good', 'Good'), option('ok', 'OK')],
          initial_option: option('ok', 'OK'),
        },
        {
          type: 'overflow',
          action_id: 'more',
          options: [option('snooze', 'Snooze'), { text: plain('Help'), url: 'https://cadence.example/help' }],
          confirm: {
            title: plain('Sure?'),
            text: mrkdwn('This snoozes the check-in.'),
            confirm: plain('Snooze'),
            deny: plain('Cancel'),
            style: 'danger',
          },
        },
        { type: 'datepicker', action_id: 'due', initial_date: '2024-02-29' },
      ],
    },
    {
      type: 'rich_text',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'Keep it up!' }] }],
    },
  ],
};

const goalModal = {
  type: 'modal',
  callback_id: 'goal_create',
  private_metadata: JSON.stringify({ cycleId: 7 }),
  title: plain('New goal'),
  submit: plain('Create'),
  close: plain('Cancel'),
  notify_on_close: true,
  blocks: [
    { type: 'section', text: mrkdwn('Goals are visible to your manager.') },
    input({ type: 'plain_text_input', multiline: true, max_length: 500, min_length: 3 }, { block_id: 'title' }),
    input(
      {
        type: 'static_select',
        option_groups: [
          { label: plain('Company'), options: [option('c1', 'Revenue')] },
          { label: plain('Team'), options: [option('t1', 'Quality'), option('t2', 'Speed')] },
        ],
        initial_option: option('t2', 'Speed'),
      },
      { block_id: 'theme' },
    ),
    input({ type: 'multi_users_select', initial_users: ['U1', 'U2'], max_selected_items: 5 }, { block_id: 'owners' }),
    input({ type: 'datepicker', initial_date: '2024-12-31' }, { block_id: 'due', optional: true }),
    input({ type: 'timepicker', initial_time: '09:30' }, { block_id: 'reminder' }),
    input(
      { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '100', initial_value: '50' },
      { block_id: 'target' },
    ),
    input(
      {
        type: 'checkboxes',
        options: [{ text: mrkdwn('*Private*'), value: 'private' }, option('stretch', 'Stretch goal')],
        initial_options: [option('stretch', 'Stretch goal')],
      },
      { block_id: 'flags', hint: plain('Optional extras') },
    ),
    input({ type: 'radio_buttons', options: [option('q', 'Quarter'), option('y', 'Year')] }, { block_id: 'horizon' }),
    input({ type: 'email_text_input' }, { block_id: 'email' }),
    input({ type: 'url_text_input' }, { block_id: 'url' }),
    input({ type: 'rich_text_input' }, { block_id: 'notes' }),
    input(
      { type: 'conversations_select', filter: { include: ['public', 'private'], exclude_bot_users: true } },
      { block_id: 'chan' },
    ),
    { type: 'context', elements: [plain('You can edit this later.')] },
  ],
};

const homeView = {
  type: 'home',
  callback_id: 'home',
  blocks: [
    { type: 'header', text: plain('Your goals') },
    { type: 'section', text: mrkdwn('*Ship onboarding* · 60%'), accessory: button('goal_open', { value: 'g1' }) },
    { type: 'divider' },
    { type: 'actions', elements: [button('goal_new', { style: 'primary' }), button('checkin_start')] },
    { type: 'context', elements: [mrkdwn('Updated just now')] },
  ],
};

describe('real-world payloads', () => {
  it('accepts a check-in message using most message blocks and elements', () => {
    expect(validateMessage(checkInMessage)).toEqual([]);
  });

  it('accepts a goal modal with every common input element', () => {
    expect(validateView(goalModal)).toEqual([]);
  });

  it('accepts a Home tab', () => {
    expect(validateView(homeView)).toEqual([]);
  });

  it('counts characters as code points, so emoji are not double counted', () => {
    const emoji = '\u{1F600}'.repeat(LIMITS.headerText);
    expect(message({ type: 'header', text: plain(emoji) })).toEqual([]);
  });
});

// ---- limits ---------------------------------------------------------------------------------------

type Kind = 'chars' | 'items';

interface LimitCase {
  name: string;
  limit: number;
  kind: Kind;
  pointer: string;
  validate: (n: number) => BlockKitError[];
}

const overLimit = (kind: Kind, limit: number) =>
  kind === 'chars' ? `must be less than ${limit + 1} characters` : `no more than ${limit} items allowed`;

const selectIn = (element: Record<string, unknown>) => ({ type: 'section', text: mrkdwn('Pick'), accessory: element });

const limitCases: LimitCase[] = [
  // Messages
  { name: 'message blocks', limit: LIMITS.messageBlocks, kind: 'items', pointer: '/blocks',
    validate: (n) => validateMessage({ blocks: times(n, () => ({ type: 'divider' })) }) },
  { name: 'message text', limit: LIMITS.messageText, kind: 'chars', pointer: '/text',
    validate: (n) => validateMessage({ text: chars(n) }) },
  // Blocks
  { name: 'block_id', limit: LIMITS.blockId, kind: 'chars', pointer: '/blocks/0/block_id',
    validate: (n) => message({ type: 'divider', block_id: chars(n) }) },
  { name: 'section text', limit: LIMITS.sectionText, kind: 'chars', pointer: '/blocks/0/text/text',
    validate: (n) => message(section(chars(n))) },
  { name: 'section fields', limit: LIMITS.sectionFields, kind: 'items', pointer: '/blocks/0/fields',
    validate: (n) => message({ type: 'section', fields: times(n, () => mrkdwn('f')) }) },
  { name: 'section field text', limit: LIMITS.sectionFieldText, kind: 'chars', pointer: '/blocks/0/fields/0/text',
    validate: (n) => message({ type: 'section', fields: [mrkdwn(chars(n))] }) },
  { name: 'header text', limit: LIMITS.headerText, kind: 'chars', pointer: '/blocks/0/text/text',
    validate: (n) => message({ type: 'header', text: plain(chars(n)) }) },
  { name: 'context elements', limit: LIMITS.contextElements, kind: 'items', pointer: '/blocks/0/elements',
    validate: (n) => message({ type: 'context', elements: times(n, () => mrkdwn('c')) }) },
  { name: 'actions elements', limit: LIMITS.actionsElements, kind: 'items', pointer: '/blocks/0/elements',
    validate: (n) => message({ type: 'actions', elements: times(n, (i) => button(`b${i}`)) }) },
  { name: 'image alt_text', limit: LIMITS.imageAltText, kind: 'chars', pointer: '/blocks/0/alt_text',
    validate: (n) => message({ type: 'image', image_url: 'https://x.example/i.png', alt_text: chars(n) }) },
  // Elements
  { name: 'action_id', limit: LIMITS.actionId, kind: 'chars', pointer: '/blocks/0/elements/0/action_id',
    validate: (n) => message({ type: 'actions', elements: [button(chars(n))] }) },
  { name: 'button text', limit: LIMITS.buttonText, kind: 'chars', pointer: '/blocks/0/elements/0/text/text',
    validate: (n) => message({ type: 'actions', elements: [button('b', { text: plain(chars(n)) })] }) },
  { name: 'button value', limit: LIMITS.buttonValue, kind: 'chars', pointer: '/blocks/0/elements/0/value',
    validate: (n) => message({ type: 'actions', elements: [button('b', { value: chars(n) })] }) },
  { name: 'button url', limit: LIMITS.url, kind: 'chars', pointer: '/blocks/0/elements/0/url',
    validate: (n) => message({ type: 'actions', elements: [button('b', { url: chars(n) })] }) },
  { name: 'select options', limit: LIMITS.selectOptions, kind: 'items', pointer: '/blocks/0/accessory/options',
    validate: (n) => message(selectIn({ type: 'static_select', options: times(n, (i) => option(`v${i}`)) })) },
  { name: 'select option groups', limit: LIMITS.optionGroups, kind: 'items',
    pointer: '/blocks/0/accessory/option_groups',
    validate: (n) => message(selectIn({ type: 'static_select',
      option_groups: times(n, (i) => ({ label: plain('G'), options: [option(`v${i}`)] })) })) },
  { name: 'option text', limit: LIMITS.optionText, kind: 'chars', pointer: '/blocks/0/accessory/options/0/text/text',
    validate: (n) => message(selectIn({ type: 'static_select', options: [option('v', chars(n))] })) },
  { name: 'option value', limit: LIMITS.optionValue, kind: 'chars', pointer: '/blocks/0/accessory/options/0/value',
    validate: (n) => message(selectIn({ type: 'static_select', options: [option(chars(n), 'T')] })) },
  { name: 'placeholder', limit: LIMITS.placeholder, kind: 'chars', pointer: '/blocks/0/accessory/placeholder/text',
    validate: (n) => message(selectIn({ type: 'users_select', placeholder: plain(chars(n)) })) },
  { name: 'overflow options', limit: LIMITS.overflowOptionsMax, kind: 'items', pointer: '/blocks/0/accessory/options',
    validate: (n) => message(selectIn({ type: 'overflow', options: times(n, (i) => option(`v${i}`)) })) },
  { name: 'confirm title', limit: LIMITS.confirmTitle, kind: 'chars',
    pointer: '/blocks/0/elements/0/confirm/title/text',
    validate: (n) => message({ type: 'actions', elements: [button('b', { confirm: {
      title: plain(chars(n)), text: plain('t'), confirm: plain('y'), deny: plain('n') } })] }) },
  { name: 'checkboxes options', limit: LIMITS.choiceOptions, kind: 'items', pointer: '/blocks/0/element/options',
    validate: (n) => modal([input({ type: 'checkboxes', options: times(n, (i) => option(`v${i}`)) })]) },
  { name: 'radio_buttons options', limit: LIMITS.choiceOptions, kind: 'items', pointer: '/blocks/0/element/options',
    validate: (n) => modal([input({ type: 'radio_buttons', options: times(n, (i) => option(`v${i}`)) })]) },
  // Input blocks and views
  { name: 'input label', limit: LIMITS.inputLabel, kind: 'chars', pointer: '/blocks/0/label/text',
    validate: (n) => modal([input({ type: 'plain_text_input' }, { label: plain(chars(n)) })]) },
  { name: 'input hint', limit: LIMITS.inputHint, kind: 'chars', pointer: '/blocks/0/hint/text',
    validate: (n) => modal([input({ type: 'plain_text_input' }, { hint: plain(chars(n)) })]) },
  { name: 'modal title', limit: LIMITS.viewTitle, kind: 'chars', pointer: '/title/text',
    validate: (n) => modal([], { title: plain(chars(n)) }) },
  { name: 'modal submit', limit: LIMITS.viewSubmit, kind: 'chars', pointer: '/submit/text',
    validate: (n) => modal([], { submit: plain(chars(n)) }) },
  { name: 'modal close', limit: LIMITS.viewClose, kind: 'chars', pointer: '/close/text',
    validate: (n) => modal([], { close: plain(chars(n)) }) },
  { name: 'callback_id', limit: LIMITS.callbackId, kind: 'chars', pointer: '/callback_id',
    validate: (n) => modal([], { callback_id: chars(n) }) },
  { name: 'private_metadata', limit: LIMITS.privateMetadata, kind: 'chars', pointer: '/private_metadata',
    validate: (n) => modal([], { private_metadata: chars(n) }) },
  { name: 'modal blocks', limit: LIMITS.viewBlocks, kind: 'items', pointer: '/blocks',
    validate: (n) => modal(times(n, () => ({ type: 'divider' }))) },
  { name: 'home blocks', limit: LIMITS.viewBlocks, kind: 'items', pointer: '/blocks',
    validate: (n) => validateView({ type: 'home', blocks: times(n, () => ({ type: 'divider' })) }) },
];

describe('limits', () => {
  it.each(limitCases)('$name: accepts $limit', ({ limit, validate }) => {
    expect(validate(limit)).toEqual([]);
  });

  it.each(limitCases)('$name: rejects $limit + 1 at $pointer', ({ limit, kind, pointer, validate }) => {
    expect(validate(limit + 1)).toEqual([error(pointer, overLimit(kind, limit))]);
  });

  it.each([
    ['max_length', LIMITS.plainTextInputLength],
    ['min_length', LIMITS.plainTextInputLength],
  ])('plain_text_input %s: accepts %i, rejects one more', (key, limit) => {
    const view = (n: number) => modal([input({ type: 'plain_text_input', [key]: n })]);
    expect(view(limit)).toEqual([]);
    expect(view(limit + 1)).toEqual([error(`/blocks/0/element/${key}`, `must be at most ${limit}`)]);
  });

  it('overflow menus need at least two options', () => {
    const overflow = (n: number) => message(selectIn({ type: 'overflow', options: times(n, (i) => option(`v${i}`)) }));
    expect(overflow(LIMITS.overflowOptionsMin)).toEqual([]);
    expect(overflow(LIMITS.overflowOptionsMin - 1)).toEqual([
      error('/blocks/0/accessory/options', 'must provide at least 2 items'),
    ]);
  });

  describe('view size', () => {
    /** A Home tab whose JSON is exactly `bytes` long, padded evenly through 90 section texts. */
    const homeOfBytes = (bytes: number) => {
      const blocks = times(90, () => section(''));
      const view = { type: 'home', blocks };
      const padding = bytes - Buffer.byteLength(JSON.stringify(view));
      blocks.forEach((block, i) => {
        block.text.text = chars(Math.floor(padding / blocks.length) + (i < padding % blocks.length ? 1 : 0));
      });
      expect(Buffer.byteLength(JSON.stringify(view))).toBe(bytes);
      return view;
    };

    it(`accepts ${LIMITS.viewBytes} bytes`, () => {
      expect(validateView(homeOfBytes(LIMITS.viewBytes))).toEqual([]);
    });

    it('rejects one byte more as view_too_large', () => {
      expect(validateView(homeOfBytes(LIMITS.viewBytes + 1))).toEqual([error('', VIEW_TOO_LARGE_MESSAGE)]);
    });
  });
});

// ---- messages -------------------------------------------------------------------------------------

describe('validateMessage', () => {
  it.each([
    ['nothing at all', {}],
    ['empty text and no blocks', { text: '' }],
    ['empty text and empty blocks', { text: '', blocks: [] }],
  ])('reports no_text for %s', (_, payload) => {
    expect(validateMessage(payload)).toEqual([error('', NO_TEXT_MESSAGE)]);
  });

  it('accepts text alone and blocks alone', () => {
    expect(validateMessage({ text: 'hi' })).toEqual([]);
    expect(validateMessage({ blocks: [section()] })).toEqual([]);
  });

  it('rejects input blocks, which Cadence only uses in views', () => {
    expect(message(input({ type: 'plain_text_input' }))).toEqual([
      error('/blocks/0/type', 'unsupported type: input (input blocks are only allowed in modals and Home tabs)'),
    ]);
  });

  it('reports wrongly typed text and blocks', () => {
    expect(validateMessage({ text: 5, blocks: '[]' })).toEqual([
      error('/text', 'must provide a string'),
      error('/blocks', 'must provide an array'),
    ]);
  });
});

// ---- views ----------------------------------------------------------------------------------------

describe('validateView', () => {
  it('requires a known type', () => {
    expect(validateView({ blocks: [] })).toEqual([error('', 'missing required field: type')]);
    expect(validateView({ type: 'workflow_step', blocks: [] })).toEqual([
      error('/type', 'unsupported type: workflow_step (expected modal or home)'),
    ]);
  });

  it('requires blocks', () => {
    expect(validateView({ type: 'home' })).toEqual([error('', 'missing required field: blocks')]);
  });

  it('requires a plain_text title on modals', () => {
    expect(validateView({ type: 'modal', blocks: [] })).toEqual([error('', 'missing required field: title')]);
    expect(modal([], { title: mrkdwn('Title') })).toEqual([
      error('/title/type', 'unsupported type: mrkdwn (expected plain_text)'),
    ]);
  });

  it('requires submit on a modal with an input block', () => {
    const blocks = [input({ type: 'plain_text_input' })];
    expect(modal(blocks, { submit: undefined })).toEqual([error('', 'missing required field: submit')]);
    expect(modal([section()], { submit: undefined })).toEqual([]);
  });

  it('needs no title on a Home tab but refuses submit and close', () => {
    expect(validateView({ type: 'home', blocks: [input({ type: 'plain_text_input' })] })).toEqual([]);
    expect(validateView({ type: 'home', submit: plain('Save'), close: plain('Close'), blocks: [] })).toEqual([
      error('/submit', 'invalid additional property: submit'),
      error('/close', 'invalid additional property: close'),
    ]);
  });
});

// ---- blocks ---------------------------------------------------------------------------------------

describe('blocks', () => {
  it('rejects unknown block types at the type', () => {
    expect(message({ type: 'sectoin', text: mrkdwn('x') })).toEqual([
      error('/blocks/0/type', 'unsupported type: sectoin'),
    ]);
  });

  it('rejects a section with neither text nor fields, pointing at its type as Slack does', () => {
    expect(message({ type: 'section' })).toEqual([error('/blocks/0/type', 'must define either `text` or `fields`')]);
  });

  it('reports a duplicate block_id at its second use', () => {
    const blocks = [{ ...section(), block_id: 'a' }, { ...section(), block_id: 'b' }, { ...section(), block_id: 'a' }];
    expect(message(...blocks)).toEqual([error('/blocks/2/block_id', 'duplicate block_id: a')]);
  });

  it('reports a duplicate action_id within a block, but allows reuse across blocks', () => {
    expect(message({ type: 'actions', elements: [button('go'), button('go')] })).toEqual([
      error('/blocks/0/elements/1/action_id', 'duplicate action_id: go'),
    ]);
    const actions = { type: 'actions', elements: [button('go')] };
    expect(message(actions, actions)).toEqual([]);
  });

  it('requires image_url or slack_file, and alt_text, on images', () => {
    expect(message({ type: 'image' })).toEqual([
      error('/blocks/0', 'missing required field: image_url or slack_file'),
      error('/blocks/0', 'missing required field: alt_text'),
    ]);
    expect(message({ type: 'image', slack_file: { id: 'F1' }, alt_text: 'a' })).toEqual([]);
  });

  it('requires a label and an input-capable element on input blocks', () => {
    expect(modal([{ type: 'input', element: { type: 'button', text: plain('x') } }])).toEqual([
      error('/blocks/0', 'missing required field: label'),
      error('/blocks/0/element/type', 'unsupported type: button'),
    ]);
    expect(modal([{ type: 'input', label: plain('L'), optional: 'yes' }])).toEqual([
      error('/blocks/0', 'missing required field: element'),
      error('/blocks/0/optional', 'must provide a boolean'),
    ]);
  });

  it('only lets elements into the blocks that can hold them', () => {
    expect(message({ type: 'actions', elements: [{ type: 'plain_text_input', action_id: 'a' }] })).toEqual([
      error('/blocks/0/elements/0/type', 'unsupported type: plain_text_input'),
    ]);
    expect(message({ type: 'context', elements: [button('b')] })).toEqual([
      error('/blocks/0/elements/0/type', 'unsupported type: button'),
    ]);
  });

  it('requires the parts of a video block', () => {
    expect(message({ type: 'video', title: plain('Demo'), video_url: 'https://v.example/1' })).toEqual([
      error('/blocks/0', 'missing required field: alt_text'),
      error('/blocks/0', 'missing required field: thumbnail_url'),
    ]);
  });

  it('accepts newer block types without checking them', () => {
    const table = { type: 'table', rows: [[{ type: 'raw_text', text: 'a' }]] };
    expect(message({ type: 'markdown', text: '**hi**' }, table, { type: 'card', title: plain('x') })).toEqual([]);
  });
});

// ---- text objects ---------------------------------------------------------------------------------

describe('text objects', () => {
  it('requires plain_text where Slack does', () => {
    expect(message({ type: 'header', text: mrkdwn('Hi') })).toEqual([
      error('/blocks/0/text/type', 'unsupported type: mrkdwn (expected plain_text)'),
    ]);
  });

  it('requires non-empty string text', () => {
    expect(message(section(''))).toEqual([error('/blocks/0/text/text', 'must be more than 0 characters')]);
    expect(message({ type: 'section', text: { type: 'mrkdwn', text: 3 } })).toEqual([
      error('/blocks/0/text/text', 'must provide a string'),
    ]);
    expect(message({ type: 'section', text: 'hello' })).toEqual([error('/blocks/0/text', 'must provide an object')]);
  });

  it('allows emoji only on plain_text and verbatim only on mrkdwn', () => {
    expect(message({ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } })).toEqual([
      error('/blocks/0/text/emoji', 'invalid additional property: emoji'),
    ]);
    expect(message({ type: 'section', text: { type: 'plain_text', text: 'x', verbatim: true } })).toEqual([
      error('/blocks/0/text/verbatim', 'invalid additional property: verbatim'),
    ]);
  });
});

// ---- elements -------------------------------------------------------------------------------------

describe('elements', () => {
  const select = (extra: Record<string, unknown>) => modal([input({ type: 'static_select', ...extra })]);

  it('requires initial_option to be one of the options', () => {
    expect(select({ options: [option('a'), option('b')], initial_option: option('c') })).toEqual([
      error('/blocks/0/element/initial_option', 'must exactly match one of the provided options'),
    ]);
    expect(select({ options: [option('a', 'A')], initial_option: option('a', 'Not A') })).toEqual([
      error('/blocks/0/element/initial_option', 'must exactly match one of the provided options'),
    ]);
  });

  it('requires initial_options to be a subset of the options', () => {
    const boxes = modal([
      input({ type: 'checkboxes', options: [option('a'), option('b')], initial_options: [option('b'), option('z')] }),
    ]);
    expect(boxes).toEqual([
      error('/blocks/0/element/initial_options/1', 'must exactly match one of the provided options'),
    ]);
  });

  it('requires exactly one of options and option_groups on static selects', () => {
    const expected = [error('/blocks/0/element', 'must provide exactly one of options or option_groups')];
    expect(select({})).toEqual(expected);
    const groups = [{ label: plain('G'), options: [option('b')] }];
    expect(select({ options: [option('a')], option_groups: groups })).toEqual(expected);
  });

  it('keeps select options plain_text but lets checkboxes use mrkdwn', () => {
    expect(select({ options: [{ text: mrkdwn('*a*'), value: 'a' }] })).toEqual([
      error('/blocks/0/element/options/0/text/type', 'unsupported type: mrkdwn (expected plain_text)'),
    ]);
  });

  it('restricts button style', () => {
    expect(message({ type: 'actions', elements: [button('b', { style: 'secondary' })] })).toEqual([
      error('/blocks/0/elements/0/style', 'must be one of: primary, danger'),
    ]);
  });

  it('requires every part of a confirm dialog', () => {
    const confirm = { title: plain('t'), text: plain('x'), confirm: plain('y') };
    expect(message({ type: 'actions', elements: [button('b', { confirm })] })).toEqual([
      error('/blocks/0/elements/0/confirm', 'missing required field: deny'),
    ]);
  });

  it.each([
    ['datepicker', 'initial_date', '2024-02-30', 'must be a valid date in the format YYYY-MM-DD'],
    ['datepicker', 'initial_date', '2024-2-3', 'must be a valid date in the format YYYY-MM-DD'],
    ['timepicker', 'initial_time', '24:00', 'must be a valid time in the format HH:mm'],
    ['timepicker', 'initial_time', '9:30', 'must be a valid time in the format HH:mm'],
    ['datetimepicker', 'initial_date_time', 1.5, 'must provide an integer'],
  ])('%s rejects %s %p', (type, key, value, msg) => {
    expect(modal([input({ type, [key]: value })])).toEqual([error(`/blocks/0/element/${key}`, msg)]);
  });

  it('checks only the shape of an external select\'s initial_option, as its options live on the app', () => {
    const external = { type: 'external_select', initial_option: option('anything'), min_query_length: 0 };
    expect(modal([input(external)])).toEqual([]);
    expect(modal([input({ type: 'multi_external_select', initial_options: [{ value: 'a' }] })])).toEqual([
      error('/blocks/0/element/initial_options/0', 'missing required field: text'),
    ]);
  });

  it.each([
    ['conversations_select filter', { type: 'conversations_select', filter: { include: ['dm'] } }, '/filter/include/0',
      'must be one of: im, mpim, private, public'],
    ['dispatch_action_config',
      { type: 'plain_text_input', dispatch_action_config: { trigger_actions_on: ['on_blur'] } },
      '/dispatch_action_config/trigger_actions_on/0', 'must be one of: on_enter_pressed, on_character_entered'],
    ['file_input max_files', { type: 'file_input', max_files: LIMITS.fileInputMaxFiles + 1 }, '/max_files',
      `must be at most ${LIMITS.fileInputMaxFiles}`],
    ['multi select max_selected_items', { type: 'multi_users_select', max_selected_items: 0 }, '/max_selected_items',
      'must be at least 1'],
  ])('rejects a bad %s', (_, element, pointer, msg) => {
    expect(modal([input(element)])).toEqual([error(`/blocks/0/element${pointer}`, msg)]);
  });

  it('requires min_length to be at most max_length on plain_text_input', () => {
    expect(modal([input({ type: 'plain_text_input', min_length: 10, max_length: 5 })])).toEqual([
      error('/blocks/0/element/min_length', 'must be less than or equal to max_length'),
    ]);
  });

  describe('number_input', () => {
    const numberInput = (extra: Record<string, unknown>) => modal([input({ type: 'number_input', ...extra })]);

    it('requires is_decimal_allowed', () => {
      expect(numberInput({})).toEqual([error('/blocks/0/element', 'missing required field: is_decimal_allowed')]);
    });

    it('takes its numbers as strings, integers unless decimals are allowed', () => {
      expect(numberInput({ is_decimal_allowed: true, initial_value: '2.5' })).toEqual([]);
      expect(numberInput({ is_decimal_allowed: false, initial_value: '2.5' })).toEqual([
        error('/blocks/0/element/initial_value', 'must be an integer, as is_decimal_allowed is false'),
      ]);
      expect(numberInput({ is_decimal_allowed: true, min_value: 1 })).toEqual([
        error('/blocks/0/element/min_value', 'must provide a string'),
      ]);
    });

    it('keeps min <= initial <= max', () => {
      expect(numberInput({ is_decimal_allowed: false, min_value: '5', max_value: '1' })).toEqual([
        error('/blocks/0/element/min_value', 'must be less than or equal to max_value'),
      ]);
      expect(numberInput({ is_decimal_allowed: false, min_value: '1', max_value: '5', initial_value: '6' })).toEqual([
        error('/blocks/0/element/initial_value', 'must be between min_value and max_value'),
      ]);
    });
  });
});

// ---- untrusted input ------------------------------------------------------------------------------

describe('untrusted input', () => {
  const junk: unknown[] = [null, undefined, 0, 'x', true, [], {}, [null], { type: null }, { text: {} }];

  it.each(junk)('validateView reports rather than throws on %p', (value) => {
    expect(validateView(value).length).toBeGreaterThan(0);
  });

  it.each(junk)('validateMessage reports rather than throws on %p', (value) => {
    expect(validateMessage(value as Parameters<typeof validateMessage>[0]).length).toBeGreaterThan(0);
  });

  it.each(junk)('validateMessage reports rather than throws on a block of %p', (value) => {
    expect(message(value).length).toBeGreaterThan(0);
  });

  /** Every path in the valid payloads, each replaced in turn by each junk value. */
  function* mutations(root: unknown): Generator<unknown> {
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      if (path.length > 0) paths.push(path);
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]));
      else if (typeof node === 'object' && node !== null) {
        for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
      }
    };
    walk(root, []);
    for (const path of paths) {
      for (const value of junk) {
        const copy: unknown = structuredClone(root);
        let parent = copy as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1] as string | number] = value;
        yield copy;
      }
    }
  }

  it('never throws when any field of a real payload is replaced by junk', () => {
    for (const payload of mutations(goalModal)) expect(() => validateView(payload)).not.toThrow();
    for (const payload of mutations(homeView)) expect(() => validateView(payload)).not.toThrow();
    for (const payload of mutations(checkInMessage)) {
      expect(() => validateMessage(payload as Parameters<typeof validateMessage>[0])).not.toThrow();
    }
  });

  it('reports a view that cannot be serialised instead of throwing', () => {
    const view: Record<string, unknown> = { type: 'home', blocks: [] };
    view['self'] = view;
    expect(validateView(view)).toEqual([error('', 'must be serialisable as JSON')]);
  });
});
