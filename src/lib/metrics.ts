import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What Cadence counts as it works, for Prometheus. One registry per running Cadence (tests run
 * several in one process), never prom-client's global one. Series read from Postgres and the
 * queues when scraped are added by src/http/metrics.ts; these are the ones only the process sees.
 */
export interface Metrics {
  registry: Registry;
  /** Slack's requests to the web role, by kind (slash_command, block_actions, ...) and listener. */
  requests: Counter<'kind' | 'listener' | 'status'>;
  /** From a request's arrival to the end of Cadence's HTTP answer (the ack). */
  ackSeconds: Histogram<'kind' | 'listener'>;
  /** Web API calls from jobs, by workspace, method and outcome (ok, rate_limited, error). */
  slackCalls: Counter<'workspace' | 'method' | 'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cadence_' });
  return {
    registry,
    requests: new Counter({
      name: 'cadence_slack_requests_total',
      help: 'Requests from Slack to the web role, by kind, listener and HTTP status',
      labelNames: ['kind', 'listener', 'status'],
      registers: [registry],
    }),
    ackSeconds: new Histogram({
      name: 'cadence_slack_ack_seconds',
      help: "Time from a Slack request's arrival to Cadence's HTTP answer; Slack gives up after 3 s",
      labelNames: ['kind', 'listener'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers: [registry],
    }),
    slackCalls: new Counter({
      name: 'cadence_slack_api_calls_total',
      help: 'Slack Web API calls made by jobs, by workspace, method and outcome (ok, rate_limited, error)',
      labelNames: ['workspace', 'method', 'outcome'],
      registers: [registry],
    }),
  };
}

/**
 * A gauge computed when Prometheus scrapes: `collect` sets its values. One that fails (Postgres
 * away) is left empty rather than failing the scrape, so the dependency series still report it.
 */
export function scrapedGauge<L extends string>(metrics: Metrics, options: { name: string; help: string; labelNames: readonly L[]; collect: (gauge: Gauge<L>) => Promise<void> }): void {
  new Gauge<L>({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      await options.collect(this).catch(() => undefined);
    },
  });
}
