import type { App } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import { checkinCommand, type CheckinCommandDeps } from './checkin.command';
import { feedbackCommand, type FeedbackCommandDeps } from './feedback.command';
import { goalCommand, type GoalCommandDeps } from './goal.command';
import { reviewCommand, type ReviewCommandDeps } from './review.command';

export type CommandDeps = GoalCommandDeps & FeedbackCommandDeps & CheckinCommandDeps & ReviewCommandDeps;

/** Every slash command Cadence answers; manifest.yml must declare exactly these. */
export const slashCommands = {
  '/goal': goalCommand,
  '/feedback': feedbackCommand,
  '/checkin': checkinCommand,
  '/review': reviewCommand,
} as const;

export function registerCommands(app: App<CadenceContext>, deps: CommandDeps): void {
  for (const [name, listener] of Object.entries(slashCommands)) app.command(name, listener(deps));
}
