import type { ManagerProposal } from '../../../src/domain/org-chart';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { loadManagerOf } from '../../../src/repositories/org.repository';
import { createAccessService } from '../../../src/services/access.service';
import { createOrgService, type OrgService } from '../../../src/services/org.service';
import { createPeopleService } from '../../../src/services/people.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

describe('org service', () => {
  let t: TestDatabase;
  let org: OrgService;
  const events: Array<[string, ManagerProposal]> = [];
  const clock = new ManualClock('2026-11-23T12:00:00Z');
  let workspace = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    const access = createAccessService({ db: t.db });
    // Everyone in these tests is recorded up front, so the directory is never asked.
    const people = createPeopleService({
      db: t.db,
      defaultTimezone: 'UTC',
      directory: {
        fetchProfile: async () => undefined,
        listProfiles: async function* () {},
        workspaceIds: async () => ['T0UNUSED'],
      },
    });
    org = createOrgService({
      db: t.db,
      clock,
      access,
      people,
      events: {
        managerProposed: async (p) => void events.push(['proposed', p]),
        proposalAnswered: async (p) => void events.push(['answered', p]),
        managersChanged: async () => undefined,
      },
    });
  });
  afterAll(() => t.drop());

  /** A fresh workspace per test: an admin and the people named. */
  async function team<N extends string>(...names: N[]): Promise<Record<N | 'admin', Person>> {
    workspace += 1;
    const workspaceId = `T0ORG${workspace}`;
    const people: Partial<Record<N | 'admin', Person>> = {};
    for (const name of [...names, 'admin' as const]) {
      people[name] = await createPerson(t.db, { workspaceId, email: `${name}@${workspaceId}.test`.toLowerCase(), isAdmin: name === 'admin' });
    }
    return people as Record<N | 'admin', Person>;
  }

  const chartOf = async (people: Record<string, Person>) => {
    const managerOf = await loadManagerOf(t.db, Object.values(people)[0]?.workspaceId ?? '');
    const name = (id: string | undefined) => Object.entries(people).find(([, p]) => p.id === id)?.[0];
    return Object.fromEntries([...managerOf].map(([person, manager]) => [name(person), name(manager)]));
  };

  describe('a person names their manager', () => {
    it('asks the manager, who confirms; the link is set and both answers are announced', async () => {
      const p = await team('ana', 'bo');
      const proposed = await org.proposeManager(p.ana, p.bo.slackUserId);
      if (!proposed.ok) throw new Error(JSON.stringify(proposed.errors));
      expect(events.at(-1)).toEqual(['proposed', proposed.value.proposal]);
      expect(await chartOf(p)).toEqual({});

      const answer = await org.answerProposal(p.bo, proposed.value.proposal.id, true);
      expect(answer).toMatchObject({ outcome: 'confirmed', proposal: { status: 'confirmed' } });
      expect(events.at(-1)?.[0]).toBe('answered');
      expect(await chartOf(p)).toEqual({ ana: 'bo' });
      expect((await org.overview(p.bo)).reports.map((r) => r.id)).toEqual([p.ana.id]);
    });

    it('decides a proposal once, however often the buttons are pressed', async () => {
      const p = await team('ana', 'bo');
      const proposed = await org.proposeManager(p.ana, p.bo.slackUserId);
      if (!proposed.ok) throw new Error('expected a proposal');
      const answers = await Promise.all([
        org.answerProposal(p.bo, proposed.value.proposal.id, true),
        org.answerProposal(p.bo, proposed.value.proposal.id, false),
      ]);
      const outcomes = answers.map((a) => a.outcome);
      expect(outcomes.filter((o) => o === 'closed')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'confirmed' || o === 'rejected')).toHaveLength(1);
    });

    it('refuses anyone but the named manager as the one to answer', async () => {
      const p = await team('ana', 'bo', 'cy');
      const proposed = await org.proposeManager(p.ana, p.bo.slackUserId);
      if (!proposed.ok) throw new Error('expected a proposal');
      await expect(org.answerProposal(p.cy, proposed.value.proposal.id, true)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(org.answerProposal(p.admin, proposed.value.proposal.id, true)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    });

    it.each([
      ['nobody', () => null, 'Pick your manager.'],
      ['themself', (p: Record<string, Person>) => p.ana?.slackUserId ?? '', 'You cannot be your own manager. Pick the person you report to.'],
    ])('refuses %s as the manager', async (_label, pick, message) => {
      const p = await team('ana');
      expect(await org.proposeManager(p.ana, pick(p))).toEqual({ ok: false, errors: { manager: message } });
    });

    it('refuses a deactivated person, someone who reports to them, and the manager they already have', async () => {
      const p = await team('ana', 'bo', 'cy');
      await t.db.updateTable('person').set({ deactivated: true, real_name: 'Cy Gone' }).where('id', '=', p.cy.id).execute();
      expect(await org.proposeManager(p.ana, p.cy.slackUserId)).toEqual({ ok: false, errors: { manager: 'Cy Gone is deactivated in Slack.' } });

      await org.setManager(p.admin, p.bo.slackUserId, p.ana.slackUserId);
      const loop = await org.proposeManager(p.ana, p.bo.slackUserId);
      expect(loop).toEqual({ ok: false, errors: { manager: expect.stringContaining('reports to you') } });

      await org.setManager(p.admin, p.ana.slackUserId, p.cy.slackUserId);
      await t.db.updateTable('person').set({ deactivated: false }).where('id', '=', p.cy.id).execute();
      expect(await org.setManager(p.admin, p.ana.slackUserId, p.cy.slackUserId)).toEqual({ ok: true, value: expect.anything() });
      expect(await org.proposeManager(p.ana, p.cy.slackUserId)).toEqual({
        ok: false,
        errors: { manager: 'Cy Gone is already your manager.' },
      });
    });

    it('does not let an HR admin make themself anyone’s manager: that takes a second admin or the report’s own request', async () => {
      const p = await team('ana');
      const refused = await org.setManager(p.admin, p.ana.slackUserId, p.admin.slackUserId);
      expect(refused).toEqual({ ok: false, errors: { person: undefined, manager: expect.stringContaining('You cannot make yourself someone’s manager') } });
      const second = await createPerson(t.db, { workspaceId: p.ana.workspaceId, isAdmin: true });
      expect((await org.setManager(second, p.ana.slackUserId, p.admin.slackUserId)).ok).toBe(true);
    });

    it('replaces an unanswered proposal with a newer one', async () => {
      const p = await team('ana', 'bo', 'cy');
      const first = await org.proposeManager(p.ana, p.bo.slackUserId);
      await org.proposeManager(p.ana, p.cy.slackUserId);
      if (!first.ok) throw new Error('expected a proposal');
      expect(await org.answerProposal(p.bo, first.value.proposal.id, true)).toMatchObject({ outcome: 'closed', proposal: { status: 'withdrawn' } });
      expect((await org.overview(p.ana)).proposedManager?.id).toBe(p.cy.id);
    });
  });

  describe('admins edit the chart', () => {
    it('sets and removes a manager, keeping the history', async () => {
      const p = await team('ana', 'bo', 'cy');
      expect((await org.setManager(p.admin, p.ana.slackUserId, p.bo.slackUserId)).ok).toBe(true);
      clock.advance({ days: 1 });
      expect((await org.setManager(p.admin, p.ana.slackUserId, p.cy.slackUserId)).ok).toBe(true);
      clock.advance({ days: 1 });
      expect((await org.setManager(p.admin, p.ana.slackUserId, null)).ok).toBe(true);
      const history = await t.db.selectFrom('manager_link').select(['manager_id', 'valid_from', 'valid_to']).where('person_id', '=', p.ana.id).orderBy('valid_from').execute();
      expect(history.map((h) => [h.manager_id, h.valid_to !== null])).toEqual([
        [p.bo.id, true],
        [p.cy.id, true],
      ]);
      const audit = await t.db.selectFrom('audit_event').select(['action', 'actor_id']).where('subject_id', '=', p.ana.id).orderBy('created_at').execute();
      expect(audit.map((a) => a.action)).toEqual(['org.manager_set', 'org.manager_set', 'org.manager_removed']);
    });

    it('rejects a loop, even when two edits that would close it race', async () => {
      const p = await team('ana', 'bo');
      const results = await Promise.all([
        org.setManager(p.admin, p.ana.slackUserId, p.bo.slackUserId),
        org.setManager(p.admin, p.bo.slackUserId, p.ana.slackUserId),
      ]);
      expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, errors: { manager: expect.stringMatching(/^That would make a loop: /) } });
      expect(Object.keys(await chartOf(p))).toHaveLength(1);
    });

    it('refuses people who are not admins', async () => {
      const p = await team('ana', 'bo');
      await expect(org.setManager(p.ana, p.ana.slackUserId, p.bo.slackUserId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(org.importChart(p.ana, 'ana@x.test,bo@x.test')).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(org.summary(p.ana)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    });
  });

  describe('CSV import', () => {
    it('applies a good file whole, and audits each change', async () => {
      const p = await team('ana', 'bo', 'cy');
      const domain = p.ana.email?.split('@')[1];
      const csv = `email,manager_email\nbo@${domain},ana@${domain}\ncy@${domain},bo@${domain}\nana@${domain},`;
      expect(await org.importChart(p.admin, csv)).toEqual({ ok: true, changed: 2, unchanged: 1 });
      expect(await chartOf(p)).toEqual({ bo: 'ana', cy: 'bo' });
      const audit = await t.db.selectFrom('audit_event').select('action').where('workspace_id', '=', p.ana.workspaceId).orderBy('action').execute();
      expect(audit.map((a) => a.action)).toEqual(['org.imported', 'org.manager_set', 'org.manager_set']);
    });

    it('changes nothing at all when one line is bad, and says which', async () => {
      const p = await team('ana', 'bo', 'cy');
      await org.setManager(p.admin, p.cy.slackUserId, p.ana.slackUserId);
      const domain = p.ana.email?.split('@')[1];
      const csv = `bo@${domain},ana@${domain}\ncy@${domain},bo@${domain}\nzed@${domain},ana@${domain}`;
      expect(await org.importChart(p.admin, csv)).toEqual({
        ok: false,
        problems: [{ line: 3, reason: `unknown email zed@${domain}: no one in this workspace has it` }],
      });
      expect(await chartOf(p)).toEqual({ cy: 'ana' });
      expect(await t.db.selectFrom('audit_event').select('action').where('action', '=', 'org.imported').where('workspace_id', '=', p.ana.workspaceId).execute()).toEqual([]);
    });
  });

  it('summarises the chart for admins', async () => {
    const p = await team('ana', 'bo', 'cy');
    await org.setManager(p.admin, p.ana.slackUserId, p.bo.slackUserId);
    expect(await org.summary(p.admin)).toEqual({ activePeople: 4, withManager: 1, admins: 1 });
  });
});
