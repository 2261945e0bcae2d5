import type { App, BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { ManagerDigestService, ReportCheckin } from '../services/manager-digest.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { NOT_ALLOWED } from '../views/access';
import { buildReportCheckinModal } from '../views/digest/report-checkin.modal';
import { DigestAction } from '../views/ids';

export interface ManagerDigestActionDeps {
  managerDigest: ManagerDigestService;
}

const buttonValue = z.object({ personId: z.uuid(), period: z.iso.date() });

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & { context: CadenceContext };

const tell = ({ respond }: ButtonArgs, text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });

function parseValue(value: string | undefined): z.infer<typeof buttonValue> | undefined {
  try {
    const parsed = buttonValue.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A digest's "open check-in" button. The value comes from the client and may be crafted, so the
 * service asks the access policy whether the clicker may see that person's check-in at all.
 */
function openReportCheckin(deps: ManagerDigestActionDeps): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async (args) => {
    const { ack, action, body, client, context } = args;
    await ack();
    const actor = context.actor;
    if (!actor) return void (await tell(args, ACTOR_UNAVAILABLE));
    const target = parseValue(action.value);
    let view: ReportCheckin;
    try {
      if (!target) throw new AccessDeniedError('checkin.view', 'not_permitted');
      view = await deps.managerDigest.reportCheckin(actor, target.personId, target.period);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      return void (await tell(args, NOT_ALLOWED));
    }
    await client.views.open({ trigger_id: body.trigger_id, view: buildReportCheckinModal(view, target.period) });
  };
}

export function registerManagerDigestActions(app: App<CadenceContext>, deps: ManagerDigestActionDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${DigestAction.OpenCheckinPrefix}\\d+$`), openReportCheckin(deps));
}
