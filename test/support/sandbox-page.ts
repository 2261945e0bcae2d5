import type { Page } from 'playwright-core';

/** Clicks one of the page's clock controls and waits for the move to finish (the page redraws after it). */
export async function useClockControl(page: Page, name: string | RegExp): Promise<void> {
  const moved = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/api/clock/'));
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
  await moved;
}

/**
 * "Deliver what is scheduled next" until `done` holds: the sandbox's story has scheduled work of its
 * own (feedback invitations, release notices), so what comes first depends on the hour the test runs.
 */
export async function deliverUntil(page: Page, done: () => boolean | Promise<boolean>, what: string, steps = 30): Promise<void> {
  for (let step = 0; step < steps; step += 1) {
    if (await done()) return;
    await useClockControl(page, 'Deliver what is scheduled next');
  }
  if (!(await done())) throw new Error(`${what} did not happen in ${steps} deliveries`);
}
