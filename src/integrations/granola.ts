import { z } from 'zod';
import { callTool } from './http';
import type { IncomingTranscript, TranscriptPoller } from './types';

const errorBody = z.object({ message: z.string().optional(), error: z.string().optional() });
const attendee = z.object({ name: z.string().nullable().optional(), email: z.string().nullable().optional() });
const listPage = z.object({
  notes: z.array(z.object({ id: z.string(), updated_at: z.string() })),
  hasMore: z.boolean(),
  cursor: z.string().nullable().optional(),
});
const note = z.object({
  id: z.string(),
  title: z.string().nullable(),
  created_at: z.string(),
  calendar_event: z.object({ scheduled_start_time: z.string().nullable().optional() }).nullable().optional(),
  attendees: z.array(attendee).default([]),
  transcript: z
    .array(z.object({ speaker: z.object({ name: z.string().nullable().optional(), source: z.string().optional() }).nullable().optional(), text: z.string(), start_time: z.string().nullable().optional() }))
    .nullable()
    .optional(),
});

/** Granola-style notes: `GET notes?updated_after=…&cursor=…`, then each note with its transcript. */
export function granolaPoller(opts: { baseUrl: string; apiKey: string; timeoutMs: number }): TranscriptPoller {
  const get = <T>(path: string, schema: z.ZodType<T>) =>
    callTool({
      tool: 'Granola',
      url: new URL(path, opts.baseUrl).toString(),
      method: 'GET',
      headers: { authorization: `Bearer ${opts.apiKey}` },
      schema,
      timeoutMs: opts.timeoutMs,
      errorMessage: (raw) => {
        const body = errorBody.safeParse(raw).data;
        return body?.message ?? body?.error;
      },
      write: false,
    });
  return {
    async check() {
      await get('notes?page_size=1', listPage);
    },
    async updatedAfter(since) {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await get(`notes?updated_after=${encodeURIComponent(since.toISOString())}&page_size=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, listPage);
        ids.push(...page.notes.map((n) => n.id));
        cursor = page.hasMore ? (page.cursor ?? undefined) : undefined;
      } while (cursor);
      const out: IncomingTranscript[] = [];
      for (const id of ids) {
        const full = await get(`notes/${encodeURIComponent(id)}?include=transcript`, note);
        const started = full.calendar_event?.scheduled_start_time ?? full.created_at;
        const metAt = new Date(started);
        out.push({
          externalId: full.id,
          title: full.title ?? 'Meeting',
          metAt,
          attendeeEmails: full.attendees.flatMap((a) => (a.email ? [a.email] : [])),
          segments: (full.transcript ?? []).map((entry) => ({
            speaker: entry.speaker?.name ?? null,
            text: entry.text,
            startSeconds: entry.start_time ? Math.max(0, Math.round((Date.parse(entry.start_time) - metAt.getTime()) / 1000)) : null,
          })),
        });
      }
      return out;
    },
  };
}
