import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client';
import type { Goal } from '../../src/domain/goal';
import type { GoalInput } from '../../src/domain/goal';
import { createIntegrationTools } from '../../src/integrations/tools';
import type { Clock } from '../../src/lib/clock';
import { createSecretBox } from '../../src/lib/secret-box';
import { createLogger } from '../../src/lib/logger';
import { createAccessService } from '../../src/services/access.service';
import { createGoalService } from '../../src/services/goal.service';
import { createIntegrationService, type IntegrationService } from '../../src/services/integration.service';
import { createAiService } from '../../src/services/ai.service';
import { createInboundTranscriptService } from '../../src/services/inbound-transcript.service';
import { createTranscriptService } from '../../src/services/transcript.service';
import type { FakeTools } from './fake-tools';
import { wireFeedback } from './feedback';
import type { ServedWorkspaces } from '../../src/services/ports';

/**
 * The goal, integration and transcript services on a test database, their tools pointed at the
 * fake servers, with queues that record what they were given (tests run the jobs' work by hand).
 */
export function wireIntegrations(db: Db, clock: Clock, fake: FakeTools, options: { key?: boolean; workspaces?: ServedWorkspaces } = {}) {
  const synced: Array<{ itemId: string; version: number }> = [];
  const fetches: Array<{ connectionId: string; meetingId: string }> = [];
  const access = createAccessService({ db });
  const late: { integrations?: IntegrationService } = {};
  const goals = createGoalService({
    db,
    clock,
    access,
    events: {
      goalCreated: async (goal: Goal) => late.integrations?.goalCreated(goal),
      goalChangedByOther: async () => undefined,
      goalsChanged: async (ids) => late.integrations?.goalsChanged(ids),
    },
  });
  const tools = createIntegrationTools(
    {
      timeoutMs: 2000,
      urls: {
        notion: `${fake.url}/notion/v1/`,
        asana: `${fake.url}/asana/api/1.0/`,
        monday: `${fake.url}/monday/v2`,
        fireflies: `${fake.url}/fireflies/graphql`,
        granola: `${fake.url}/granola/v1/`,
      },
    },
    clock,
  );
  const secrets = options.key === false ? undefined : createSecretBox(randomBytes(32));
  const { workspaces } = options;
  const integrations = createIntegrationService({ db, clock, access, goals, tools, secrets, workspaces, queue: { sync: async (items) => void synced.push(...items) } });
  late.integrations = integrations;
  // Summaries offline: the transcript's own lines, so tests can say which passages are cited.
  const ai = createAiService({ db, clock, access, goals, feedbackRequests: wireFeedback(db, clock, 'T0UNUSED').requests, model: undefined });
  const transcripts = createTranscriptService({ db, clock, access, ai });
  const inboundTranscripts = createInboundTranscriptService({
    db,
    clock,
    access,
    tools,
    secrets,
    summaries: transcripts,
    logger: createLogger('silent'),
    workspaces,
    queue: { fetch: async (connectionId, meetingId) => void fetches.push({ connectionId, meetingId }) },
  });
  return { goals, integrations, transcripts, inboundTranscripts, access, synced, fetches };
}

export const goalInput = (title: string, overrides: Partial<GoalInput> = {}): GoalInput => ({ title, description: null, category: 'performance', targetDate: null, ...overrides });
