import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client';
import { QUEUE_NAMES } from '../jobs/job-definition';
import type { JobQueue } from '../jobs/job-queue';
import type { Metrics } from '../lib/metrics';
import { scrapedGauge } from '../lib/metrics';
import { countDeliveries, countOutcomeUnknown, longestDispatchLag, oldestOverdue } from '../repositories/operations.repository';
import { answers, type ReadinessCheck } from './health';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
/** Windows the ledger series look back over: recent enough to alert on, small enough to count fast. */
const LEDGER_WINDOW = '24 hours';
const LAG_WINDOW = '15 minutes';

/**
 * The series Prometheus reads at each scrape from Postgres and the queues, so they are true for
 * every process (with ROLE=web and separate workers too): jobs by queue and state, the delivery
 * ledger by workspace, how late scheduled work is, and whether each dependency answers.
 */
export function registerScrapedMetrics(metrics: Metrics, deps: { db: Db; jobs: JobQueue; readiness: Record<string, ReadinessCheck> }): void {
  const { db, jobs, readiness } = deps;
  scrapedGauge(metrics, {
    name: 'cadence_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'],
    async collect(gauge) {
      for (const queue of QUEUE_NAMES) {
        const counts = await jobs.queueFor(queue).getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) gauge.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });
  scrapedGauge(metrics, {
    name: 'cadence_deliveries',
    help: `DMs in the delivery ledger created in the last ${LEDGER_WINDOW}, by workspace and status (sending, sent, retry, unknown, failed)`,
    labelNames: ['workspace', 'status'],
    async collect(gauge) {
      for (const row of await countDeliveries(db, LEDGER_WINDOW)) gauge.set({ workspace: row.workspaceId, status: row.status }, row.count);
    },
  });
  scrapedGauge(metrics, {
    name: 'cadence_delivery_outcome_unknown',
    help: `Sends whose answer from Slack was lost (each settled from the DM's history), in the last ${LEDGER_WINDOW}, by workspace`,
    labelNames: ['workspace'],
    async collect(gauge) {
      for (const row of await countOutcomeUnknown(db, LEDGER_WINDOW)) gauge.set({ workspace: row.workspaceId }, row.count);
    },
  });
  scrapedGauge(metrics, {
    name: 'cadence_overdue_seconds',
    help: 'Age of the oldest scheduled DM that is due and not yet settled, by kind (0 when none): work the workers are behind on',
    labelNames: ['kind'],
    async collect(gauge) {
      for (const { kind, dueAt } of await oldestOverdue(db)) gauge.set({ kind }, dueAt ? Math.max(0, (Date.now() - dueAt.getTime()) / 1000) : 0);
    },
  });
  scrapedGauge(metrics, {
    name: 'cadence_dispatch_lag_seconds',
    help: `Longest time from due to sent among check-in nudges sent in the last ${LAG_WINDOW} (0 when none)`,
    labelNames: [],
    async collect(gauge) {
      gauge.set(await longestDispatchLag(db, LAG_WINDOW));
    },
  });
  scrapedGauge(metrics, {
    name: 'cadence_dependency_up',
    help: 'Whether each dependency answers (1) or not (0), as /readyz sees it',
    labelNames: ['dependency'],
    async collect(gauge) {
      await Promise.all(Object.entries(readiness).map(async ([dependency, check]) => gauge.set({ dependency }, (await answers(check)) ? 1 : 0)));
    },
  });
}

/** GET /metrics in Prometheus's text format; false for any other request, to pass it on. */
export function createMetricsHandler(metrics: Metrics) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') return false;
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
    return true;
  };
}
