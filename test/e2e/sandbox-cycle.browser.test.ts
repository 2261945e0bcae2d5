import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import type { SandboxHarness } from '../support/sandbox';
import { moveClockUntil, openSandboxPage } from '../support/sandbox-page';

jest.setTimeout(120_000);

/** Git-ignored (test-results/); CI keeps what the last run saw. */
const SCREENSHOTS = join(__dirname, '../../test-results/sandbox');

const hasChromium = chromiumAvailable();
const describeInBrowser = hasChromium ? describe : describe.skip;
const suite = hasChromium
  ? 'a review cycle run through the sandbox page in Chromium'
  : `a review cycle run through the sandbox page in Chromium (SKIPPED: no Chromium at ${CHROMIUM_PATH}; install it with "apt-get install chromium" or set CHROMIUM_PATH)`;

const DANA = 'U0DANA';
const ALEX = 'U0ALEX';
const PRIYA = 'U0PRIYA';

/**
 * What the sandbox's guide tells a visitor to do, done through the page as they would: the HR admin
 * launches a cycle, the clock controls bring the invitation, the employee takes the offline AI
 * draft with its sources and submits, both read the 360 synthesised, the manager reviews, sets the
 * conversation, gets the prep pack and shares the summary, and both sign off. No AI key: the
 * offline provider drafts.
 */
