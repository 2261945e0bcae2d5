/**
 * What one person sees right now, as the page's regions: built from the emulator's state (their DM,
 * ephemeral messages, Home tab, modal stack), the modal's feedback and the clock.
 */
import type { SlackEmulator } from '../emulator/emulator';
import type { TimeMachine } from '../../src/jobs/time-machine';
import type { ModalFeedback } from './modal-feedback';
import { SANDBOX_PEOPLE, sandboxPerson } from './people';
import type { RenderContext } from './render/elements';
import { clockHtml, conversationHtml, homeHtml, modalHtml, peopleHtml, type ModalRegion, type PersonCard } from './render/page';

export interface Regions {
  user: string;
  people: string;
  clock: string;
  conversation: string;
  home: string;
  modal: ModalRegion | null;
}

export interface SnapshotSources {
  emulator: SlackEmulator;
  time: TimeMachine;
  feedback: ModalFeedback;
}

/** Everyone a person can be in the page: the workspace's people, not its bots or deactivated accounts. */
export function peopleCards(emulator: SlackEmulator): PersonCard[] {
  return emulator
    .workspace()
    .allPeople()
    .filter((p) => !p.isBot && !p.deleted)
    .map((p) => ({ id: p.id, name: p.realName, handle: p.name, email: p.email, title: p.title, role: sandboxPerson(p.id)?.role ?? 'Member', tz: p.tz ?? 'UTC' }))
    .sort((a, b) => order(a.id) - order(b.id));
}

/** Seeded people in the story's order, anyone added later after them. */
function order(id: string): number {
  const index = SANDBOX_PEOPLE.findIndex((p) => p.id === id);
  return index < 0 ? SANDBOX_PEOPLE.length : index;
}

export async function regionsFor(sources: SnapshotSources, userId: string): Promise<Regions> {
  const { emulator, time, feedback } = sources;
  const people = peopleCards(emulator);
  const me = people.find((p) => p.id === userId);
  if (!me) throw new Error(`no person ${userId} in the sandbox`);
  const ctx: RenderContext = {
    people: people.map((p) => ({ id: p.id, name: p.name })),
    userName: (id) => people.find((p) => p.id === id)?.name ?? (id === emulator.workspace().botUserId ? 'Cadence' : undefined),
  };
  const now = time.now();
  const stack = emulator.modalStack(userId);
  return {
    user: userId,
    people: peopleHtml(people, userId, now),
    clock: clockHtml({ now, offsetMs: time.offsetMs, next: await time.next() }, me.tz),
    conversation: conversationHtml({
      messages: emulator.conversation(userId),
      ephemerals: emulator.ephemerals(userId),
      botUserId: emulator.workspace().botUserId,
      me,
      tz: me.tz,
      today: now.setZone(me.tz),
      ctx,
    }),
    home: homeHtml(emulator.home(userId), ctx),
    modal: modalHtml(stack, feedback.get(userId, stack.at(-1)), ctx),
  };
}
