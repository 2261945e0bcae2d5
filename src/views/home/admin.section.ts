import type { KnownBlock } from '@slack/types';
import type { WorkspaceSettings } from '../../domain/settings';
import type { AiUsageRow } from '../../services/ai.service';
import type { OrgSummary } from '../../services/org.service';
import { context, divider, header, plain } from '../blocks';
import { FeedbackAction, HomeAction, IntegrationAction } from '../ids';
import { describeWorkspace } from '../settings/settings.format';

const button = (text: string, actionId: string) => ({ type: 'button' as const, action_id: actionId, text: plain(text) });

/** What only HR admins see: how complete the org chart is, the workspace settings, and their tools. */
/** How far back the AI usage line on the admin section looks. */
export const AI_USAGE_DAYS = 30;

/** "AI, last 30 days: 12 drafts by gpt-4o-mini (1 fell back offline), 5,400 tokens in, 900 out · 3 built offline" */
export function describeAiUsage(rows: readonly AiUsageRow[]): string {
  if (rows.length === 0) return `AI, last ${AI_USAGE_DAYS} days: no drafts.`;
  const n = (value: number) => value.toLocaleString('en-US');
  const parts = rows.map((row) =>
    row.provider === 'offline'
      ? `${n(row.calls)} built offline`
      : `${n(row.calls)} draft${row.calls === 1 ? '' : 's'} by ${row.model ?? row.provider}${row.fallbacks > 0 ? ` (${n(row.fallbacks)} fell back offline)` : ''}, ${n(row.promptTokens)} tokens in, ${n(row.completionTokens)} out`,
  );
  return `AI, last ${AI_USAGE_DAYS} days: ${parts.join(' · ')}. Content is never logged.`;
}

export function buildAdminSection(input: { summary: OrgSummary; workspace: WorkspaceSettings; aiUsage: readonly AiUsageRow[] }): KnownBlock[] {
  const { summary } = input;
  return [
    divider(),
    header('Admin'),
    context(
      `${summary.activePeople} active ${summary.activePeople === 1 ? 'person' : 'people'} · ${summary.withManager} with a manager · ${summary.admins} HR admin${summary.admins === 1 ? '' : 's'}`,
    ),
    context(describeWorkspace(input.workspace).join('\n')),
    context(describeAiUsage(input.aiUsage)),
    {
      type: 'actions',
      elements: [
        button('Workspace settings', HomeAction.WorkspaceSettings),
        button('Feedback focus areas', FeedbackAction.FocusAreas),
        button('Set a manager', HomeAction.SetManager),
        button('Import org chart', HomeAction.ImportOrg),
        button('HR admins', HomeAction.Admins),
        button('Audit log', HomeAction.AuditLog),
        button('Integrations', IntegrationAction.Open),
        button('Export someone’s data', HomeAction.ExportPerson),
        button('Delete someone’s data', HomeAction.ErasePerson),
      ],
    },
  ];
}
