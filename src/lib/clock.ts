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

export function isValidTimezone(zone: string | null | undefined): zone is string {
  return !!zone && DateTime.local().setZone(zone).isValid;
}
