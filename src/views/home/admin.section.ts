import type { KnownBlock } from '@slack/types';
import type { WorkspaceSettings } from '../../domain/settings';
import type { OrgSummary } from '../../services/org.service';
import { context, divider, header, plain } from '../blocks';
import { FeedbackAction, HomeAction } from '../ids';
import { describeWorkspace } from '../settings/settings.format';

const button = (text: string, actionId: string) => ({ type: 'button' as const, action_id: actionId, text: plain(text) });

/** What only HR admins see: how complete the org chart is, the workspace settings, and their tools. */
export function buildAdminSection(input: { summary: OrgSummary; workspace: WorkspaceSettings }): KnownBlock[] {
  const { summary } = input;
  return [
    divider(),
    header('Admin'),
    context(
      `${summary.activePeople} active ${summary.activePeople === 1 ? 'person' : 'people'} · ${summary.withManager} with a manager · ${summary.admins} HR admin${summary.admins === 1 ? '' : 's'}`,
    ),
    context(describeWorkspace(input.workspace).join('\n')),
    {
      type: 'actions',
      elements: [
        button('Workspace settings', HomeAction.WorkspaceSettings),
        button('Feedback focus areas', FeedbackAction.FocusAreas),
        button('Set a manager', HomeAction.SetManager),
        button('Import org chart', HomeAction.ImportOrg),
        button('HR admins', HomeAction.Admins),
        button('Audit log', HomeAction.AuditLog),
        button('Export someone’s data', HomeAction.ExportPerson),
        button('Delete someone’s data', HomeAction.ErasePerson),
      ],
    },
  ];
}
