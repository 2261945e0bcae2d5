import type { SlackView } from '../emulator/types';

export interface Feedback {
  /** block_id -> message under that input. */
  errors: Record<string, string>;
  /** Slack's banner when it refused the app's answer, with the reason for the developer. */
  banner?: string;
}

/**
 * What the page shows on a person's open modal besides the view itself: the inline errors of the
 * last submission, or the banner Slack shows when it refused the app's answer. Tied to one version
 * of one view (id and hash): an update, a push or a close makes it go, as in Slack.
 */
export class ModalFeedback {
  private readonly byUser = new Map<string, Feedback & { viewId: string; hash: string }>();

  set(userId: string, view: SlackView, feedback: Feedback): void {
    this.byUser.set(userId, { ...feedback, viewId: view.id, hash: view.hash });
  }

  get(userId: string, view: SlackView | undefined): Feedback | undefined {
    const stored = this.byUser.get(userId);
    if (!stored || !view || stored.viewId !== view.id || stored.hash !== view.hash) return undefined;
    return stored;
  }
}
