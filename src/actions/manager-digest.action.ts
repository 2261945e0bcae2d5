import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { ManagerDigestService } from '../services/manager-digest.service';
import { actionListener } from '../slack/listener';
import { buildReportCheckinModal } from '../views/digest/report-checkin.modal';
import { DigestAction } from '../views/ids';
import type { ListenerRegistry } from '../slack/listener-router';

export interface ManagerDigestActionDeps {
  managerDigest: ManagerDigestService;
  logger: Logger;
}

const buttonValue = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ personId: z.uuid(), period: z.iso.date() }));

/**
 * A digest's "open check-in" button. The value comes from the client and may be crafted, so the
 * service asks the access policy whether the clicker may see that person's check-in at all.
 */
export function registerManagerDigestActions(app: ListenerRegistry, deps: ManagerDigestActionDeps): void {
  app.action(
    new RegExp(`^${DigestAction.OpenCheckinPrefix}\\d+$`),
    actionListener({
      name: 'open the check-in',
      logger: deps.logger,
      notices: 'message',
      value: buttonValue,
      async handle(actor, { value }) {
        const view = await deps.managerDigest.reportCheckin(actor, value.personId, value.period);
        return { modal: buildReportCheckinModal(view, value.period) };
      },
    }),
  );
}
