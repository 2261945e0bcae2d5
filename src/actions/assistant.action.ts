import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { AssistantService } from '../services/assistant.service';
import { actionListener } from '../slack/listener';
import { buildOutcomeMessage } from '../views/assistant/assistant.messages';
import { AssistantAction } from '../views/ids';
import type { ListenerRegistry } from '../slack/listener-router';

export interface AssistantActionDeps {
  assistant: AssistantService;
  logger: Logger;
}

/** Confirm and Cancel under a proposal: the proposal is replaced by what came of it. */
export function registerAssistantActions(app: ListenerRegistry, deps: AssistantActionDeps): void {
  for (const apply of [true, false]) {
    app.action(
      apply ? AssistantAction.Confirm : AssistantAction.Cancel,
      actionListener({
        name: apply ? 'apply the change' : 'cancel the change',
        logger: deps.logger,
        notices: 'message',
        value: z.uuid(),
        async handle(actor, { value }) {
          const outcome = apply ? await deps.assistant.confirm(actor, value) : await deps.assistant.cancel(actor, value);
          return { replace: buildOutcomeMessage(outcome) };
        },
      }),
    );
  }
}
