/**
 * A newcomer's first minutes with a sandbox that `npm start` is already serving, through its page in
 * Chromium: /goal creates a goal and its confirmation DM arrives (a queued job), then "Deliver what
 * is scheduled next" brings a check-in nudge (a scheduler tick and a delayed job). .ci/run runs it
 * against a fresh clone in a network namespace where no Redis or PostgreSQL answers, so the queues
 * there can only be on the sandbox's embedded PostgreSQL.
 *
 * Usage: tsx test/e2e/sandbox-smoke.ts http://127.0.0.1:3000
 */
import { DateTime } from 'luxon';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

const TEAM = ['U0ALEX', 'U0PRIYA', 'U0ARJUN', 'U0SOFIA', 'U0DANA'];
const NUDGE = 'Time for your check-in';
/** The team's first nudge needs the directory sync and the first dispatcher tick. */
const NUDGE_DEADLINE_MS = 90_000;

async function main(url: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, `${url}/?as=U0ALEX`);
    await createGoal(page, 'Ship the fresh-clone check');
    pass('created a goal and received its confirmation DM');
    const nudged = await deliverUntilNudged(page, url);
    pass(`delivered what was scheduled next: ${nudged} received a check-in nudge`);
  } finally {
    await browser.close();
  }
}

async function open(page: Page, address: string): Promise<void> {
  await page.goto(address);
  await page.locator('#status[data-state="live"]').waitFor();
}

async function createGoal(page: Page, title: string): Promise<void> {
  const composer = page.getByLabel('Message Cadence');
  await composer.fill('/goal');
  await composer.press('Enter');
  const modal = page.getByRole('dialog', { name: 'New goal' });
  await modal.waitFor();
  await modal.locator('[data-block-id="goal_title"] input').fill(title);
  const target = DateTime.now().setZone('Europe/London').plus({ days: 30 }).toISODate() ?? '';
  await modal.locator('[data-block-id="goal_target_date"] input').fill(target);
  await modal.getByRole('button', { name: 'Create goal' }).click();
  await modal.waitFor({ state: 'detached' });
  await page.locator('#conversation .msg.from-bot', { hasText: `New goal saved: ${title}` }).waitFor({ timeout: 30_000 });
}

/** Presses "Deliver what is scheduled next" until someone in the team has a nudge; returns who. */
async function deliverUntilNudged(page: Page, url: string): Promise<string> {
  const deadline = Date.now() + NUDGE_DEADLINE_MS;
  while (Date.now() < deadline) {
    await open(page, `${url}/?as=U0ALEX`);
    await page.getByRole('button', { name: 'Deliver what is scheduled next' }).click();
    // The page answers every clock move with a toast (what went out, or that nothing is scheduled yet).
    await page.locator('#toast').waitFor({ state: 'visible', timeout: 60_000 });
    for (const person of TEAM) {
      await open(page, `${url}/?as=${person}`);
      if ((await page.locator('#conversation .msg.from-bot', { hasText: NUDGE }).count()) > 0) return person;
    }
    await page.waitForTimeout(1000);
  }
  throw new Error(`no check-in nudge reached the team within ${NUDGE_DEADLINE_MS / 1000} s`);
}

let passed = 0;
function pass(what: string): void {
  passed += 1;
  process.stdout.write(`ok - ${what}\n`);
}

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: tsx test/e2e/sandbox-smoke.ts <sandbox url>\n');
  process.exit(2);
}
main(target).then(
  () => process.stdout.write(`sandbox smoke: ${passed} passed, 0 failed\n`),
  (error: unknown) => {
    process.stderr.write(`not ok - ${error instanceof Error ? error.message : String(error)}\n`);
    process.stdout.write(`sandbox smoke: ${passed} passed, 1 failed\n`);
    process.exit(1);
  },
);
