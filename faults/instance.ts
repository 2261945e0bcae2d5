/**
 * One full Cadence instance for the fault suite, in a process of its own so it can be SIGKILLed.
 * Its configuration comes from the environment like production's; its clock runs
 * FAULTS_CLOCK_OFFSET_MS ahead of real time and is moved forward by the suite over IPC.
 */
import { startCadence } from '../src/cadence';
import { loadConfig } from '../src/config';
import { OffsetClock } from '../src/lib/clock';
import { createLogger } from '../src/lib/logger';

export type InstanceRequest = { id: number; type: 'advance'; ms: number } | { id: number; type: 'dispatch' };
export type InstanceReply = { id: number; ok: true } | { id: number; ok: false; error: string } | { type: 'ready' };

/** Restores a Redis that lost its schedulers within seconds, so a scenario need not wait the production minute. */
const SCHEDULER_CHECK_MS = 2000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const clock = new OffsetClock(Number(process.env.FAULTS_CLOCK_OFFSET_MS ?? 0));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  const cadence = await startCadence(config, logger, clock, { schedulerCheckMs: SCHEDULER_CHECK_MS });
  process.on('message', (request: InstanceRequest) => {
    const work = request.type === 'advance' ? Promise.resolve(clock.advance(request.ms)) : cadence.deps.checkinSchedule.dispatchDue();
    work.then(
      () => process.send?.({ id: request.id, ok: true } satisfies InstanceReply),
      (error: unknown) => process.send?.({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies InstanceReply),
    );
  });
  process.on('SIGTERM', () => {
    cadence.stop().finally(() => process.exit(0));
  });
  process.send?.({ type: 'ready' } satisfies InstanceReply);
}

main().catch((error: unknown) => {
  process.stderr.write(`instance failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