describeInBrowser(suite, () => {
  let h: SandboxHarness;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ h, page, close } = await openSandboxPage());
  }, 60_000);

  afterAll(() => close?.());

  const dialog = (name: string) => page.getByRole('dialog', { name, exact: true });
  const botMessage = (text: string) => page.locator('#conversation .msg.from-bot', { hasText: text }).last();
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, name) });
  /** A day on the sandbox's clock, `days` from now, in `zone`. */
  const day = (days: number, zone = 'Europe/London') => h.sandbox.cadence.deps.clock.now().setZone(zone).plus({ days }).toISODate() ?? '';
  const hasDm = (user: string, text: string) => () => h.sandbox.emulator.dms(user).some((m) => m.text.startsWith(text));

  let current = ALEX;
  async function actAs(user: string): Promise<void> {
    current = user;
    await page.locator(`[data-person="${user}"]`).click();
    await page.locator(`body[data-user="${user}"]`).waitFor();
    await page.getByRole('tab', { name: 'Messages' }).click();
  }

  async function send(text: string): Promise<void> {
    await page.getByLabel('Message Cadence').fill(text);
    await page.getByLabel('Message Cadence').press('Enter');
  }

  /** Closes the acting person's modals one by one with the × of each, as drawn. */
  async function closeModals(): Promise<void> {
    for (let open = h.sandbox.emulator.openModal(current); open; open = h.sandbox.emulator.openModal(current)) {
      const modal = page.locator(`.modal[data-view-id="${open.id}"]`);
      await modal.getByRole('button', { name: 'Close', exact: true }).first().click();
      await modal.waitFor({ state: 'detached' });
    }
  }

  it('offers the guide to running a cycle beside the conversation', async () => {
    await page.getByRole('heading', { name: 'Run a review cycle' }).waitFor();
  });

  it('lets Dana, the HR admin, create a cycle on the seeded template and launch it', async () => {
    await actAs(DANA);
    await send('/review admin');
    await dialog('Review cycles').getByRole('button', { name: 'New cycle' }).click();
    const form = dialog('New review cycle');
    await form.waitFor();
    await form.locator('[data-block-id="review_admin_name"] input').fill('H1 review');
    await form.locator('[data-block-id="review_admin_template"] select').selectOption({ label: 'Half-year review (v1)' });
    await form.getByLabel('A list of people').check();
    await form.locator('[data-block-id="review_admin_people"] select').selectOption([ALEX]);
    const due = { self_assessment: 10, peer_feedback: 14, manager_review: 17, conversation: 24, sign_off: 31 };
    for (const [phase, days] of Object.entries(due)) await form.locator(`[data-block-id="review_admin_phase_${phase}"] input`).fill(day(days));
    await shot('cycle-1-new-cycle.png');
    await form.getByRole('button', { name: 'Create' }).click();

    const cycle = dialog('Review cycle');
    await cycle.getByText('Created as a draft').waitFor();
    await cycle.getByRole('button', { name: 'Launch' }).click();
    await cycle.getByText('Launched').waitFor();
    await shot('cycle-2-launched.png');
    await closeModals();
  });

  it("brings Alex's self-assessment invitation when the clock is moved on from the page", async () => {
    await actAs(ALEX);
    await moveClockUntil(page, '1 day', hasDm(ALEX, 'Your self-assessment for H1 review is open'), "Alex's invitation", 5);
    await botMessage('Your self-assessment for H1 review is open').waitFor();
  });

  it('lets Alex take the offline AI draft, with the records it rests on, and submit the self-assessment', async () => {
    await send('/review');
    await botMessage('Your self-assessment').getByRole('button', { name: 'Open the form' }).click();
    const form = dialog('Self-assessment');
    await form.getByText('Who reads').first().waitFor();
    await form.locator('.blk', { hasText: 'What went well this half' }).waitFor();
    await form.getByRole('button', { name: 'Draft with AI' }).first().click();

    const draft = dialog('Draft with AI');
    await draft.getByText('Built inside Cadence from the records themselves').waitFor();
    // Each sentence with its source beside it: the goal update and the check-in it quotes.
    await draft.getByText('Rolled out to every new team after the A/B test held').first().waitFor();
    await draft.getByText('↳ Goal update · Launch the new onboarding flow').first().waitFor();
    await draft.getByText('Paired with Arjun to cut the flaky test suite').first().waitFor();
    await shot('cycle-3-self-assessment-draft.png');
    await draft.getByRole('button', { name: 'Use this draft' }).click();

    const drafted = form.locator('[data-block-id="review_qai_wins"] textarea');
    await drafted.waitFor();
    await expect(drafted.inputValue()).resolves.toContain('Rolled out to every new team after the A/B test held');
    await form.getByText('AI-drafted').first().waitFor();
    await form.locator('[data-block-id="review_q_impact"] select').selectOption('3');
    await form.locator('[data-block-id="review_q_growth"] textarea').fill('Bring design in before the plan is settled, and speak up earlier in large meetings.');
    await shot('cycle-4-self-assessment-form.png');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Submitted your self-assessment.').waitFor();
    await closeModals();
  });

  it("shows Alex the released 360 synthesised: strengths, growth areas and a disagreement, each with the answers behind it, no author named", async () => {
    await send('/feedback list');
    await botMessage('View summary').getByRole('button', { name: 'View summary' }).click();
    await dialog('Feedback summary').getByRole('button', { name: 'Draft a synthesis' }).click();
    const synthesis = dialog('Feedback synthesis');
    await synthesis.getByText('Your feedback, synthesised').waitFor();
    await synthesis.getByText('Strengths', { exact: true }).waitFor();
    await synthesis.getByText('Calm under pressure').first().waitFor();
    await synthesis.getByText('Share work in progress earlier').first().waitFor();
    await synthesis.getByText('answers sit at both ends of the scale').first().waitFor();
    expect(await synthesis.locator('.context', { hasText: '↳' }).count()).toBeGreaterThan(0);
    expect(await synthesis.textContent()).not.toMatch(/Arjun|Sofia|Dana/);
    await shot('cycle-5-360-synthesis.png');
    await closeModals();
  });

  it('lets Priya read the synthesis too, write her review, set the conversation, get her prep pack as the clock moves, and share the summary', async () => {
    await actAs(PRIYA);
    await send('/feedback list @alex');
    await botMessage('View summary').getByRole('button', { name: 'View summary' }).click();
    await dialog('Feedback summary').getByRole('button', { name: 'Draft a synthesis' }).click();
    await dialog('Feedback synthesis').getByText('Feedback about Alex Morgan, synthesised').waitFor();
    await closeModals();

    await send('/review');
    await botMessage('Your review of').getByRole('button', { name: 'Open the form' }).click();
    const review = dialog('Manager review');
    await review.locator('[data-block-id="review_q_impact"] select').selectOption('3');
    await review.locator('[data-block-id="review_q_strengths"] textarea').fill('Led the onboarding launch end to end; next, bring design in earlier.');
    await review.getByRole('button', { name: 'Save' }).click();
    await review.getByText('Submitted your review.').waitFor();
    await closeModals();

    await send('/review');
    await botMessage('The review conversation with').getByRole('button', { name: 'Set the time' }).click();
    const when = dialog('Review conversation');
    await when.locator('[data-block-id="review_conversation_date"] input').fill(day(3, 'America/New_York'));
    await when.locator('[data-block-id="review_conversation_time"] input').fill('11:00');
    await when.getByRole('button', { name: 'Set the time' }).click();
    await when.getByText('Set for').waitFor();
    await closeModals();

    // 48 hours before the conversation, the prep pack; its questions follow up on what Alex wrote.
    await moveClockUntil(page, '1 day', hasDm(PRIYA, 'Your prep pack for the review conversation with Alex Morgan'), "Priya's prep pack", 5);
    await botMessage('Your review conversation with').getByRole('button', { name: 'Suggest questions' }).click();
    const prep = dialog('Review prep');
    await prep.getByText('Questions for your review conversation with Alex Morgan').waitFor();
    await prep.getByText('From their self-assessment').waitFor();
    await prep.getByText('Bring design in before the plan is settled').first().waitFor();
    await shot('cycle-6-prep-pack.png');
    await closeModals();

    await send('/review');
    await botMessage('The review conversation with').getByRole('button', { name: 'Write and share the summary' }).click();
    const summary = dialog('Review summary');
    await summary.locator('[data-block-id="review_summary_agreed"] textarea').fill('A strong half: the onboarding launch landed.');
    await summary.locator('[data-block-id="review_summary_next_steps"] textarea').fill('Pair with design on the next flow');
    await shot('cycle-7-summary.png');
    await summary.getByRole('button', { name: 'Share' }).click();
    await summary.getByText('You and Alex Morgan are both asked to sign off.').waitFor();
    await closeModals();
  });

  it('brings both the sign-off request as the clock moves, and both sign off to a locked review', async () => {
    const request = 'A review summary is ready to sign off.';
    await moveClockUntil(page, '1 day', () => hasDm(ALEX, request)() && hasDm(PRIYA, request)(), 'the sign-off requests', 5);
    for (const [user, last] of [
      [ALEX, false],
      [PRIYA, true],
    ] as const) {
      await actAs(user);
      await botMessage('Read it and sign off').getByRole('button', { name: 'Read and sign off' }).click();
      const signOff = dialog('Sign off');
      await signOff.getByText('A strong half: the onboarding launch landed.').waitFor();
      await signOff.getByLabel('I sign off this review').check();
      await signOff.getByRole('button', { name: 'Send' }).click();
      await dialog('Review').getByText(last ? 'Both of you have signed: the review is locked.' : 'Signed off.').waitFor();
      await shot(last ? 'cycle-9-locked.png' : 'cycle-8-signed-by-alex.png');
      await closeModals();
    }
  });
});
