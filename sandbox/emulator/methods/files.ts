/** files.info: a file the workspace holds, as Slack describes it. */
import { renderFile } from '../files';
import { stringParam } from '../params';
import { fail, ok, type MethodHandler } from './context';

export const fileMethods: Record<string, MethodHandler> = {
  'files.info': ({ ws, params, baseUrl }) => {
    const file = ws.files.get(stringParam(params, 'file') ?? '');
    if (!file) return fail('file_not_found');
    if (file.deleted) return fail('file_deleted');
    return ok({ file: renderFile(file, ws.teamId, baseUrl), comments: [], response_metadata: { next_cursor: '' } });
  },
};
