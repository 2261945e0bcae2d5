/** A page of a Slack method that paginates by cursor. */
interface CursorPage {
  response_metadata?: { next_cursor?: string };
}

/** Every page of a cursor-paginated Slack method, in order: `fetch` asks for the page at a cursor (none for the first). */
export async function* slackPages<P extends CursorPage>(fetch: (cursor: string | undefined) => Promise<P>): AsyncGenerator<P> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    yield page;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
}
