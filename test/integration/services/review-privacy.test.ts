import { ManualClock } from '../../../src/lib/clock';
import { createPeopleService } from '../../../src/services/people.service';
import { createPrivacyService } from '../../../src/services/privacy.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { QUESTIONS, wireReviews } from '../../support/reviews';

/**
 * Reviews are personal content: a person's data export holds what they may see of their own review
 * and what they wrote about others; erasing them deletes their own review and keeps what they wrote
 * in their reports' reviews, under the placeholder.
 */
describe('reviews and personal data', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-12-07T10:00:00Z');
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('exports what each may see, and erases the review of the person erased', async () => {
    const r = wireReviews(t.db, clock);
    const people = createPeopleService({
      db: t.db,
      defaultTimezone: 'UTC',
      directory: { fetchProfile: async () => undefined, listProfiles: async function* () {}, workspaceIds: async () => ['T0REVPRIV'] },
    });
    const privacy = createPrivacyService({ db: t.db, clock, access: r.access, people });
    const hr = await createPerson(t.db, { workspaceId: 'T0REVPRIV', isAdmin: true });
    const manager = await createPerson(t.db, { workspaceId: 'T0REVPRIV', realName: 'Mo Manager' });
    const employee = await createPerson(t.db, { workspaceId: 'T0REVPRIV', realName: 'Emma Employee' });
    await linkManager(t.db, employee.id, manager.id);
    const template = await r.admin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const phases = { self_assessment: '2026-12-18', peer_feedback: '2026-12-23', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' };
    const cycle = await r.admin.createCycle(hr, { name: 'H2 2026', templateVersionId: template.value.id, participants: { kind: 'people', personIds: [employee.id] }, phases });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await r.admin.launch(hr, cycle.value.id);
    const participant = (await t.db.selectFrom('review_participant').select('id').executeTakeFirstOrThrow()).id;
    expect(await r.reviews.save(employee, participant, 'self', { impact: { rating: 3 }, wins: { text: 'Shipped billing' } }, true)).toMatchObject({ ok: true });
    expect(await r.reviews.save(manager, participant, 'manager', { impact: { rating: 2 }, private: { text: 'Ready for more' } }, true)).toMatchObject({ ok: true });

    const exportOf = async (slackUserId: string) => {
      const result = await privacy.exportPerson(hr, slackUserId);
      if (!result.ok) throw new Error('export refused');
      return result.value.data.reviews;
    };
    // Before the summary is shared, the employee's export has only their own answers.
    expect(await exportOf(employee.slackUserId)).toEqual({
      own: [
        {
          cycle: 'H2 2026',
          selfAssessment: { answers: [{ question: 'Impact this half', answer: { rating: 3 } }, { question: 'Your wins', answer: { text: 'Shipped billing' } }], submittedAt: '2026-12-07T10:00:00.000Z' },
          managerReview: null,
          summary: null,
          signOffs: [],
        },
      ],
      written: [],
    });

    expect(await r.reviews.scheduleConversation(manager, participant, clock.now().plus({ days: 3 }))).toMatchObject({ ok: true });
    expect(await r.reviews.share(manager, participant, { agreed: 'A good half', nextSteps: ['Lead Q1'] })).toMatchObject({ ok: true });
    const shared = await exportOf(employee.slackUserId);
    // The manager's note for HR is not the employee's to read.
    expect(shared.own[0]?.managerReview).toEqual({ answers: [{ question: 'Impact this half', answer: { rating: 2 } }], submittedAt: '2026-12-07T10:00:00.000Z' });
    expect(shared.own[0]?.summary).toEqual({ agreed: 'A good half', nextSteps: ['Lead Q1'], ratings: { impact: 2 }, sharedAt: '2026-12-07T10:00:00.000Z' });
    // The manager's export holds what they wrote, every answer of it.
    expect(await exportOf(manager.slackUserId)).toEqual({
      own: [],
      written: [
        {
          cycle: 'H2 2026',
          about: { slackUserId: employee.slackUserId, name: 'Emma Employee' },
          answers: [{ question: 'Impact this half', answer: { rating: 2 } }, { question: 'Notes for HR', answer: { text: 'Ready for more' } }],
          submittedAt: '2026-12-07T10:00:00.000Z',
        },
      ],
    });

    // Erasing the manager keeps the employee's review whole; erasing the employee deletes it.
    expect((await privacy.erasePerson(hr, manager.slackUserId)).ok).toBe(true);
    expect(await t.db.selectFrom('review_response').select('role').orderBy('role').execute()).toEqual([{ role: 'manager' }, { role: 'self' }]);
    expect((await privacy.erasePerson(hr, employee.slackUserId)).ok).toBe(true);
    const left = await Promise.all((['review_participant', 'review_response', 'review_sign_off', 'review_step'] as const).map(async (table) => (await t.db.selectFrom(table).selectAll().execute()).length));
    expect(left).toEqual([0, 0, 0, 0]);
  });
});
