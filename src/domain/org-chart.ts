import type { DateTime } from 'luxon';

/**
 * The org chart as a map from each person to their one manager. Pure functions over it, so the
 * same rules hold for one edit in the Home tab and for a pasted CSV of a whole company.
 */
export type ManagerOf = ReadonlyMap<string, string>;

/** Someone's managers, nearest first. Stops if it meets a loop, so it always ends. */
export function managerChain(personId: string, managerOf: ManagerOf): string[] {
  const chain: string[] = [];
  const seen = new Set([personId]);
  for (let current = managerOf.get(personId); current !== undefined && !seen.has(current); current = managerOf.get(current)) {
    chain.push(current);
    seen.add(current);
  }
  return chain;
}

/** Who reports to someone directly. */
export function directReports(managerId: string, managerOf: ManagerOf): string[] {
  const reports: string[] = [];
  for (const [personId, manager] of managerOf) if (manager === managerId && personId !== managerId) reports.push(personId);
  return reports;
}

/** Everyone below someone, at any depth; each once, and never the person themself (a loop stops there). */
export function reportTree(managerId: string, managerOf: ManagerOf): string[] {
  const below = new Set<string>();
  for (let frontier = [managerId]; frontier.length > 0; ) {
    const next: string[] = [];
    for (const manager of frontier) {
      for (const report of directReports(manager, managerOf)) {
        if (report === managerId || below.has(report)) continue;
        below.add(report);
        next.push(report);
      }
    }
    frontier = next;
  }
  return [...below];
}

/**
 * The loop that making `managerId` the manager of `personId` would close, as the path from the
 * person back to themself ([person, manager, …, person]); undefined when there is none.
 */
export function loopIfManaged(personId: string, managerId: string, managerOf: ManagerOf): string[] | undefined {
  if (personId === managerId) return [personId, personId];
  const above = managerChain(managerId, managerOf);
  const at = above.indexOf(personId);
  return at === -1 ? undefined : [personId, managerId, ...above.slice(0, at + 1)];
}

/** Every loop in a chart, each once, as [a, b, …, a]. A valid chart has none. */
export function findLoops(managerOf: ManagerOf): string[][] {
  const loops: string[][] = [];
  const settled = new Set<string>();
  for (const start of managerOf.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && !settled.has(current) && !onPath.has(current)) {
      onPath.set(current, path.length);
      path.push(current);
      current = managerOf.get(current);
    }
    if (current !== undefined && onPath.has(current)) {
      const loop = path.slice(onPath.get(current));
      loops.push([...loop, current]);
    }
    for (const person of path) settled.add(person);
  }
  return loops;
}

export type ProposalStatus = 'pending' | 'confirmed' | 'rejected' | 'withdrawn';

/** Someone named their manager; it counts once that manager confirms. */
export interface ManagerProposal {
  id: string;
  workspaceId: string;
  personId: string;
  managerId: string;
  status: ProposalStatus;
  createdAt: DateTime;
  decidedAt: DateTime | null;
}

export type ManagerLinkSource = 'admin' | 'import' | 'proposal';

/** One period in which someone reported to someone; `to` is null for the current one. */
export interface ManagerLink {
  personId: string;
  managerId: string;
  source: ManagerLinkSource;
  setBy: string | null;
  from: DateTime;
  to: DateTime | null;
}
