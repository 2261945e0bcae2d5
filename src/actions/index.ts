import type { App, BlockAction } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import { HomeAction } from '../views/ids';
import { newGoalButton } from './new-goal.action';

export function registerActions(app: App<CadenceContext>): void {
  app.action<BlockAction>(HomeAction.NewGoal, newGoalButton());
}
