import type { Db } from '../db/client';
import { validateFocusAreaList } from '../domain/feedback-focus-areas';
import type { Validated } from '../domain/goal';
import type { Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { insertAuditEvents } from '../repositories/audit.repository';
import { findFeedbackFocusAreas, updateFeedbackFocusAreas } from '../repositories/settings.repository';
import type { AccessService } from './access.service';

/** The workspace's list of focus areas feedback can be asked about, kept by HR admins. */
export interface FeedbackFocusAreasService {
  forAdmin(actor: Person): Promise<string[]>;
  /** Replaces the list; requests made before keep the focus areas they were made with. */
  update(actor: Person, text: string | null): Promise<Validated<string[], 'focusAreas'>>;
}

export function createFeedbackFocusAreasService(deps: { db: Db; clock: Clock; access: AccessService }): FeedbackFocusAreasService {
  const { db, clock, access } = deps;
  const workspace = (actor: Person) => ({ workspaceId: actor.workspaceId });
  return {
    async forAdmin(actor) {
      await access.authorize(actor, 'settings.edit', workspace(actor));
      return findFeedbackFocusAreas(db, actor.workspaceId);
    },

    async update(actor, text) {
      await access.authorize(actor, 'settings.edit', workspace(actor));
      const checked = validateFocusAreaList(text);
      if (!checked.ok) return checked;
      const before = await findFeedbackFocusAreas(db, actor.workspaceId);
      if (JSON.stringify(before) === JSON.stringify(checked.value)) return checked;
      await db.transaction().execute(async (tx) => {
        await updateFeedbackFocusAreas(tx, actor.workspaceId, checked.value);
        await insertAuditEvents(
          tx,
          [
            {
              workspaceId: actor.workspaceId,
              actorId: actor.id,
              action: 'settings.workspace_changed',
              detail: { changes: { feedbackFocusAreas: { from: before, to: checked.value } } },
            },
          ],
          clock.now().toJSDate(),
        );
      });
      access.changed(actor.workspaceId, 'settings');
      return checked;
    },
  };
}
