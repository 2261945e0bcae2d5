import type { Button, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { displayName } from '../../domain/person';
import type { ReviewCycle, TemplateVersion } from '../../domain/review';
import type { ScopedCompetency } from '../../services/review-admin.service';
import { context, divider, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { ReviewAdminAction, ReviewAdminCallbackId } from '../ids';

/** What anyone but an HR admin is told, whatever review tool they reach. */
export const HR_ONLY = 'Only HR admins run review cycles. Type /review to see what is waiting for you.';

/** Each list shows this many (newest cycles first); the block limit of a modal is 100. */
const SHOWN = 20;

const STATUS_WORDS: Record<ReviewCycle['status'], string> = { draft: 'draft, not launched', active: 'running', closed: 'closed' };

export const button = (text: string, actionId: string, value?: string): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(text),
  ...(value !== undefined ? { value } : {}),
});

const withButton = (text: string, label: string, actionId: string, value: string): SectionBlock => ({
  ...section(text),
  accessory: { type: 'button', action_id: actionId, text: plain(label), value },
});

/** Where HR admins run review cycles: the competency framework, the templates and the cycles, each with its form a click away. */
export function buildReviewAdminHub(input: { competencies: readonly ScopedCompetency[]; templates: readonly TemplateVersion[]; cycles: readonly ReviewCycle[] }): ModalView {
  const { competencies, templates, cycles } = input;
  const blocks: KnownBlock[] = [section('*Review cycles*: the competency framework, templates and cycles of this workspace.'), divider()];

  blocks.push(section(`*Cycles* (${cycles.length})`));
  const newest = cycles.slice(0, SHOWN);
  for (const cycle of newest) blocks.push(withButton(`*${escapeMrkdwn(cycle.name)}* · ${STATUS_WORDS[cycle.status]}`, 'Open', ReviewAdminAction.OpenCycle, cycle.id));
  if (cycles.length > SHOWN) blocks.push(context(`${cycles.length - SHOWN} older cycles are not shown.`));
  blocks.push({ type: 'actions', elements: [button('New cycle', ReviewAdminAction.NewCycle)] }, divider());

  blocks.push(section(`*Templates* (${templates.length})`));
  for (const t of templates.slice(0, SHOWN)) {
    const count = `${t.questions.length} question${t.questions.length === 1 ? '' : 's'}`;
    blocks.push(withButton(`*${escapeMrkdwn(t.name)}* · version ${t.version} · ${count}`, 'Edit', ReviewAdminAction.EditTemplate, t.templateId));
  }
  if (templates.length > SHOWN) blocks.push(context(`${templates.length - SHOWN} more templates are not shown.`));
  blocks.push({ type: 'actions', elements: [button('New template', ReviewAdminAction.NewTemplate)] }, divider());

  blocks.push(section(`*Competencies* (${competencies.length})`));
  if (competencies.length > 0) {
    const lines = competencies.map((c) => {
      const scopes = [...(c.teamManager ? [`${escapeMrkdwn(displayName(c.teamManager))}’s team`] : []), ...(c.role ? [`the role “${escapeMrkdwn(c.role)}”`] : [])];
      const scope = scopes.length > 0 ? ` · for ${scopes.join(' and ')}` : '';
      return `• *${escapeMrkdwn(c.name)}*: ${c.levels.length} levels${scope}${c.description ? ` · ${escapeMrkdwn(truncate(c.description, 80))}` : ''}`;
    });
    blocks.push(section(lines.join('\n')));
  }
  blocks.push({ type: 'actions', elements: [button('New competency', ReviewAdminAction.NewCompetency)] });

  return { type: 'modal', callback_id: ReviewAdminCallbackId.Hub, title: plain('Review cycles'), close: plain('Close'), blocks };
}
