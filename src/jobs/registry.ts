import type { AnyJobDefinition, AnyJobHandler, QueueName } from './job-definition';

/**
 * Checks that every job kind has exactly one handler, and groups the handlers by queue and name.
 * Throws one error listing every problem, so a missing handler fails boot rather than leaving
 * jobs to pile up (Immich's job.repository setup() does the same).
 */
export function buildRegistry(
  definitions: ReadonlyArray<AnyJobDefinition>,
  handlers: ReadonlyArray<AnyJobHandler>,
): ReadonlyMap<QueueName, ReadonlyMap<string, AnyJobHandler>> {
  const problems: string[] = [];
  const defsByName = new Map<string, AnyJobDefinition>();
  for (const def of definitions) {
    if (defsByName.has(def.name)) problems.push(`job "${def.name}" is defined twice`);
    defsByName.set(def.name, def);
  }

  const handlersByName = new Map<string, AnyJobHandler>();
  for (const handler of handlers) {
    const name = handler.definition.name;
    if (handlersByName.has(name)) {
      problems.push(`job "${name}" has more than one handler`);
    } else if (defsByName.get(name) !== handler.definition) {
      // Same name but another object would mean two schemas for one job kind.
      problems.push(`handler for "${name}" uses a definition that is not in the registry`);
    }
    handlersByName.set(name, handler);
  }
  for (const name of defsByName.keys()) {
    if (!handlersByName.has(name)) problems.push(`job "${name}" has no handler`);
  }
  if (problems.length > 0) {
    throw new Error(`job registry is invalid:\n- ${problems.join('\n- ')}`);
  }

  const byQueue = new Map<QueueName, Map<string, AnyJobHandler>>();
  for (const [name, handler] of handlersByName) {
    const queue = handler.definition.queue;
    const forQueue = byQueue.get(queue) ?? new Map<string, AnyJobHandler>();
    forQueue.set(name, handler);
    byQueue.set(queue, forQueue);
  }
  return byQueue;
}
