import type { Page } from 'playwright-core';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { type SandboxHarness, startSandboxHarness } from './sandbox';

/** Clicks one of the page's clock controls and waits for the move to finish (the page redraws after it). */
export async function useClockControl(page: Page, name: string): Promise<void> {
  const moved = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/api/clock/'));
  await page.locator('.clock-controls').getByRole('button', { name, exact: true }).click();
  await moved;
}

/**
 * Uses a clock control until `done` holds: the sandbox's story has scheduled work of its own
 * (check-in nudges, feedback invitations, release notices), so how many moves it takes depends on
 * the hour the test runs.
 */
export async function moveClockUntil(page: Page, control: string, done: () => boolean | Promise<boolean>, what: string, moves = 30): Promise<void> {
  for (let move = 0; move < moves; move += 1) {
    if (await done()) return;
    await useClockControl(page, control);
  }
  if (!(await done())) throw new Error(`${what} did not happen in ${moves} uses of "${control}"`);
}

/** The sandbox (Cadence, the emulator, the clock and the page) with the page open in Chromium and live. */
export async function openSandboxPage(): Promise<{ h: SandboxHarness; page: Page; close(): Promise<void> }> {
  const h = await startSandboxHarness();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(h.url);
    await page.locator('#status[data-state="live"]').waitFor();
    const opened = browser;
    const close = async () => {
      await opened.close();
      await h.stop();
    };
    return { h, page, close };
  } catch (error) {
    await browser?.close();
    await h.stop();
    throw error;
  }
}
