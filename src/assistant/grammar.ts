/**
 * What the assistant understands without a model: a few fixed phrases, one per tool, documented
 * in help and the README. Anything else gets help, never a guess.
 */

export type Parsed = { kind: 'tool'; tool: string; args: Record<string, unknown> } | { kind: 'help' } | { kind: 'unknown' };

const tool = (name: string, args: Record<string, unknown> = {}): Parsed => ({ kind: 'tool', tool: name, args });

/** "rest: note" → rest and note; the note is optional. */
function splitNote(text: string): { head: string; note: string | undefined } {
  const at = text.indexOf(':');
  if (at < 0) return { head: text.trim(), note: undefined };
  return { head: text.slice(0, at).trim(), note: text.slice(at + 1).trim() || undefined };
}

const STATUS_WORDS = ['not started', 'on track', 'at risk', 'off track', 'completed', 'deferred'];

/** `status <goal> <status>: <note>`, the status last before the note, in words or snake_case. */
function parseStatus(rest: string): Parsed {
  const { head, note } = splitNote(rest);
  const spaced = head.replace(/[_-]+/g, ' ').toLowerCase();
  for (const words of STATUS_WORDS) {
    if (spaced.endsWith(` ${words}`)) {
      const goal = head.slice(0, head.length - words.length).trim();
      if (goal) return tool('set_status', { goal, status: words, ...(note ? { note } : {}) });
    }
  }
  return { kind: 'unknown' };
}

/** `progress <key result or goal> <value>`: the value is the last word. */
function parseProgress(rest: string): Parsed {
  const match = /^(.+?)\s+(?:to\s+|=\s*|is\s+(?:at\s+|now\s+)?|at\s+)?([-+]?\d[\d,]*(?:\.\d+)?\s*%?|[-+]?\.\d+\s*%?)$/i.exec(rest.trim());
  if (!match) return { kind: 'unknown' };
  return tool('record_progress', { keyResult: match[1]!.trim(), value: match[2]!.replace(/\s+/g, '') });
}

export function parseCommand(input: string): Parsed {
  const text = input.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const after = (prefix: RegExp): string | undefined => {
    const m = prefix.exec(text);
    return m ? text.slice(m[0].length).trim() : undefined;
  };
  if (/^(help|\?|what can you do\??)$/i.test(lower)) return { kind: 'help' };
  if (/^(my )?goals$/i.test(lower)) return tool('list_goals');
  const goalsOf = after(/^goals (of |for )?/i);
  if (goalsOf) return tool('list_goals', { person: goalsOf });
  const why = after(/^(why|explain) /i);
  if (why) return tool('explain_progress', { goal: why.replace(/^(is )/i, '').replace(/ at \d+(\.\d+)? ?%\??$/, '').replace(/\?$/, '').trim() });
  const goal = after(/^goal /i);
  if (goal) return tool('show_goal', { goal });
  const progress = after(/^progress /i);
  if (progress) return parseProgress(progress);
  const status = after(/^status /i);
  if (status) return parseStatus(status);
  if (/^(check[ -]?in|start (a |my )?check[ -]?in)$/i.test(lower)) return tool('start_checkin');
  if (/^(draft( my)?( self[ -]?assessment)?|self[ -]?assessment)$/i.test(lower)) return tool('draft_self_assessment');
  const feedback = after(/^(ask (for )?)?feedback (from )?/i);
  if (feedback) return tool('request_feedback', { peers: feedback.split(/[\s,]+/).filter((p) => p && p.toLowerCase() !== 'and') });
  if (/^(waiting|what'?s waiting( for me)?\??|todo)$/i.test(lower)) return tool('whats_waiting');
  return { kind: 'unknown' };
}
