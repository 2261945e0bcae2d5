import type { App, BlockAction, Middleware, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { CadenceContext } from './context';

export type ActionListener = Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext>;
export type ViewListener = Middleware<SlackViewMiddlewareArgs, CadenceContext>;

/** A button or menu: its action_id, a pattern of action_ids, or an action_id within a block (or blocks, by pattern). */
export type ActionMatch = string | RegExp | { block_id: string | RegExp; action_id: string };

/** Where Cadence's buttons, menus and form submissions are registered. */
export interface ListenerRegistry {
  action(match: ActionMatch, listener: ActionListener): void;
  view(callbackId: string, listener: ViewListener): void;
}

const inBlock = (blockId: string, actionId: string) => `${blockId}\u0000${actionId}`;

/**
 * One Bolt listener for every button and one for every form, each finding Cadence's listener by
 * id. Bolt runs every registered listener's matching middleware on every request (a hundred
 * and more here, with their promises), which made each acknowledgement several times dearer than a
 * one-listener app's. Each id has one listener: a second registration is a mistake, refused at start.
 */
export function createListenerRouter(app: App<CadenceContext>): ListenerRegistry {
  const actions = new Map<string, ActionListener>();
  const patterns: Array<{ matches: (blockId: string, actionId: string) => boolean; listener: ActionListener }> = [];
  const views = new Map<string, ViewListener>();

  const claim = <T>(map: Map<string, T>, key: string, value: T, what: string) => {
    if (map.has(key)) throw new Error(`two listeners for the ${what} ${key.replace('\u0000', '/')}`);
    map.set(key, value);
  };

  app.action({ type: 'block_actions' }, async (args) => {
    const { block_id: blockId, action_id: actionId } = args.action;
    const listener = actions.get(inBlock(blockId, actionId)) ?? actions.get(actionId) ?? patterns.find(({ matches }) => matches(blockId, actionId))?.listener;
    if (listener) await listener(args);
  });
  app.view({ type: 'view_submission' }, async (args) => {
    const listener = views.get(args.view.callback_id);
    if (listener) await listener(args);
  });

  return {
    action(match, listener) {
      if (typeof match === 'string') claim(actions, match, listener, 'action');
      else if (match instanceof RegExp) patterns.push({ matches: (_, actionId) => match.test(actionId), listener });
      else if (typeof match.block_id === 'string') claim(actions, inBlock(match.block_id, match.action_id), listener, 'action');
      else {
        const { block_id: blocks, action_id: actionId } = match;
        patterns.push({ matches: (blockId, id) => id === actionId && blocks.test(blockId), listener });
      }
    },
    view(callbackId, listener) {
      claim(views, callbackId, listener, 'form');
    },
  };
}
