/**
 * Fault injection: make the next N calls of a method fail, either with a Slack error code in a
 * normal HTTP 200 `{ok:false}` body or with an HTTP status (500, 503, 429…) as an outage would.
 * Lets tests prove that the bot retries transient failures and gives up on permanent ones.
 */

export interface FaultSpec {
  /** How many of the next calls fail (default 1). */
  times?: number;
  /** Slack error code in the body (default `internal_error`). */
  error?: string;
  /** HTTP status (default 200, i.e. a normal Slack error). */
  status?: number;
  /** Retry-After seconds sent with a 429 status (default 1). */
  retryAfterSeconds?: number;
  /** Only calls made with this workspace's token fail (default: any workspace's). */
  teamId?: string;
}

export interface Fault {
  error: string;
  status: number;
  retryAfterSeconds: number;
  teamId?: string;
}

export class FaultInjector {
  private readonly pending = new Map<string, Fault[]>();

  failNext(method: string, spec: FaultSpec = {}): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext(${method}): times must be a positive integer`);
    const fault: Fault = { error: spec.error ?? 'internal_error', status: spec.status ?? 200, retryAfterSeconds: spec.retryAfterSeconds ?? 1, teamId: spec.teamId };
    const queue = this.pending.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.pending.set(method, queue);
  }

  /** The fault for this call in this workspace, if one is queued; it is used up. */
  take(method: string, teamId: string): Fault | undefined {
    const queue = this.pending.get(method);
    const index = queue?.findIndex((fault) => fault.teamId === undefined || fault.teamId === teamId) ?? -1;
    if (!queue || index < 0) return undefined;
    const [fault] = queue.splice(index, 1);
    if (queue.length === 0) this.pending.delete(method);
    return fault;
  }

  /** Clear one method's queued faults, or all of them. */
  clear(method?: string): void {
    if (method === undefined) this.pending.clear();
    else this.pending.delete(method);
  }

  remaining(method: string): number {
    return this.pending.get(method)?.length ?? 0;
  }
}
