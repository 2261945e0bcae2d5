import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { IntegrationService } from '../services/integration.service';
import type { InboundTranscriptService } from '../services/inbound-transcript.service';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';

/**
 * Sends one version of one pushed item (a goal or next steps) to its tool. The id names the version,
 * so a change queues a new job while a repeat of the same one is a no-op; the item's row in Postgres
 * (claimed under a lease, with the version the tool already has) makes the push happen once.
 */
export const integrationSyncJob = defineJob({
  name: 'integration-sync',
  queue: 'default',
  schema: z.object({ itemId: z.uuid(), version: z.number().int().positive() }),
  jobId: ({ itemId, version }) => `integration-sync-${itemId}-v${version}`,
  // 5xx and lost answers back off 5 s, 10 s, 20 s … about 10 minutes in all; 429s wait without using a try.
  attempts: 8,
  backoffMs: 5000,
});

/** Queues every item whose newest version the tool does not have yet (after Redis lost its jobs). */
export const integrationReconcileJob = defineJob({
  name: 'integration-reconcile',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'integration-reconcile',
});

export const integrationReconciler = recurring({
  schedulerId: 'integration-reconcile-every-5-minutes',
  definition: integrationReconcileJob,
  payload: {},
  every: 5 * 60_000,
});

/** Fetches a meeting a Fireflies webhook announced. */
export const transcriptFetchJob = defineJob({
  name: 'transcript-fetch',
  queue: 'default',
  schema: z.object({ connectionId: z.uuid(), meetingId: z.string().min(1).max(200) }),
  jobId: ({ connectionId, meetingId }) => `transcript-fetch-${connectionId}-${meetingId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
  backoffMs: 10_000,
});

/** Asks each polled notes tool (Granola) for meetings updated since the last time. */
export const transcriptPollJob = defineJob({
  name: 'transcript-poll',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'transcript-poll',
  attempts: 1,
});

export const transcriptPoller = recurring({
  schedulerId: 'transcript-poll-every-5-minutes',
  definition: transcriptPollJob,
  payload: {},
  every: 5 * 60_000,
});

export function integrationSyncHandler(deps: { integrations: IntegrationService }) {
  return handlerFor(integrationSyncJob, ({ itemId }) => deps.integrations.sync(itemId));
}

export function integrationReconcileHandler(deps: { integrations: IntegrationService; logger: Logger }) {
  return handlerFor(integrationReconcileJob, async () => {
    const queued = await deps.integrations.reconcile();
    deps.logger.debug({ queued }, 'integration items reconciled');
  });
}

export function transcriptFetchHandler(deps: { inboundTranscripts: InboundTranscriptService }) {
  return handlerFor(transcriptFetchJob, async ({ connectionId, meetingId }) => {
    await deps.inboundTranscripts.fetchAnnounced(connectionId, meetingId);
  });
}

export function transcriptPollHandler(deps: { inboundTranscripts: InboundTranscriptService; logger: Logger }) {
  return handlerFor(transcriptPollJob, async () => {
    const stored = await deps.inboundTranscripts.poll();
    deps.logger.debug({ stored }, 'transcripts polled');
  });
}
