import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import { type FeedbackNote, type NoteField, validateNoteBody } from '../domain/feedback-note';
import type { FieldErrors, Validated } from '../domain/goal';
import { displayName, isActive, type Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { findNote, insertNote, listNotesTo, markNoteNotified } from '../repositories/feedback-note.repository';
import { loadManagerChain } from '../repositories/org.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import type { AccessService } from './access.service';
import type { FeedbackQueue } from './feedback-lifecycle';
import type { PeopleService } from './people.service';

/** Who a note would reach, shown in the form before anything is sent. */
export interface NoteAudience {
  recipient: Person;
  /** Their manager now: the one person a note can also be shared with. */
  manager: Person | undefined;
}

export interface NoteInput {
  recipientSlackId: string | null;
  body: string | null;
  shareWithManager: boolean;
}

export interface NoteWithPeople {
  note: FeedbackNote;
  author: Person;
  recipient: Person;
  sharedWith: Person | undefined;
}

export interface FeedbackNoteService {
  /** Who would read a note to this person; refused for oneself. */
  audience(actor: Person, recipientSlackId: string): Promise<NoteAudience>;
  give(actor: Person, input: NoteInput): Promise<Validated<NoteWithPeople, NoteField | 'share'>>;
  /** Notes about `subject` the actor may read: all of their own, or those shared with them as a manager. */
  notesAbout(actor: Person, subject: Person, limit: number): Promise<NoteWithPeople[]>;
  /** For the job that delivers a note, not for serving a person's request. */
  loadForDelivery(noteId: string): Promise<NoteWithPeople | undefined>;
  markNotified(noteId: string): Promise<void>;
}

export function createFeedbackNoteService(deps: { db: Db; clock: Clock; access: AccessService; people: PeopleService; queue: FeedbackQueue }): FeedbackNoteService {
  const { db, clock, access, people, queue } = deps;

  async function audienceOf(actor: Person, recipient: Person): Promise<NoteAudience> {
    await access.authorize(actor, 'feedback_note.give', await access.subject(recipient));
    const [managerId] = await loadManagerChain(db, recipient.id);
    const [manager] = managerId ? await findPeopleByIds(db, [managerId]) : [];
    return { recipient, manager: manager && isActive(manager) ? manager : undefined };
  }

  async function withPeople(notes: readonly FeedbackNote[]): Promise<NoteWithPeople[]> {
    const ids = notes.flatMap((n) => [n.authorId, n.recipientId, ...(n.sharedWithId ? [n.sharedWithId] : [])]);
    const byId = new Map((await findPeopleByIds(db, [...new Set(ids)])).map((p) => [p.id, p]));
    return notes.flatMap((note) => {
      const author = byId.get(note.authorId);
      const recipient = byId.get(note.recipientId);
      return author && recipient ? [{ note, author, recipient, sharedWith: note.sharedWithId ? byId.get(note.sharedWithId) : undefined }] : [];
    });
  }

  return {
    async audience(actor, recipientSlackId) {
      const recipient = await people.resolve(actor.workspaceId, recipientSlackId);
      if (!recipient) throw new AccessDeniedError('feedback_note.give', 'not_permitted');
      return audienceOf(actor, recipient);
    },

    async give(actor, input) {
      const errors: FieldErrors<NoteField | 'share'> = {};
      const recipient = input.recipientSlackId ? await people.resolve(actor.workspaceId, input.recipientSlackId) : undefined;
      if (!recipient) errors.recipient = 'Pick who the feedback is for.';
      else if (recipient.id === actor.id) errors.recipient = 'Pick someone else: feedback is for a colleague.';
      else if (recipient.isBot) errors.recipient = `${displayName(recipient)} is a bot, not a person.`;
      else if (!isActive(recipient)) errors.recipient = `${displayName(recipient)} is deactivated in Slack.`;
      const body = validateNoteBody(input.body);
      if (!body.ok) Object.assign(errors, body.errors);
      if (!recipient || !body.ok || Object.keys(errors).length > 0) return { ok: false, errors };

      const { manager } = await audienceOf(actor, recipient);
      if (input.shareWithManager && !manager) return { ok: false, errors: { share: `${displayName(recipient)} has no manager in Cadence, so this can only be private.` } };
      // Sharing with the manager who is also the author would say nothing new; keep it private.
      const sharedWith = input.shareWithManager && manager && manager.id !== actor.id ? manager : undefined;
      const note = await insertNote(db, {
        workspaceId: actor.workspaceId,
        authorId: actor.id,
        recipientId: recipient.id,
        body: body.value,
        sharedWithId: sharedWith?.id ?? null,
        createdAt: clock.now().toJSDate(),
      });
      await queue.note(note.id);
      return { ok: true, value: { note, author: actor, recipient, sharedWith } };
    },

    async notesAbout(actor, subject, limit) {
      const person = await access.subject(subject);
      // Only the person and their manager follow someone's feedback; each note is then checked on its own.
      await access.authorize(actor, 'feedback_summary.view', person);
      const notes = await listNotesTo(db, subject.id, limit);
      const visible: FeedbackNote[] = [];
      for (const note of notes) {
        const decision = await access.decide(actor, 'feedback_note.view', { person, authorId: note.authorId, sharedWithId: note.sharedWithId });
        if (decision.allowed) visible.push(note);
      }
      return withPeople(visible);
    },

    async loadForDelivery(noteId) {
      const note = await findNote(db, noteId);
      return note ? (await withPeople([note]))[0] : undefined;
    },

    async markNotified(noteId) {
      await markNoteNotified(db, noteId, clock.now().toJSDate());
    },
  };
}
