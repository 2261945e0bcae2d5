import { join } from 'node:path';
import { ESLint } from 'eslint';

// The layering rules in eslint.config.mjs, checked against files that break them (linted as if
// they sat at `file`, never written to disk), and against the imports each layer may make.
const eslint = new ESLint({ cwd: join(__dirname, '../..') });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(__dirname, '../..', file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('architecture lint rules', () => {
  it.each([
    ['src/domain/x.ts', "import { findGoal } from '../repositories/goal.repository';\nexport const f = findGoal;\n", /database/],
    ['src/domain/x.ts', "import { createDb } from '../db/client';\nexport const f = createDb;\n", /database/],
    ['src/domain/x.ts', "import type { App } from '@slack/bolt';\nexport type A = App;\n", /never imports Slack/],
    ['src/domain/x.ts', "import { Queue } from 'bullmq';\nexport const q = Queue;\n", /Queues live in src\/jobs/],
    ['src/domain/x.ts', "import { createGoalService } from '../services/goal.service';\nexport const f = createGoalService;\n", /pure/],
    ['src/services/x.ts', "import { App } from '@slack/bolt';\nexport const a = App;\n", /ports/],
    ['src/services/x.ts', "import { Redis } from 'ioredis';\nexport const r = Redis;\n", /Queues live in src\/jobs/],
    ['src/services/x.ts', "import type { Db } from '../db/client';\nexport const f = (db: Db) => db.selectFrom('goal').selectAll().execute();\n", /Only src\/repositories/],
    ['src/jobs/x.ts', "import { sql } from 'kysely';\nexport const q = sql`select 1`;\n", /Only src\/repositories/],
    ['src/commands/x.ts', "import { registerActions } from '../actions';\nexport const r = registerActions;\n", /Commands do not import actions/],
    ['src/commands/goal.command.ts', "import { registerActions } from '../actions';\nexport const r = registerActions;\n", /Commands do not import actions/],
    // No command is an exception: the goal and feedback commands share views and services with the buttons, not actions/.
    ['src/commands/goal.command.ts', "import { goalModals } from '../actions/goal-buttons.action';\nexport const g = goalModals;\n", /Commands do not import actions/],
    ['src/commands/feedback.command.ts', "import { registerFeedbackActions } from '../actions/feedback.action';\nexport const r = registerFeedbackActions;\n", /Commands do not import actions/],
    ['src/views/home/x.ts', "import { DELIVERY_PROBLEM_DAYS } from '../../services/delivery-problems.service';\nexport const d = DELIVERY_PROBLEM_DAYS;\n", /import only types/],
    ['src/views/home/x.ts', "import { findGoal } from '../../repositories/goal.repository';\nexport const f = findGoal;\n", /database/],
  ])('%s: refuses %j', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['src/repositories/x.ts', "import { sql } from 'kysely';\nimport type { Db } from '../db/client';\nexport const f = (db: Db) => db.selectFrom('goal').select(sql<number>`1`.as('one')).execute();\n"],
    ['src/services/x.ts', "import type { Db } from '../db/client';\nimport { findGoal } from '../repositories/goal.repository';\nexport const f = (db: Db) => findGoal(db, 'g');\n"],
    ['src/views/home/x.ts', "import type { GoalService } from '../../services/goal.service';\nexport type G = GoalService;\n"],
    ['src/jobs/x.ts', "import { Queue } from 'bullmq';\nexport const q = Queue;\n"],
  ])('%s: allows %j', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
