import type { App } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { GoalService } from '../services/goal.service';
import type { CadenceContext } from '../slack/context';
import { newGoalSubmit } from './goal/new-goal.submit';
import { CallbackId } from './ids';

export function registerViews(app: App<CadenceContext>, deps: { goals: GoalService; logger: Logger }): void {
  app.view(CallbackId.NewGoal, newGoalSubmit(deps));
}
