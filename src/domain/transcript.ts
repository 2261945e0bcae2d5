/**
 * A meeting transcript however it arrives (pasted, uploaded as a file, fetched from a note-taker
 * such as Fireflies or Granola): checked, read into segments, then numbered into the passages a
 * summary cites. The one reader for every source, so each is held to the same limits.
 */

/** One stretch of speech: who spoke, what they said, and when (seconds into the meeting). */
export interface TranscriptSegment {
  speaker: string | null;
  text: string;
  startSeconds: number | null;
}

/** A segment numbered for citing: 1-based, in the order spoken. */
export interface Passage {
  n: number;
  speaker: string | null;
  text: string;
}

/** Larger than any hour-long meeting's transcript (about 10,000 words is 60 KB), small enough for Postgres and a model. */
export const TRANSCRIPT_MAX_BYTES = 512 * 1024;
/** At most this many passages, so a summary's prompt stays a sensible size. */
export const TRANSCRIPT_MAX_PASSAGES = 400;

export type TranscriptProblem = 'empty' | 'binary' | 'too_large' | 'too_long';

export const TRANSCRIPT_PROBLEMS: Record<TranscriptProblem, string> = {
  empty: 'The transcript has no text in it.',
  binary: 'That is not a text transcript: paste text, or a VTT or SRT file.',
  too_large: `The transcript is over ${TRANSCRIPT_MAX_BYTES / 1024} KB: cut it to the conversation itself.`,
  too_long: `The transcript has more than ${TRANSCRIPT_MAX_PASSAGES} turns of speech: cut it to the conversation itself.`,
};

export type TranscriptReading<T> = { ok: true; value: T } | { ok: false; problem: TranscriptProblem };

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

/** Too big, or not text at all: a stray control character passes (exports carry them), a NUL or many do not. */
function problemOfText(raw: string): TranscriptProblem | undefined {
  if (Buffer.byteLength(raw, 'utf8') > TRANSCRIPT_MAX_BYTES) return 'too_large';
  const strange = raw.match(NOT_TEXT)?.length ?? 0;
  if (raw.includes('\u0000') || strange > Math.max(2, raw.length / 1000)) return 'binary';
  return undefined;
}

/**
 * Text, WebVTT or SRT into segments. Cue numbers, headers and styling are dropped; a cue's timing
 * becomes the segment's start; "Name: words" and VTT's `<v Name>` give the speaker.
 */
export function parseTranscript(raw: string): TranscriptReading<TranscriptSegment[]> {
  const problem = problemOfText(raw);
  if (problem) return { ok: false, problem };
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
    // Lines of one cue by one speaker are one segment.
    if (last && start !== null && last.startSeconds === start && last.speaker === speaker) last.text = `${last.text} ${text}`;
    else segments.push({ speaker, text, startSeconds: start });
  }
  return segments.length === 0 ? { ok: false, problem: 'empty' } : { ok: true, value: segments };
}

/** Segments that arrived already split (a tool's sentences or entries), held to the same rules as text. */
export function checkSegments(segments: readonly TranscriptSegment[]): TranscriptReading<TranscriptSegment[]> {
  const kept = segments.flatMap((s) => (s.text.trim() === '' ? [] : [{ speaker: s.speaker?.trim() || null, text: s.text.trim(), startSeconds: s.startSeconds }]));
  if (kept.length === 0) return { ok: false, problem: 'empty' };
  const problem = problemOfText(transcriptText(kept));
  return problem ? { ok: false, problem } : { ok: true, value: kept };
}

/** Segments as "Speaker: words" lines: the raw transcript a tool's segments are kept as. */
export function transcriptText(segments: readonly TranscriptSegment[]): string {
  return segments.map((s) => (s.speaker ? `${s.speaker}: ${s.text}` : s.text)).join('\n');
}

/**
 * Segments numbered into passages. Tools send a segment per sentence, so a long meeting is first
 * joined into turns (one speaker's consecutive words) before it counts as too long.
 */
export function passagesOf(segments: readonly TranscriptSegment[]): TranscriptReading<Passage[]> {
  let parts: Array<{ speaker: string | null; text: string }> = [...segments];
  if (parts.length > TRANSCRIPT_MAX_PASSAGES) {
    parts = [];
    for (const s of segments) {
      const last = parts.at(-1);
      if (last && s.speaker !== null && last.speaker === s.speaker) last.text = `${last.text} ${s.text}`;
      else parts.push({ speaker: s.speaker, text: s.text });
    }
  }
  if (parts.length > TRANSCRIPT_MAX_PASSAGES) return { ok: false, problem: 'too_long' };
  return { ok: true, value: parts.map((p, i) => ({ n: i + 1, speaker: p.speaker, text: p.text })) };
}

/** What was pasted or uploaded, read all the way to passages. */
export function readTranscript(raw: string): TranscriptReading<Passage[]> {
  const parsed = parseTranscript(raw);
  return parsed.ok ? passagesOf(parsed.value) : parsed;
}

/** The file types a transcript may be uploaded as: what note-takers export. */
export const UPLOAD_FILE_TYPES = ['txt', 'vtt', 'srt'] as const;

export type UploadProblem = 'not_found' | 'not_allowed' | 'wrong_type' | 'too_large' | 'unreadable';

/** A file the person uploaded with the form, as the chat platform handed it over (or why it could not). */
export type UploadedTranscript = { ok: true; name: string; text: string } | { ok: false; problem: UploadProblem };

export const UPLOAD_PROBLEMS: Record<UploadProblem, string> = {
  not_found: 'Cadence could not find that file any more. Upload it again.',
  not_allowed: 'Cadence may not read files in this workspace yet (its Slack app needs the files:read scope): paste the transcript instead.',
  wrong_type: 'Upload the transcript as a .txt, .vtt or .srt file.',
  too_large: TRANSCRIPT_PROBLEMS.too_large,
  unreadable: 'Cadence could not read that file. Upload it again, or paste the transcript.',
};

/** Whether a file's name says it is one of the types a transcript may be uploaded as. */
export function isTranscriptFileName(name: string): boolean {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension !== undefined && (UPLOAD_FILE_TYPES as readonly string[]).includes(extension);
}
