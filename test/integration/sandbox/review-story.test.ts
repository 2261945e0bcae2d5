import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { stateFile } from '../../../sandbox/web/state-file';
import { REVIEW_TEMPLATE_NAME } from '../../../sandbox/web/story-seed';
import type { Person } from '../../../src/domain/person';
import { type SandboxHarness, startSandboxHarness } from '../../support/sandbox';

/**
 * The review story the sandbox starts with: enough for a person at the page to run a cycle, and for
 * the offline provider (no AI key) to give Alex a self-assessment draft and a 360 synthesis worth reading.
 */
describe("the sandbox's review story", () => {
  let h: SandboxHarness;
  const person = (id: string): Promise<Person> => h.sandbox.cadence.deps.people.resolveActor('T0CADENCE', id);

  beforeAll(async () => {
    h = await startSandboxHarness();
  });
  afterAll(() => h.stop());

  it("gives Dana, the HR admin, a template to start a cycle with, and is set up once", async () => {
    const dana = await person('U0DANA');
    expect((await h.sandbox.cadence.deps.reviewAdmin.templates(dana)).map((t) => t.name)).toEqual([REVIEW_TEMPLATE_NAME]);
    expect(JSON.parse(readFileSync(stateFile(h.dataDir), 'utf8'))).toMatchObject({ reviewStorySeeded: true });
    await h.restart();
    expect(await h.sandbox.cadence.deps.reviewAdmin.templates(dana)).toHaveLength(1);
  });

  it("releases a 360 about Alex from three peers, which Alex and Priya can read synthesised (strengths, growth, a disagreement), every point citing the answers", async () => {
    const { feedbackRequests, ai } = h.sandbox.cadence.deps;
    const alex = await person('U0ALEX');
    const [released] = (await feedbackRequests.listAbout(alex, alex)).filter((p) => p.request.status === 'released');
    expect(released?.withheld).toBeUndefined();
    expect(released?.answered).toBeGreaterThanOrEqual(released?.threshold ?? Infinity);
    for (const reader of [alex, await person('U0PRIYA')]) {
      const result = await ai.feedbackSynthesis(reader, released?.request.id ?? '');
      if (!result.ok) throw new Error(`no synthesis: ${result.reason}`);
      const strengths = result.draft.sections.find((s) => s.key === 'strengths');
      expect(result.draft.source).toBe('offline');
      expect(strengths?.status).toBe('drafted');
      expect(strengths?.sentences.length).toBeGreaterThan(0);
      expect(result.draft.sections.find((s) => s.key === 'contradictions')?.status).toBe('drafted');
      for (const sentence of result.draft.sections.flatMap((s) => s.sentences)) expect(sentence.citations.length).toBeGreaterThan(0);
      // Anonymous: nobody who answered is named.
      expect(JSON.stringify(result.draft.sections)).not.toMatch(/Arjun|Sofia|Dana/);
    }
  });

  it("gives Alex an offline self-assessment draft from the goals' updates and the check-in, each sentence cited", async () => {
    const { reviewAdmin, reviewDrafts, clock } = h.sandbox.cadence.deps;
    const [dana, alex] = [await person('U0DANA'), await person('U0ALEX')];
    const [template] = await reviewAdmin.templates(dana);
    const day = (days: number) => clock.now().setZone('Europe/London').plus({ days }).toISODate() ?? '';
    const cycle = await reviewAdmin.createCycle(dana, {
      name: 'H1',
      templateVersionId: template?.id ?? '',
      participants: { kind: 'people', personIds: [alex.id] },
      phases: { self_assessment: day(10), peer_feedback: day(14), manager_review: day(17), conversation: day(24), sign_off: day(31) },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await reviewAdmin.launch(dana, cycle.value.id);
    const participant = await h.sandbox.cadence.deps.db.selectFrom('review_participant').select('id').where('person_id', '=', alex.id).executeTakeFirstOrThrow();

    const drafted = await reviewDrafts.answer(alex, participant.id, 'self', 'wins');
    if (!drafted.ok) throw new Error(`no draft: ${drafted.reason}`);
    const { draft, text } = drafted.value;
    expect(draft.sections[0]?.status).toBe('drafted');
    expect(text).toContain('Rolled out to every new team after the A/B test held');
    expect(text).toContain('Paired with Arjun to cut the flaky test suite');
    for (const sentence of draft.sections[0]?.sentences ?? []) expect(sentence.citations.length).toBeGreaterThan(0);
    expect(DateTime.fromISO(drafted.value.from).isValid).toBe(true);

    const growth = await reviewDrafts.answer(alex, participant.id, 'self', 'growth');
    if (!growth.ok) throw new Error(`no draft: ${growth.reason}`);
    expect(growth.value.text).toContain('Waiting on a decision about which analytics vendor we keep');
    expect(growth.value.text).toContain('alerts wait on access to the metrics stack');
  });
});
