/**
 * What the sandbox keeps between runs beside the embedded database: how far its clock runs ahead
 * (without it, a restart would put "now" before goals and messages stored at a later sandbox time)
 * and whether the story's org chart and review story were set up, so a visitor's own changes are not undone.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const stateSchema = z.object({ clockOffsetMs: z.number().int().min(0), orgChartSeeded: z.boolean().default(false), reviewStorySeeded: z.boolean().default(false) });
export type SandboxState = z.infer<typeof stateSchema>;

const FRESH: SandboxState = { clockOffsetMs: 0, orgChartSeeded: false, reviewStorySeeded: false };

export function stateFile(dataDir: string): string {
  return join(dataDir, 'sandbox.json');
}

/** The saved state, or a fresh one when there is none or it cannot be read (reported by `problem`). */
export function readState(dataDir: string): { state: SandboxState; problem?: string } {
  let text: string;
  try {
    text = readFileSync(stateFile(dataDir), 'utf8');
  } catch {
    return { state: FRESH };
  }
  try {
    return { state: stateSchema.parse(JSON.parse(text)) };
  } catch {
    return { state: FRESH, problem: `${stateFile(dataDir)} is not valid; the sandbox clock starts at the real time` };
  }
}

export function writeState(dataDir: string, state: SandboxState): void {
  mkdirSync(dataDir, { recursive: true });
  // Write then rename, so a crash mid-write never leaves half a file.
  const tmp = `${stateFile(dataDir)}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, stateFile(dataDir));
}
