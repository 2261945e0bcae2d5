import { DateTime } from 'luxon';

/** Injectable time source: tests and the sandbox move time; production reads the system clock. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.utc() };

/** A clock that stands still until moved. */
export class ManualClock implements Clock {
  private current: DateTime;
  constructor(start: DateTime | string) {
    this.current = typeof start === 'string' ? DateTime.fromISO(start, { zone: 'utc' }) : start.toUTC();
  }
  now(): DateTime {
    return this.current;
  }
  set(to: DateTime): void {
    this.current = to.toUTC();
  }
  advance(duration: Parameters<DateTime['plus']>[0]): void {
    this.current = this.current.plus(duration);
  }
}

/**
 * Real time shifted forward by an offset that only grows: the sandbox's clock. Time keeps flowing,
 * and "advance by a day" moves every reader (services, the emulator) a day ahead at once. It never
 * goes back, because what was sent or stored at a later time must stay in the past.
 */
export class OffsetClock implements Clock {
  constructor(private offsetMs = 0) {
    if (!Number.isFinite(offsetMs) || offsetMs < 0) throw new Error('the clock offset must be a non-negative number of ms');
  }
  now(): DateTime {
    return DateTime.utc().plus(this.offsetMs);
  }
  /** How far ahead of real time this clock runs. */
  get offset(): number {
    return this.offsetMs;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('time only moves forward');
    this.offsetMs += ms;
  }
}

export function isValidTimezone(zone: string | null | undefined): zone is string {
  return !!zone && DateTime.local().setZone(zone).isValid;
}
