import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { callTool, ToolRefusedError } from './http';
import type { IncomingTranscript, TranscriptFetcher } from './types';

const graphqlErrors = z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() }));
const answer = <T extends z.ZodType>(data: T) => z.object({ data: data.nullable().optional(), errors: graphqlErrors.optional() });
const transcript = z.object({
  id: z.string(),
  title: z.string().nullable(),
  /** Milliseconds since the epoch. */
  date: z.number(),
  meeting_attendees: z.array(z.object({ email: z.string().nullable() })).nullable(),
  sentences: z.array(z.object({ speaker_name: z.string().nullable(), text: z.string(), start_time: z.number().nullable() })).nullable(),
});

/** The body of Fireflies' webhook: the current `meeting.transcribed` event and the older form. */
export const firefliesWebhookBody = z.union([
  z.object({ event: z.literal('meeting.transcribed'), meeting_id: z.string().min(1) }).transform((b) => ({ meetingId: b.meeting_id })),
  z.object({ eventType: z.literal('Transcription completed'), meetingId: z.string().min(1) }).transform((b) => ({ meetingId: b.meetingId })),
]);

/** Fireflies signs the raw body with the webhook secret: HMAC-SHA256, hex, in `x-hub-signature`. */
export function verifyFirefliesSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const given = Buffer.from(header.replace(/^sha256=/, ''), 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function firefliesFetcher(opts: { baseUrl: string; apiKey: string; timeoutMs: number }): TranscriptFetcher {
  const query = async <T>(text: string, variables: Record<string, unknown>, data: z.ZodType<T>) => {
    const body = await callTool({
      tool: 'Fireflies',
      url: opts.baseUrl,
      method: 'POST',
      headers: { authorization: `Bearer ${opts.apiKey}` },
      body: JSON.stringify({ query: text, variables }),
      schema: answer(data),
      timeoutMs: opts.timeoutMs,
      errorMessage: (raw) => answer(z.unknown()).safeParse(raw).data?.errors?.[0]?.message,
      write: false,
    });
    return body;
  };
  return {
    async check() {
      const body = await query('query { user { email } }', {}, z.object({ user: z.object({ email: z.string().nullable() }).nullable() }));
      if (body.errors?.length) throw new ToolRefusedError('auth', `Fireflies said: ${body.errors[0]!.message}`);
    },
    async fetch(meetingId): Promise<IncomingTranscript | undefined> {
      const body = await query(
        'query Transcript($id: String!) { transcript(id: $id) { id title date meeting_attendees { email } sentences { speaker_name text start_time } } }',
        { id: meetingId },
        z.object({ transcript: transcript.nullable() }),
      );
      const error = body.errors?.[0];
      if (error && error.extensions?.code !== 'object_not_found') throw new ToolRefusedError('rejected', `Fireflies said: ${error.message}`);
      const found = body.data?.transcript;
      if (!found) return undefined;
      return {
        externalId: found.id,
        title: found.title ?? 'Meeting',
        metAt: new Date(found.date),
        attendeeEmails: (found.meeting_attendees ?? []).flatMap((a) => (a.email ? [a.email] : [])),
        segments: (found.sentences ?? []).map((s) => ({ speaker: s.speaker_name, text: s.text, startSeconds: s.start_time })),
      };
    },
  };
}
