/** The tools Cadence connects to: four it pushes goals and next steps to, two it takes transcripts from. */
export const PUSH_KINDS = ['notion', 'asana', 'monday', 'webhook'] as const;
export const TRANSCRIPT_KINDS = ['fireflies', 'granola'] as const;
export type PushKind = (typeof PUSH_KINDS)[number];
export type IntegrationKind = PushKind | (typeof TRANSCRIPT_KINDS)[number];
export const INTEGRATION_KINDS: readonly IntegrationKind[] = [...PUSH_KINDS, ...TRANSCRIPT_KINDS];

export const TOOL_NAMES: Record<IntegrationKind, string> = {
  notion: 'Notion',
  asana: 'Asana',
  monday: 'monday.com',
  webhook: 'Webhook',
  fireflies: 'Fireflies',
  granola: 'Granola',
};

/** A review's next steps go to a tool as one item: at most this many, each this long. */
export const MAX_NEXT_STEPS = 5;
export const NEXT_STEP_MAX_CHARS = 300;

export const isPushKind = (kind: string): kind is PushKind => (PUSH_KINDS as readonly string[]).includes(kind);
