import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { waitFor } from '../support/redis';
import { moveClockUntil, openSandboxPage } from '../support/sandbox-page';
import type { SandboxHarness } from '../support/sandbox';

/** Git-ignored (test-results/); CI keeps what the last run saw. */
const SCREENSHOTS = join(__dirname, '../../test-results/sandbox');

const hasChromium = chromiumAvailable();
const describeInBrowser = hasChromium ? describe : describe.skip;
const suite = hasChromium
  ? 'the sandbox page in Chromium'
  : `the sandbox page in Chromium (SKIPPED: no Chromium at ${CHROMIUM_PATH}; install it with "apt-get install chromium" or set CHROMIUM_PATH)`;

describeInBrowser(suite, () => {
  let h: SandboxHarness;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ h, page, close } = await openSandboxPage());
  }, 60_000);

  afterAll(() => close?.());

  const modal = () => page.getByRole('dialog', { name: 'New goal' });

  it('starts as the employee, with the guide beside the conversation', async () => {
    await expect(page.locator('.person.current .person-name').textContent()).resolves.toContain('Alex Morgan');
    await page.getByRole('heading', { name: 'Try this first' }).waitFor();
  });

  it('shows the inline error of an invalid submission in the form', async () => {
    await page.getByLabel('Message Cadence').fill('/goal');
    await page.getByLabel('Message Cadence').press('Enter');
    await modal().waitFor();

    const yesterday = DateTime.now().setZone('Europe/London').minus({ days: 1 }).toISODate()!;
    await modal().locator('[data-block-id="goal_title"] input').fill('Cut checkout latency to 300 ms');
    await modal().locator('[data-block-id="goal_target_date"] input').fill(yesterday);
    await modal().getByRole('button', { name: 'Create goal' }).click();

    const error = modal().locator('[data-block-id="goal_target_date"] .error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('The target date is in the past');
    // What was typed survives the redraw.
    await expect(modal().locator('[data-block-id="goal_title"] input').inputValue()).resolves.toBe('Cut checkout latency to 300 ms');
    await page.screenshot({ path: join(SCREENSHOTS, '1-inline-error.png') });
  });

  it('saves the goal, shows the confirmation DM, and the goal on the Home tab', async () => {
    const nextMonth = DateTime.now().setZone('Europe/London').plus({ days: 30 }).toISODate()!;
    await modal().locator('[data-block-id="goal_target_date"] input').fill(nextMonth);
    await modal().locator('[data-block-id="goal_description"] textarea').fill('p95, measured at the edge');
    await modal().locator('[data-block-id="goal_category"] select').selectOption('development');
    await modal().getByRole('button', { name: 'Create goal' }).click();
    await modal().waitFor({ state: 'detached' });

    // The story's own goals were confirmed too: this one is the goal just made.
    const dm = page.locator('#conversation .msg.from-bot', { hasText: 'New goal saved: Cut checkout latency to 300 ms' });
    await dm.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '2-confirmation-dm.png') });

    await page.getByRole('tab', { name: 'Home' }).click();
    await page.locator('#home').getByText('Cut checkout latency to 300 ms').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '3-home-tab.png') });
  });

  it('adds key results in the form as it is filled in, then updates one from the Update button', async () => {
    await page.getByRole('tab', { name: 'Messages' }).click();
    await page.getByLabel('Message Cadence').fill('/goal');
    await page.getByLabel('Message Cadence').press('Enter');
    await modal().waitFor();
    await modal().locator('[data-block-id="goal_title"] input').fill('Grow weekly active teams');
    await modal().getByRole('button', { name: 'Add key result' }).click();
    await modal().locator('[data-block-id="goal_kr_0_title"] input').waitFor();
    // What was typed before the form was rebuilt is still there.
    await expect(modal().locator('[data-block-id="goal_title"] input').inputValue()).resolves.toBe('Grow weekly active teams');
    await modal().locator('[data-block-id="goal_kr_0_title"] input').fill('Active teams');
    await modal().locator('[data-block-id="goal_kr_0_start"] input').fill('12');
    await modal().locator('[data-block-id="goal_kr_0_target"] input').fill('40');
    await page.screenshot({ path: join(SCREENSHOTS, '4-key-results-form.png') });
    await modal().getByRole('button', { name: 'Create goal' }).click();
    await modal().waitFor({ state: 'detached' });

    const dm = page.locator('#conversation .msg.from-bot', { hasText: 'New goal saved: Grow weekly active teams' });
    await dm.waitFor();
    await expect(dm.textContent()).resolves.toContain('Active teams: 12 → 40');
    await dm.getByRole('button', { name: 'Update' }).click();
    const update = page.getByRole('dialog', { name: 'Update goal' });
    await update.waitFor();
    await update.locator('input[data-el="number_input"]').fill('26');
    await update.getByRole('button', { name: 'Save update' }).click();
    const saved = page.getByRole('dialog', { name: 'Goal' });
    await saved.getByText('Update saved.').waitFor();
    await expect(saved.textContent()).resolves.toContain('50%');
    await page.screenshot({ path: join(SCREENSHOTS, '5-update-saved.png') });
  });
  let nudged = '';
  const nudgeIn = (user: string) => h.sandbox.emulator.dms(user).some((m) => m.text.startsWith('Time for your check-in'));
  const nudge = () => page.locator('#conversation .msg.from-bot', { hasText: 'Time for your check-in' });

  it("replies in a check-in nudge's thread, with a mention picked from the suggestions", async () => {
    const team = ['U0ALEX', 'U0PRIYA', 'U0ARJUN', 'U0SOFIA', 'U0DANA'];
    await page.keyboard.press('Escape');
    await page.locator('.modal-backdrop').waitFor({ state: 'detached' });
    await waitFor(async () => (await h.sandbox.time.next()) !== undefined, { what: 'the team to be scheduled' });
    await moveClockUntil(page, 'Deliver what is scheduled next', () => team.some(nudgeIn), 'a check-in nudge');
    nudged = team.find(nudgeIn) as string;
    await page.locator(`[data-person="${nudged}"]`).click();
    await nudge().hover();
    await nudge().getByRole('button', { name: 'Reply in thread' }).click();
    await page.locator('#thread-bar', { hasText: 'Replying in thread' }).waitFor();

    const composer = page.getByLabel('Message Cadence');
    await composer.pressSequentially('Shipped the importer with @pri');
    await page.getByRole('option', { name: /Priya Raman/ }).click();
    await expect(composer.inputValue()).resolves.toBe('Shipped the importer with @Priya Raman ');
    await composer.press('Enter');

    const thread = nudge().locator('.thread');
    await thread.getByText('Noted for').waitFor();
    await expect(thread.locator('.from-me').textContent()).resolves.toContain('Shipped the importer with @Priya Raman');
    await page.screenshot({ path: join(SCREENSHOTS, '6-thread-reply.png') });
  });

  it('finds the conversation after a restart of the sandbox, and its buttons still work', async () => {
    await h.restart();
    await page.goto(`${h.url}/?as=${nudged}`);
    await page.locator('#status[data-state="live"]').waitFor();
    await nudge().locator('.thread').getByText('Shipped the importer with @Priya Raman').waitFor();
    expect(await nudge().locator('.thread').textContent()).toContain('Shipped the importer with @Priya Raman');

    await page.locator('[data-person="U0ALEX"]').click();
    const dm = page.locator('#conversation .msg.from-bot', { hasText: 'New goal saved: Grow weekly active teams' });
    await dm.getByRole('button', { name: 'Update' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update goal' });
    await dialog.waitFor();
    // The modal is the goal's, loaded from the database the restarted sandbox found again.
    expect(await dialog.textContent()).toContain('Grow weekly active teams');
    await page.screenshot({ path: join(SCREENSHOTS, '7-after-restart.png') });
  });
});
