import { setTimeout as delay } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { isTranscriptFileName, TRANSCRIPT_MAX_BYTES, type UploadedTranscript } from '../domain/transcript';

/**
 * How long the bot waits for files.info and then for the file's bytes: the form's answer to Slack
 * must come within 3 seconds, and the listener's client would otherwise retry for much longer.
 */
const INFO_TIMEOUT_MS = 1000;
const DOWNLOAD_TIMEOUT_MS = 1500;

/** Slack's files.info answer, or undefined when it did not come in time. */
async function fileInfoWithin(client: WebClient, fileId: string): Promise<unknown> {
  const timer = new AbortController();
  const info = client.files.info({ file: fileId });
  // A call still retrying when the time is up goes on unheard: the form has answered by then.
  info.catch(() => undefined);
  try {
    return await Promise.race([info, delay(INFO_TIMEOUT_MS, undefined, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}

const fileInfo = z.object({ file: z.object({ name: z.string(), size: z.number(), user: z.string().optional(), url_private_download: z.string().optional(), url_private: z.string() }) });

/** Slack's answer when the token does not reach the file: an error code, not an exception to report. */
const slackError = (error: unknown): string | undefined => (error as { data?: { error?: unknown } } | undefined)?.data?.error as string | undefined;

/**
 * A transcript file someone put in a form's file_input: looked up with files.info, then downloaded
 * from url_private with the bot token (needs files:read). Refused before downloading when its name
 * or size already says no; what comes back must be the file, not Slack's sign-in page. Only a file
 * the person submitting uploaded is read: the bot may see others' files too.
 */
export async function readUploadedTranscript(client: WebClient, fileId: string, uploader: string): Promise<UploadedTranscript> {
  let info: z.infer<typeof fileInfo>;
  try {
    const parsed = fileInfo.safeParse(await fileInfoWithin(client, fileId));
    if (!parsed.success) return { ok: false, problem: 'unreadable' };
    info = parsed.data;
  } catch (error) {
    const code = slackError(error);
    if (code === 'file_not_found' || code === 'file_deleted') return { ok: false, problem: 'not_found' };
    // An install from before Cadence read files lacks the scope until an admin reinstalls the app.
    if (code === 'missing_scope' || code === 'no_permission') return { ok: false, problem: 'not_allowed' };
    throw error;
  }
  const { file } = info;
  if (file.user !== uploader) return { ok: false, problem: 'not_found' };
  if (!isTranscriptFileName(file.name)) return { ok: false, problem: 'wrong_type' };
  if (file.size > TRANSCRIPT_MAX_BYTES) return { ok: false, problem: 'too_large' };
  const response = await fetch(file.url_private_download ?? file.url_private, {
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  }).catch(() => undefined);
  if (!response?.ok || (response.headers.get('content-type') ?? '').startsWith('text/html')) return { ok: false, problem: 'unreadable' };
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > TRANSCRIPT_MAX_BYTES) return { ok: false, problem: 'too_large' };
  // Bytes that are not UTF-8 become U+FFFD, which the transcript reader calls binary.
  return { ok: true, name: file.name, text: new TextDecoder('utf-8').decode(bytes) };
}
