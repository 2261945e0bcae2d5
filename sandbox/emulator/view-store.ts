/**
 * Views of one workspace: each person's modal stack (at most three, as Slack allows) and their
 * published Home tab. Views keep their id across updates while the hash changes on every write,
 * which is what makes Slack's optimistic `hash` check meaningful.
 */
import { assignIds } from './block-ids';
import { slackId, viewHash } from './ids';
import { asBlocks, stringField } from './json';
import type { JsonRecord, SlackView } from './types';

export const MAX_MODAL_STACK = 3;

interface Owner {
  teamId: string;
  appId: string;
  botId: string;
  now: () => number;
}

interface Entry {
  userId: string;
  view: SlackView;
}

export class ViewStore {
  private readonly views = new Map<string, Entry>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();

  constructor(private readonly owner: Owner) {}

  get(viewId: string): Entry | undefined {
    return this.views.get(viewId);
  }

  findByExternalId(externalId: string): Entry | undefined {
    if (externalId === '') return undefined;
    for (const entry of this.views.values()) if (entry.view.external_id === externalId) return entry;
    return undefined;
  }

  /** Open views of a person, bottom first. */
  modalStack(userId: string): SlackView[] {
    return (this.stacks.get(userId) ?? []).flatMap((id) => {
      const entry = this.views.get(id);
      return entry ? [entry.view] : [];
    });
  }

  topModal(userId: string): SlackView | undefined {
    return this.modalStack(userId).at(-1);
  }

  home(userId: string): SlackView | undefined {
    const id = this.homes.get(userId);
    return id === undefined ? undefined : this.views.get(id)?.view;
  }

  /** views.open: a new root modal; anything the person had open is replaced. */
  open(userId: string, spec: JsonRecord): SlackView {
    this.clearModals(userId);
    const view = this.build(spec, { id: slackId('V'), rootViewId: null, previousViewId: null });
    view.root_view_id = view.id;
    this.views.set(view.id, { userId, view });
    this.stacks.set(userId, [view.id]);
    return view;
  }

  /** views.push / response_action push. The caller checks the limit first (see canPush). */
  push(userId: string, spec: JsonRecord): SlackView {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack.at(-1);
    const rootId = stack[0] ?? null;
    const view = this.build(spec, { id: slackId('V'), rootViewId: rootId, previousViewId: top ?? null });
    if (view.root_view_id === null) view.root_view_id = view.id;
    this.views.set(view.id, { userId, view });
    this.stacks.set(userId, [...stack, view.id]);
    return view;
  }

  canPush(userId: string): boolean {
    return (this.stacks.get(userId) ?? []).length < MAX_MODAL_STACK;
  }

  /** views.update / response_action update: same id and place in the stack, new content and hash. */
  update(viewId: string, spec: JsonRecord): SlackView {
    const entry = this.views.get(viewId);
    if (!entry) throw new Error(`view ${viewId} does not exist`);
    const old = entry.view;
    const view = this.build(spec, { id: old.id, rootViewId: old.root_view_id, previousViewId: old.previous_view_id });
    // A Home view's type cannot change through an update; Slack keeps it a home view.
    entry.view = view;
    return view;
  }

  /** views.publish: a person has one Home view whose id survives republishing. */
  publishHome(userId: string, spec: JsonRecord): SlackView {
    const existing = this.homes.get(userId);
    if (existing !== undefined) return this.update(existing, spec);
    const view = this.build(spec, { id: slackId('V'), rootViewId: null, previousViewId: null });
    this.views.set(view.id, { userId, view });
    this.homes.set(userId, view.id);
    return view;
  }

  /** Close the top modal (submit with an empty ack, or the close button). */
  popModal(userId: string): SlackView | undefined {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack.pop();
    if (top === undefined) return undefined;
    const entry = this.views.get(top);
    this.views.delete(top);
    if (stack.length === 0) this.stacks.delete(userId);
    return entry?.view;
  }

  /** Close one modal and whatever was pushed above it. */
  closeModal(userId: string, viewId: string): void {
    const stack = this.stacks.get(userId) ?? [];
    const index = stack.indexOf(viewId);
    if (index < 0) return;
    for (const id of stack.slice(index)) this.views.delete(id);
    if (index === 0) this.stacks.delete(userId);
    else this.stacks.set(userId, stack.slice(0, index));
  }

  clearModals(userId: string): void {
    for (const id of this.stacks.get(userId) ?? []) this.views.delete(id);
    this.stacks.delete(userId);
  }

  reset(): void {
    this.views.clear();
    this.stacks.clear();
    this.homes.clear();
  }

  private build(spec: JsonRecord, ids: { id: string; rootViewId: string | null; previousViewId: string | null }): SlackView {
    const type = stringField(spec, 'type') ?? 'modal';
    return {
      ...spec,
      id: ids.id,
      team_id: this.owner.teamId,
      type,
      blocks: assignIds(asBlocks(spec.blocks)),
      private_metadata: stringField(spec, 'private_metadata') ?? '',
      callback_id: stringField(spec, 'callback_id') ?? '',
      external_id: stringField(spec, 'external_id') ?? '',
      state: { values: {} },
      hash: viewHash(this.owner.now()),
      clear_on_close: spec.clear_on_close === true,
      notify_on_close: spec.notify_on_close === true,
      root_view_id: type === 'home' ? null : ids.rootViewId,
      previous_view_id: ids.previousViewId,
      app_id: this.owner.appId,
      bot_id: this.owner.botId,
      app_installed_team_id: this.owner.teamId,
    };
  }
}
