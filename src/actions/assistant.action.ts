import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { AssistantService } from '../services/assistant.service';
import type { CadenceContext } from '../slack/context';
import { actionListener } from '../slack/listener';
import { buildOutcomeMessage } from '../views/assistant/assistant.messages';
import { AssistantAction } from '../views/ids';

export interface AssistantActionDeps {
  assistant: AssistantService;
  logger: Logger;
}

/** Confirm and Cancel under a proposal: the proposal is replaced by what came of it. */
export function registerAssistantActions(app: App<CadenceContext>, deps: AssistantActionDeps): void {
  for (const apply of [true, false]) {
    app.action<BlockAction>(
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
