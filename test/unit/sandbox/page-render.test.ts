import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseDuration } from '../../../sandbox/web/duration';
import { blocksHtml } from '../../../sandbox/web/render/blocks';
import type { RenderContext } from '../../../sandbox/web/render/elements';
import { mrkdwnToHtml } from '../../../sandbox/web/render/mrkdwn';
import { conversationHtml, modalHtml, peopleHtml, type PersonCard } from '../../../sandbox/web/render/page';
import type { SlackMessage, SlackView } from '../../../sandbox';

const ctx: RenderContext = {
  people: [
    { id: 'U0ALEX', name: 'Alex Morgan' },
    { id: 'U0PRIYA', name: 'Priya Raman' },
  ],
  userName: (id) => (id === 'U0ALEX' ? 'Alex Morgan' : undefined),
};

const plain = (text: string) => ({ type: 'plain_text', text });
const options = (...values: string[]) => values.map((v) => ({ text: plain(v.toUpperCase()), value: v }));

describe('mrkdwn', () => {
  it.each([
    ['*bold* and _italic_ and ~gone~', '<strong>bold</strong> and <em>italic</em> and <del>gone</del>'],
    ['see `/goal list`', 'see <code>/goal list</code>'],
    ['<https://example.com/a?b=1&amp;c=2|the docs>', '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>'],
    ['hi <@U0ALEX>, <@U0NOBODY>', 'hi <span class="mention">@Alex Morgan</span>, <span class="mention">@U0NOBODY</span>'],
    ['&gt; quoted\nafter', '<blockquote>quoted</blockquote>after'],
    [':dart: :no_such_emoji:', '🎯 :no_such_emoji:'],
    [':bar_chart: :incoming_envelope:', '📊 📨'],
    ['a\nb', 'a<br>b'],
  ])('renders %j', (input, html) => {
    expect(mrkdwnToHtml(input, ctx)).toBe(html);
  });

  it.each([
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<javascript:alert(1)|click>', '&lt;javascript:alert(1)|click&gt;'],
    ['"quoted" \'single\'', '&quot;quoted&quot; &#39;single&#39;'],
    ['`<b>code</b>`', '<code>&lt;b&gt;code&lt;/b&gt;</code>'],
  ])('never lets text become markup: %j', (input, html) => {
    expect(mrkdwnToHtml(input, ctx)).toBe(html);
  });
});

describe('emoji', () => {
  /** Every `:code:` in Cadence's own source, where its messages are written. */
  function codesCadenceWrites(dir = join(__dirname, '../../../src')): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return codesCadenceWrites(path);
      if (!entry.name.endsWith('.ts')) return [];
      return [...readFileSync(path, 'utf8').matchAll(/:[a-z][a-z0-9_+-]*:/g)].map((m) => m[0]);
    });
  }

  it('draws every emoji code Cadence writes as the emoji, as Slack does', () => {
    const codes = [...new Set(codesCadenceWrites())];
    expect(codes).toContain(':bar_chart:');
    const raw = codes.filter((code) => mrkdwnToHtml(code, ctx) === code);
    expect(raw).toEqual([]);
  });
});

