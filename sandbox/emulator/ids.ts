/**
 * Identifiers in Slack's formats. Random rather than sequential so that code which mixes up ids
 * (a view id from one test reused in another, a trigger from one user used for another) fails
 * instead of passing by coincidence.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** `V0A1B2C3D4E` style ids: a prefix letter and ten upper-case alphanumerics. */
export function slackId(prefix: string): string {
  return `${prefix}${randomCode(10)}`;
}

/** Trigger ids look like `1234567890123.1234567890.abcdef0123456789abcdef0123456789`. */
export function triggerId(nowMs: number): string {
  return `${nowMs}.${Math.floor(Math.random() * 1e10)}.${randomBytes(16).toString('hex')}`;
}

/** View hashes look like `1569362015.55b5e41b`; the random part makes every update change it. */
export function viewHash(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)}.${randomBytes(4).toString('hex')}`;
}

export function eventId(): string {
  return slackId('Ev');
}

export function opaqueToken(): string {
  return randomBytes(12).toString('hex');
}

/**
 * Message timestamps: "<unix seconds>.<6 digits>", unique and increasing within the emulator even
 * when the injected clock stands still (tests with a frozen clock still get distinct ts values).
 */
export class MessageTsClock {
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  next(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = String(micros % 1_000_000).padStart(6, '0');
    return `${seconds}.${fraction}`;
  }

  /** Never hand out `ts` or anything before it again (messages restored from an earlier run). */
  passed(ts: string): void {
    const [seconds = '0', fraction = '0'] = ts.split('.');
    this.lastMicros = Math.max(this.lastMicros, Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6)));
  }
}
