import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { CheckinService } from '../services/checkin.service';
import type { CadenceContext } from '../slack/context';
import { commandListener } from '../slack/listener';
import { buildCheckinHelpMessage } from '../views/checkin/checkin.messages';
import { buildCheckinModal } from '../views/checkin/checkin.modal';

export interface CheckinCommandDeps {
  checkins: CheckinService;
  logger: Logger;
}

/** `/checkin [help]`: a bare command opens the check-in for the current period. */
export function checkinCommand(deps: CheckinCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return commandListener({
    name: 'answer /checkin',
    logger: deps.logger,
    async handle({ text, actor }) {
      if (text === '') return { modal: buildCheckinModal(await deps.checkins.form(await actor())) };
      return { message: buildCheckinHelpMessage(text.toLowerCase() === 'help' ? undefined : text) };
    },
  });
}