describe('the conversation', () => {
  const me: PersonCard = { id: 'U0ALEX', name: 'Alex Morgan', handle: 'alex', email: 'alex@acme.example', title: 'Engineer', role: 'Employee', tz: 'Europe/London' };
  const message = (ts: string, user: string, text: string, threadTs?: string): SlackMessage => ({
    type: 'message', ts, channel: 'D0ALEX', user, team: 'T1', text, ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  const render = (messages: SlackMessage[]) =>
    conversationHtml({ messages, ephemerals: [], botUserId: 'U0BOT', me, tz: 'Europe/London', today: DateTime.fromSeconds(1_800_000_100), ctx });

  it("shows a thread's replies under its first message, which offers a reply in thread", () => {
    const html = render([
      message('1800000000.000001', 'U0BOT', 'Time for your check-in'),
      message('1800000001.000001', 'U0BOT', 'Something else'),
      message('1800000002.000001', 'U0ALEX', 'Shipped the thing', '1800000000.000001'),
      message('1800000003.000001', 'U0BOT', 'Noted for this week', '1800000000.000001'),
    ]);
    const nudge = html.indexOf('Time for your check-in');
    const thread = html.indexOf('class="thread"');
    expect(nudge).toBeGreaterThan(-1);
    expect(html.slice(thread)).toContain('2 replies');
    expect(html.indexOf('Shipped the thing')).toBeGreaterThan(thread);
    expect(html.indexOf('Noted for this week')).toBeGreaterThan(html.indexOf('Shipped the thing'));
    // The replies sit in the nudge's thread, after it, not after the later top-level message.
    expect(html.indexOf('Something else')).toBeGreaterThan(html.indexOf('Noted for this week'));
    expect(html).toContain('data-reply="1800000000.000001"');
    expect(html).toContain('data-reply="1800000001.000001"');
    expect(html).not.toContain('data-reply="1800000002.000001"');
  });

  it("draws the person's own mentions and emoji as Slack does", () => {
    const html = render([message('1800000000.000001', 'U0ALEX', 'ask <@U0ALEX> :tada: &lt;b&gt;')]);
    expect(html).toContain('<span class="mention">@Alex Morgan</span> 🎉 &lt;b&gt;');
  });
});

describe('the people', () => {
  it("shows each person's email, which the CSV import asks for", () => {
    const me: PersonCard = { id: 'U0ALEX', name: 'Alex Morgan', handle: 'alex', email: 'alex@acme.example', title: 'Engineer', role: 'Employee', tz: 'Europe/London' };
    expect(peopleHtml([me], 'U0ALEX', DateTime.now())).toContain('<span class="person-email">alex@acme.example</span>');
  });
});

describe('blocks', () => {
  it('renders layout blocks: header, section with fields and accessory, context, divider, image as a link', () => {
    const html = blocksHtml(
      [
        { type: 'header', block_id: 'h', text: plain('Weekly check-in') },
        {
          type: 'section',
          block_id: 's',
          text: { type: 'mrkdwn', text: '*Due* Friday' },
          fields: [plain('Owner'), { type: 'mrkdwn', text: '<@U0ALEX>' }],
          accessory: { type: 'button', action_id: 'open', text: plain('Open'), style: 'primary', value: 'x' },
        },
        { type: 'context', block_id: 'c', elements: [{ type: 'mrkdwn', text: 'Only you' }, { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'icon' }] },
        { type: 'divider', block_id: 'd' },
        { type: 'image', block_id: 'i', image_url: 'https://example.com/chart.png', alt_text: 'Progress chart' },
        { type: 'mystery', block_id: 'm' },
      ],
      { ctx },
    );
    expect(html).toContain('<h3 class="blk header">Weekly check-in</h3>');
    expect(html).toContain('<div class="fields"><div>Owner</div><div><span class="mention">@Alex Morgan</span></div></div>');
    expect(html).toContain('class="control act btn btn-primary"');
    expect(html).toContain('data-block-id="s" data-action-id="open"');
    expect(html).toContain('<a class="image-link" href="https://example.com/chart.png" target="_blank" rel="noopener noreferrer">🖼 Progress chart</a>');
    expect(html).not.toContain('<img');
    expect(html).toContain('mystery block');
  });

  it('renders actions with buttons, selects and an overflow menu, each with its ids', () => {
    const html = blocksHtml(
      [
        {
          type: 'actions',
          block_id: 'a',
          elements: [
            { type: 'button', action_id: 'snooze', text: plain('Snooze'), confirm: { title: plain('Sure?'), text: plain('Snooze a day'), confirm: plain('Yes'), deny: plain('No') } },
            { type: 'static_select', action_id: 'pick', placeholder: plain('Pick'), options: options('a', 'b') },
            { type: 'overflow', action_id: 'more', options: options('skip', 'pause') },
          ],
        },
      ],
      { ctx },
    );
    expect(html).toContain('data-confirm="Sure?\n\nSnooze a day"');
    expect(html).toMatch(/<select data-el="static_select" data-block-id="a" data-action-id="pick" class="control act"[^>]*><option value="" selected>Pick<\/option><option value="a">A<\/option>/);
    expect(html).toContain('data-el="overflow"');
  });

  it('renders every input element as a form control, with initial values, hints and errors', () => {
    const input = (blockId: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      type: 'input',
      block_id: blockId,
      label: plain(blockId),
      element: { action_id: 'v', ...element },
      ...extra,
    });
    const html = blocksHtml(
      [
        input('title', { type: 'plain_text_input', max_length: 150, initial_value: 'Hi' }),
        input('notes', { type: 'plain_text_input', multiline: true }, { optional: true, hint: plain('Say why') }),
        input('score', { type: 'number_input', is_decimal_allowed: true }),
        input('due', { type: 'datepicker', initial_date: '2026-12-01' }),
        input('at', { type: 'timepicker', initial_time: '15:00' }),
        input('kind', { type: 'static_select', options: options('a', 'b'), initial_option: { text: plain('B'), value: 'b' } }),
        input('tags', { type: 'multi_static_select', options: options('x', 'y'), initial_options: [{ text: plain('Y'), value: 'y' }] }),
        input('who', { type: 'users_select', initial_user: 'U0PRIYA' }),
        input('peers', { type: 'multi_users_select' }),
        input('flags', { type: 'checkboxes', options: options('c1', 'c2'), initial_options: [{ text: plain('C1'), value: 'c1' }] }),
        input('mood', { type: 'radio_buttons', options: options('good', 'bad') }),
      ],
      { ctx, errors: { title: 'Give your goal a title.' } },
    );
    expect(html).toContain('<input data-el="plain_text_input" data-block-id="title" data-action-id="v" class="control" maxlength="150" aria-label="title" type="text" value="Hi">');
    expect(html).toContain('<div class="error" role="alert">Give your goal a title.</div>');
    expect(html).toContain('class="blk input field has-error"');
    expect(html).toContain('<textarea data-el="plain_text_input"');
    expect(html).toContain('<span class="optional">(optional)</span>');
    expect(html).toContain('<div class="hint">Say why</div>');
    expect(html).toContain('inputmode="decimal"');
    expect(html).toContain('type="date" value="2026-12-01"');
    expect(html).toContain('type="time" value="15:00"');
    expect(html).toContain('<option value="b" selected>B</option>');
    expect(html).toMatch(/data-el="multi_static_select"[^>]* multiple size="4"/);
    expect(html).toContain('<option value="y" selected>Y</option>');
    expect(html).toContain('<option value="U0PRIYA" selected>Priya Raman</option>');
    expect(html).toMatch(/data-el="multi_users_select"[^>]*><option value="U0ALEX">Alex Morgan<\/option>/);
    expect(html).toContain('type="checkbox" name="flags__v" value="c1" checked');
    expect(html).toContain('type="radio" name="mood__v" value="good"');
  });
});

describe('the modal', () => {
  const view = (id: string, hash: string, title: string): SlackView =>
    ({ id, hash, title: plain(title), submit: plain('Save'), close: plain('Cancel'), blocks: [], type: 'modal' }) as unknown as SlackView;

  it('shows the top of the stack with a way back, and a key that changes with the view or its feedback', () => {
    const stack = [view('V1', 'h1', 'First'), view('V2', 'h1', 'Second')];
    const region = modalHtml(stack, undefined, ctx)!;
    expect(region.html).toContain('<h2 id="modal-title">Second</h2>');
    expect(region.html).toContain('aria-label="Back"');
    expect(region.viewId).toBe('V2');
    const withBanner = modalHtml(stack, { errors: {}, banner: 'We had some trouble connecting.' }, ctx)!;
    expect(withBanner.key).not.toBe(region.key);
    expect(withBanner.html).toContain('We had some trouble connecting.');
    expect(modalHtml([], undefined, ctx)).toBeNull();
  });
});

describe('parseDuration', () => {
  it.each([
    ['1h', 3_600_000],
    ['3d 4h', 3 * 86_400_000 + 4 * 3_600_000],
    ['1w2d', 9 * 86_400_000],
    ['45m', 2_700_000],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '-1d', '1y', '0m', '400d', '1d; drop table'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});
