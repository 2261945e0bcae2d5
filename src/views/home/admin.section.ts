import type { KnownBlock } from '@slack/types';
import type { SlackTeam } from '../../domain/person';
import type { WorkspaceSettings } from '../../domain/settings';
import type { AiUsage } from '../../services/ai.service';
import type { OrgSummary } from '../../services/org.service';
import { context, divider, header, plain } from '../blocks';
import { option } from '../inputs';
import { FeedbackAction, HomeAction, IntegrationAction, ReviewAdminAction } from '../ids';
import { describeWorkspace } from '../settings/settings.format';

const button = (text: string, actionId: string) => ({ type: 'button' as const, action_id: actionId, text: plain(text) });

/** What only HR admins see: how complete the org chart is, the workspace settings, and their tools. */
/** How far back the AI usage line on the admin section looks. */
export const AI_USAGE_DAYS = 30;

/** A cost to the cent, or to four significant digits below a cent (a few drafts cost fractions of one). */
function money(amount: number, currency: string): string {
  const digits = amount > 0 && amount < 0.01 ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, ...digits }).format(amount);
}

/** "AI, last 30 days: 12 drafts by gpt-4o-mini (1 fell back offline), 5,400 tokens in, 900 out, $0.0014 · 3 built offline" */
export function describeAiUsage(rows: readonly AiUsage[]): string {
  if (rows.length === 0) return `AI, last ${AI_USAGE_DAYS} days: no drafts.`;
  const n = (value: number) => value.toLocaleString('en-US');
  const parts = rows.map((row) =>
    row.provider === 'offline'
      ? `${n(row.calls)} built offline`
      : `${n(row.calls)} draft${row.calls === 1 ? '' : 's'} by ${row.model ?? row.provider}${row.fallbacks > 0 ? ` (${n(row.fallbacks)} fell back offline)` : ''}, ${n(row.promptTokens)} tokens in, ${n(row.completionTokens)} out, ${row.cost ? money(row.cost.amount, row.cost.currency) : 'cost unknown (no price in AI_PRICES)'}`,
  );
  return `AI, last ${AI_USAGE_DAYS} days: ${parts.join(' · ')}. Content is never logged.`;
}

/** Slack allows 100 options in a menu; an organization with more lists its first hundred by name. */
const MAX_TEAM_OPTIONS = 100;

/** With settings per workspace, a menu that opens one Slack workspace's own settings. */
function teamSettingsMenu(workspace: WorkspaceSettings, teams: readonly SlackTeam[]): KnownBlock[] {
  if (workspace.scope !== 'team' || teams.length === 0) return [];
  return [
    {
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: HomeAction.TeamSettings,
          placeholder: plain('Settings of one workspace…'),
          options: teams.slice(0, MAX_TEAM_OPTIONS).map((team) => option(team.name.slice(0, 75), team.id)),
        },
      ],
    },
  ];
}

export function buildAdminSection(input: {
  summary: OrgSummary;
  /** The organization's (or the single workspace's) settings, not any one Slack workspace's own. */
  workspace: WorkspaceSettings;
  /** An org-wide install's Slack workspaces; none otherwise. */
  teams: readonly SlackTeam[];
  aiUsage: readonly AiUsage[];
}): KnownBlock[] {
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
        button('Review cycles', ReviewAdminAction.OpenHub),
        button('Set a manager', HomeAction.SetManager),
        button('Import org chart', HomeAction.ImportOrg),
        button('HR admins', HomeAction.Admins),
        button('Audit log', HomeAction.AuditLog),
        button('Integrations', IntegrationAction.Open),
        button('Export someone’s data', HomeAction.ExportPerson),
        button('Delete someone’s data', HomeAction.ErasePerson),
      ],
    },
    ...teamSettingsMenu(input.workspace, input.teams),
  ];
}
