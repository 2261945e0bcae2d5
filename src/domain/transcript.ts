/**
 * A meeting transcript as pasted or exported by a note-taker (Otter, Fireflies, Granola: plain
 * "Speaker: words" lines, or WebVTT): checked, then cut into numbered passages a summary cites.
 */

/** The most a transcript may hold, in characters: a long conversation, well short of a database problem. */
export const TRANSCRIPT_MAX_CHARS = 100_000;
/** At most this many passages, so a summary's prompt stays a sensible size. */
export const TRANSCRIPT_MAX_PASSAGES = 400;

export interface Passage {
  /** 1-based, in the order spoken: what a summary point cites. */
  n: number;
  speaker: string | null;
  text: string;
}

export type TranscriptCheck = { ok: true; passages: Passage[] } | { ok: false; error: string };

/** Text that is not text: NUL and other control characters (tab, newlines and form feed aside), or bytes that did not decode. */
function binary(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d)) return true;
  }
  return false;
}
const VTT_TIMING = /^\s*(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s+-->\s+(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}/;
const SPEAKER_LINE = /^([^:]{1,60}?):\s+(.+)$/;
const VTT_VOICE = /^<v(?:\.[^\s>]+)*\s+([^>]{1,60})>(.*?)(?:<\/v>)?$/;

/** Cue blocks of a WebVTT file as "Speaker: words" lines: timings, cue ids, NOTE and STYLE blocks left out. */
function fromVtt(text: string): string[] {
  const lines: string[] = [];
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const rows = block.split(/\r?\n/);
    const timing = rows.findIndex((row) => VTT_TIMING.test(row));
    if (timing < 0) continue;
    const cue = rows
      .slice(timing + 1)
      .join(' ')
      .trim();
    const voice = VTT_VOICE.exec(cue);
    const words = (voice ? `${voice[1]?.trim()}: ${voice[2] ?? ''}` : cue).replace(/<[^>]+>/g, '').trim();
    if (words) lines.push(words);
  }
  return lines;
}

/** Checks what was pasted or uploaded and cuts it into passages, or says what is wrong with it. */
export function readTranscript(raw: string): TranscriptCheck {
  const text = raw.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, error: 'Paste the transcript: it is empty.' };
  if (text.length > TRANSCRIPT_MAX_CHARS) return { ok: false, error: `This transcript has ${text.length.toLocaleString('en-US')} characters; Cadence takes up to ${TRANSCRIPT_MAX_CHARS.toLocaleString('en-US')}.` };
  if (binary(text)) return { ok: false, error: 'This does not read as text (it holds binary data). Paste the transcript as text, or export it as .txt or .vtt.' };
  const lines = /^WEBVTT\b/.test(text.trimStart()) ? fromVtt(text) : text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0) return { ok: false, error: 'This WebVTT file has no spoken lines.' };
  if (lines.length > TRANSCRIPT_MAX_PASSAGES) return { ok: false, error: `This transcript has ${lines.length} lines; Cadence takes up to ${TRANSCRIPT_MAX_PASSAGES}. Join short lines, or paste the part that matters.` };
  return {
    ok: true,
    passages: lines.map((line, i) => {
      const spoken = SPEAKER_LINE.exec(line);
      return { n: i + 1, speaker: spoken ? (spoken[1]?.trim() ?? null) : null, text: spoken ? (spoken[2]?.trim() ?? line) : line };
    }),
  };
}
