import { slackPages } from '../../../src/slack/pages';

/** A method with three pages, recording the cursors it was asked for. */
function threePages() {
  const asked: Array<string | undefined> = [];
  const next: Record<string, string> = { first: 'c2', c2: 'c3', c3: '' };
  const fetch = async (cursor: string | undefined) => {
    asked.push(cursor);
    const at = cursor ?? 'first';
    return { items: [at], response_metadata: { next_cursor: next[at] } };
  };
  return { asked, fetch };
}

describe('slackPages', () => {
  it('follows next_cursor from the first page until Slack sends an empty one', async () => {
    const { asked, fetch } = threePages();
    const items: string[] = [];
    for await (const page of slackPages(fetch)) items.push(...page.items);
    expect(items).toEqual(['first', 'c2', 'c3']);
    expect(asked).toEqual([undefined, 'c2', 'c3']);
  });

  it('asks for no further page once the caller has what it wanted', async () => {
    const { asked, fetch } = threePages();
    for await (const page of slackPages(fetch)) if (page.items.includes('c2')) break;
    expect(asked).toEqual([undefined, 'c2']);
  });
});
