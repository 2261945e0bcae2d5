/** One passage of a transcript: who spoke, what they said, and when (seconds into the meeting). */
export interface TranscriptSegment {
  speaker: string | null;
  text: string;
  startSeconds: number | null;
}

/** Larger than any hour-long meeting's transcript (about 10,000 words is 60 KB), small enough for Postgres and a model. */
export const TRANSCRIPT_MAX_BYTES = 512 * 1024;

export type TranscriptProblem = 'empty' | 'binary' | 'too_large';

export const TRANSCRIPT_PROBLEMS: Record<TranscriptProblem, string> = {
  empty: 'The transcript has no text in it.',
  binary: 'That is not a text transcript: paste text, or a VTT or SRT file.',
  too_large: `The transcript is over ${TRANSCRIPT_MAX_BYTES / 1024} KB: cut it to the conversation itself.`,
};

const TIMING = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})\s*-->\s*\S+/;
const VOICE = /^<v(?:\.[^\s>]+)*\s+([^>]+)>(.*?)(?:<\/v>)?$/;
const SPEAKER = /^([A-Z][\p{L}'.-]*(?: [\p{L}'.-]+){0,3}):\s+(.+)$/u;

/** Control characters other than tab, newline and carriage return, and U+FFFD from bad UTF-8. */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/g;

function speakerOf(line: string): { speaker: string | null; text: string } {
  const voice = VOICE.exec(line);
  if (voice) return { speaker: voice[1]!.trim(), text: voice[2]!.replace(/<[^>]+>/g, '').trim() };
  const named = SPEAKER.exec(line);
  if (named) return { speaker: named[1]!, text: named[2]!.trim() };
  return { speaker: null, text: line.replace(/<[^>]+>/g, '').trim() };
}

/**
 * Text, WebVTT or SRT into passages. Cue numbers, headers and styling are dropped; a cue's timing
 * becomes the passage's start; "Name: words" and VTT's `<v Name>` give the speaker.
 */
export function parseTranscript(raw: string): { ok: true; segments: TranscriptSegment[] } | { ok: false; problem: TranscriptProblem } {
  if (Buffer.byteLength(raw, 'utf8') > TRANSCRIPT_MAX_BYTES) return { ok: false, problem: 'too_large' };
  const strange = raw.match(NOT_TEXT)?.length ?? 0;
  if (raw.includes('\u0000') || strange > Math.max(2, raw.length / 1000)) return { ok: false, problem: 'binary' };
  const segments: TranscriptSegment[] = [];
  let start: number | null = null;
  let inNote = false;
  for (const rawLine of raw.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') {
      inNote = false;
      start = null;
      continue;
    }
    if (inNote || line === 'WEBVTT' || line.startsWith('WEBVTT ')) continue;
    if (/^(NOTE|STYLE|REGION)\b/.test(line)) {
      inNote = true;
      continue;
    }
    const timing = TIMING.exec(line);
    if (timing) {
      start = Number(timing[1] ?? 0) * 3600 + Number(timing[2]) * 60 + Number(timing[3]);
      continue;
    }
    // A cue number (SRT always, VTT optionally) sits alone on the line before the timing.
    if (/^\d+$/.test(line)) continue;
    const { speaker, text } = speakerOf(line);
    if (text === '') continue;
    const last = segments.at(-1);
    // Lines of one cue by one speaker are one passage.
    if (last && start !== null && last.startSeconds === start && last.speaker === speaker) last.text = `${last.text} ${text}`;
    else segments.push({ speaker, text, startSeconds: start });
  }
  return segments.length === 0 ? { ok: false, problem: 'empty' } : { ok: true, segments };
}

/** A review conversation a transcript could belong to. */
export interface ConversationCandidate {
  participantId: string;
  conversationAt: Date;
  emails: readonly string[];
}

/** How far from the booked time a recorded meeting still counts as that conversation. */
export const MATCH_WINDOW_MS = 12 * 60 * 60 * 1000;

/**
 * The conversation a meeting was: both its people among the attendees, booked within twelve hours
 * of when the meeting took place; the nearest in time when there are several.
 */
export function matchConversation(metAt: Date, attendeeEmails: readonly string[], candidates: readonly ConversationCandidate[]): ConversationCandidate | undefined {
  const attendees = new Set(attendeeEmails.map((email) => email.trim().toLowerCase()));
  const distance = (c: ConversationCandidate) => Math.abs(c.conversationAt.getTime() - metAt.getTime());
  return candidates
    .filter((c) => c.emails.length >= 2 && c.emails.every((email) => attendees.has(email.toLowerCase())) && distance(c) <= MATCH_WINDOW_MS)
    .sort((a, b) => distance(a) - distance(b))[0];
}
