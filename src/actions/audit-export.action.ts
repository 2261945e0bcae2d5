import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { AuditService } from '../services/audit.service';
import type { CadenceContext } from '../slack/context';
import { actionListener } from '../slack/listener';
import { buildNoticeModal } from '../views/access';
import { auditLogCsv, buildDocumentMessages } from '../views/admin/export.messages';

/** The audit log modal's export button: the log goes to the admin's DM as CSV. */
export function exportAuditLogButton(deps: { audit: AuditService; logger: Logger }): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return actionListener({
    name: 'export the audit log',
    logger: deps.logger,
    notices: { title: 'Audit log' },
    async handle(actor) {
      const entries = await deps.audit.export(actor);
      const intro = `:page_facing_up: The Cadence audit log, newest first (${entries.length} entries, times in UTC).`;
      return {
        modal: buildNoticeModal('Audit log', `:incoming_envelope: The ${entries.length} newest entries are on their way to your DM with Cadence, as CSV.`),
        async afterwards(client) {
          for (const message of buildDocumentMessages(intro, auditLogCsv(entries))) await client.chat.postMessage({ channel: actor.slackUserId, text: message.text });
        },
      };
    },
  });
}
