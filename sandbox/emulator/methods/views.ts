/**
 * views.open, views.push, views.update and views.publish. Triggers are exchanged here (once, within
 * 3 s); the view is validated before the trigger is spent, so a refused view leaves it usable.
 */
import { isRecord } from '../json';
import { nonEmptyParam, stringParam } from '../params';
import type { ApiBody, JsonRecord } from '../types';
import { checkView, invalidArguments } from '../validation';
import type { Workspace } from '../workspace';
import { fail, ok, type MethodHandler } from './context';

/** The view argument once validated (checkView has ruled out anything but an object). */
function viewSpec(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

function duplicateExternalId(ws: Workspace, spec: JsonRecord, exceptViewId?: string): ApiBody | undefined {
  const externalId = typeof spec.external_id === 'string' ? spec.external_id : '';
  const owner = ws.views.findByExternalId(externalId);
  return owner && owner.view.id !== exceptViewId ? fail('duplicate_external_id') : undefined;
}

function exchangeTrigger(ws: Workspace, params: JsonRecord): { userId: string } | ApiBody {
  const trigger = nonEmptyParam(params, 'trigger_id') ?? nonEmptyParam(params, 'interactivity_pointer');
  if (trigger === undefined) return invalidArguments(['missing required field: trigger_id']);
  const result = ws.triggers.exchange(trigger);
  return 'error' in result ? fail(result.error) : result;
}

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': ({ ws, params }) => {
    const problem = checkView(params.view, 'modal') ?? duplicateExternalId(ws, viewSpec(params.view));
    if (problem) return problem;
    const exchanged = exchangeTrigger(ws, params);
    if ('ok' in exchanged) return exchanged;
    return ok({ view: ws.views.open(exchanged.userId, viewSpec(params.view)) });
  },

  'views.push': ({ ws, params }) => {
    const problem = checkView(params.view, 'modal') ?? duplicateExternalId(ws, viewSpec(params.view));
    if (problem) return problem;
    const exchanged = exchangeTrigger(ws, params);
    if ('ok' in exchanged) return exchanged;
    if (!ws.views.topModal(exchanged.userId)) return fail('not_found');
    if (!ws.views.canPush(exchanged.userId)) return fail('push_limit_reached');
    return ok({ view: ws.views.push(exchanged.userId, viewSpec(params.view)) });
  },

  'views.update': ({ ws, params }) => {
    const viewId = nonEmptyParam(params, 'view_id');
    const externalId = nonEmptyParam(params, 'external_id');
    if (viewId === undefined && externalId === undefined) {
      return invalidArguments(['either view_id or external_id is required']);
    }
    const entry = viewId !== undefined ? ws.views.get(viewId) : ws.views.findByExternalId(externalId ?? '');
    if (!entry) return fail('not_found');
    const problem =
      checkView(params.view, entry.view.type === 'home' ? 'home' : 'modal') ??
      duplicateExternalId(ws, viewSpec(params.view), entry.view.id);
    if (problem) return problem;
    const hash = stringParam(params, 'hash');
    if (hash !== undefined && hash !== '' && hash !== entry.view.hash) return fail('hash_conflict');
    return ok({ view: ws.views.update(entry.view.id, viewSpec(params.view)) });
  },

  'views.publish': ({ ws, params }) => {
    const person = ws.person(stringParam(params, 'user_id') ?? '');
    if (!person || person.isBot) return fail('user_not_found');
    if (!ws.homeTabEnabled) return fail('not_enabled');
    const problem = checkView(params.view, 'home');
    if (problem) return problem;
    const hash = stringParam(params, 'hash');
    const current = ws.views.home(person.id);
    if (hash !== undefined && hash !== '' && current !== undefined && hash !== current.hash) return fail('hash_conflict');
    return ok({ view: ws.views.publishHome(person.id, viewSpec(params.view)) });
  },
};
