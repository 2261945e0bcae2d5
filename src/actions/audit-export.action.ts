import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { AccessDeniedError } from '../domain/access-policy';
import type { AuditService } from '../services/audit.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildNoticeModal, NOT_ALLOWED } from '../views/access';
import { auditLogCsv, buildDocumentMessages } from '../views/admin/export.messages';

/** The audit log modal's export button: the log goes to the admin's DM as CSV. */
export function exportAuditLogButton(deps: { audit: AuditService }): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return async ({ ack, body, client, context }) => {
    await ack();
    const actor = context.actor;
    if (!actor) return void (await client.views.push({ trigger_id: body.trigger_id, view: buildNoticeModal('Audit log', ACTOR_UNAVAILABLE) }));
    let entries;
    try {
      entries = await deps.audit.export(actor);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      return void (await client.views.push({ trigger_id: body.trigger_id, view: buildNoticeModal('Audit log', NOT_ALLOWED) }));
    }
    await client.views.push({
      trigger_id: body.trigger_id,
      view: buildNoticeModal('Audit log', `:incoming_envelope: The ${entries.length} newest entries are on their way to your DM with Cadence, as CSV.`),
    });
    const intro = `:page_facing_up: The Cadence audit log, newest first (${entries.length} entries, times in UTC).`;
    for (const message of buildDocumentMessages(intro, auditLogCsv(entries))) {
      await client.chat.postMessage({ channel: actor.slackUserId, text: message.text });
    }
  };
}
