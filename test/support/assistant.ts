import { createOpenAiProvider } from '../../src/ai/openai.provider';
import { createOpenAiAssistantModel } from '../../src/assistant/model';
import type { Db } from '../../src/db/client';
import type { Clock } from '../../src/lib/clock';
import { createAccessService } from '../../src/services/access.service';
import { createAiService } from '../../src/services/ai.service';
import { createAssistantService } from '../../src/services/assistant.service';
import { createCheckinService } from '../../src/services/checkin.service';
import { createGoalService } from '../../src/services/goal.service';
import { resultLines } from '../../src/views/assistant/assistant.format';
import { wireFeedback } from './feedback';
import { wireReviews } from './reviews';

/** The assistant and the services its tools call, on a test database, as deps.ts wires them (with a model when `openai` is given). */
export function wireAssistant(db: Db, clock: Clock, workspaceId: string, openai?: { baseUrl: string; model: string; timeoutMs: number }) {
  const access = createAccessService({ db });
  const goals = createGoalService({ db, clock, access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });
  const feedback = wireFeedback(db, clock, workspaceId);
  const reviews = wireReviews(db, clock).reviews;
  const checkins = createCheckinService({ db, clock, access, goals });
  const ai = createAiService({ db, clock, access, goals, feedbackRequests: feedback.requests, model: openai && createOpenAiProvider(openai) });
  const deps = { db, clock, goals, checkins, reviews, feedbackRequests: feedback.requests, people: feedback.people, ai };
  return {
    ...deps,
    privacy: feedback.privacy,
    tools: deps,
    assistant: createAssistantService({ ...deps, model: openai && createOpenAiAssistantModel(openai), describe: (result) => resultLines(result).join('\n') }),
  };
}
