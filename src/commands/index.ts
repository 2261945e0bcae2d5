import type { App } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import { feedbackCommand, type FeedbackCommandDeps } from './feedback.command';
import { goalCommand, type GoalCommandDeps } from './goal.command';

export type CommandDeps = GoalCommandDeps & FeedbackCommandDeps;

/** Every slash command Cadence answers; manifest.yml must declare exactly these. */
export const slashCommands = {
  '/goal': goalCommand,
  '/feedback': feedbackCommand,
} as const;

export function registerCommands(app: App<CadenceContext>, deps: CommandDeps): void {
  for (const [name, listener] of Object.entries(slashCommands)) app.command(name, listener(deps));
}
