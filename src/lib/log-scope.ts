import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The workspace a request or a job acts for, added to every log line written while it runs (the
 * logger's mixin reads it), so an operator can follow one workspace through shared processes.
 * A request knows its workspace from the start; a job learns it when it loads what it works on.
 */
const scope = new AsyncLocalStorage<{ workspace?: string }>();

export function inLogScope<T>(work: () => Promise<T>, workspace?: string): Promise<T> {
  return scope.run(workspace === undefined ? {} : { workspace }, work);
}

/** Names the workspace for the rest of the current request or job. */
export function bindLogWorkspace(workspace: string): void {
  const current = scope.getStore();
  if (current) current.workspace = workspace;
}

export function logScopeFields(): { workspace?: string } {
  const workspace = scope.getStore()?.workspace;
  return workspace === undefined ? {} : { workspace };
}
