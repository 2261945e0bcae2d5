/**
 * What Slack does with the bot's answer to a view_submission, applied to the emulator's view stack:
 *   empty 200                          -> the submitted view closes (the one below, if any, shows again)
 *   {response_action:'errors', errors} -> stays open, errors shown under the named input blocks
 *   {response_action:'update', view}   -> the submitted view is replaced in place (same id, new hash)
 *   {response_action:'push', view}     -> a view is stacked on top (3 at most)
 *   {response_action:'clear'}          -> every view of the person closes
 * Anything else (non-2xx, no ack within 3 s, an invalid view, errors naming a block that is not an
 * input) leaves the modal open with Slack's generic "trouble connecting" banner: reported as
 * `rejected` with the reason, so the test can say what the bot got wrong.
 */
import { isRecord, recordField, stringField } from '../emulator/json';
import type { SlackView } from '../emulator/types';
import { checkView } from '../emulator/validation';
import type { Workspace } from '../emulator/workspace';
import { inputBlockIds } from './view-state';

export type SubmissionOutcome =
  | { kind: 'closed' }
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'updated'; view: SlackView }
  | { kind: 'pushed'; view: SlackView }
  | { kind: 'cleared' }
  | { kind: 'rejected'; reason: string };

function rejected(reason: string): SubmissionOutcome {
  return { kind: 'rejected', reason };
}

function viewProblem(view: unknown): string | undefined {
  const problem = checkView(view, 'modal');
  if (!problem) return undefined;
  const messages = recordField(problem, 'response_metadata')?.messages;
  return Array.isArray(messages) ? messages.join('; ') : String(problem.error);
}

function errorsOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) return undefined;
  return Object.fromEntries(entries);
}

export function applySubmissionAck(ws: Workspace, userId: string, submitted: SlackView, status: number, body: unknown): SubmissionOutcome {
  if (status < 200 || status >= 300) return rejected(`the app answered HTTP ${status}`);
  if (body === '' || body === undefined || body === null) {
    ws.views.closeModal(userId, submitted.id);
    return { kind: 'closed' };
  }
  if (!isRecord(body)) return rejected('the ack body is not a JSON object');
  const action = stringField(body, 'response_action');
  switch (action) {
    case undefined:
      ws.views.closeModal(userId, submitted.id);
      return { kind: 'closed' };
    case 'errors': {
      const errors = errorsOf(body.errors);
      if (!errors || Object.keys(errors).length === 0) return rejected('response_action "errors" needs an `errors` object of block_id -> message');
      const inputs = inputBlockIds(submitted);
      const unknown = Object.keys(errors).filter((id) => !inputs.has(id));
      if (unknown.length > 0) {
        return rejected(`errors name blocks that are not input blocks of the view: ${unknown.join(', ')} (input blocks: ${[...inputs].join(', ') || 'none'})`);
      }
      return { kind: 'errors', errors };
    }
    case 'update': {
      const problem = viewProblem(body.view);
      if (problem !== undefined) return rejected(`invalid view in response_action "update": ${problem}`);
      if (!ws.views.get(submitted.id)) return rejected('the submitted view is no longer open');
      return { kind: 'updated', view: ws.views.update(submitted.id, isRecord(body.view) ? body.view : {}) };
    }
    case 'push': {
      const problem = viewProblem(body.view);
      if (problem !== undefined) return rejected(`invalid view in response_action "push": ${problem}`);
      if (!ws.views.canPush(userId)) return rejected('push_limit_reached: a person can have at most 3 stacked views');
      return { kind: 'pushed', view: ws.views.push(userId, isRecord(body.view) ? body.view : {}) };
    }
    case 'clear':
      ws.views.clearModals(userId);
      return { kind: 'cleared' };
    default:
      return rejected(`unknown response_action "${action}"`);
  }
}
