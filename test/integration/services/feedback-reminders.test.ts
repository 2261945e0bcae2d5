import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import type { StepWork } from '../../../src/services/feedback-steps.service';
import { buildStepMessage } from '../../../src/views/feedback/feedback.messages';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';

/**
 * The reminders the README and the request form promise, with the default 7-day due date: a
 * follow-up on day 5 and a last reminder on the working day before the due date, only to those who
 * have neither answered nor declined, and one message that says it is both when they share a day.
 */
describe('feedback reminders as documented', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  /** Every message a peer gets over the request's life, walking the clock an hour at a time. */
  async function reminders(workspaceId: string, startIso: string) {
    const clock = new ManualClock(startIso);
    const f = wireFeedback(t.db, clock, workspaceId);
    const requester = await createPerson(t.db, { workspaceId });
    const silent = await createPerson(t.db, { workspaceId, realName: 'Silent Peer' });
    const answering = await createPerson(t.db, { workspaceId, realName: 'Answering Peer' });
    const created = await f.requests.create(requester, {
      subjectSlackId: requester.slackUserId,
      peerSlackIds: [silent.slackUserId, answering.slackUserId],
      focusAreas: ['Communication'],
      customQuestion: null,
      dueOn: clock.now().plus({ days: 7 }).toISODate() ?? '',
      note: null,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const request = created.value.request;
    const got: Array<{ to: Person; kind: StepWork['kind']; at: string; text: string }> = [];
    for (let hour = 0; hour < 8 * 24; hour += 1) {
      if (hour === 24) {
        // Answered on day 1, with nothing cancelled at answer time: the step itself must look again.
        await t.db.updateTable('feedback_invitation').set({ status: 'answered' }).where('request_id', '=', request.id).where('peer_id', '=', answering.id).execute();
      }
      for (const step of f.queued.steps.filter((s) => s.dueAt <= clock.now())) {
        const work = await f.steps.prepare(step.id);
        if (!work) continue;
        await f.steps.complete(step.id, true);
        got.push({ to: work.recipient, kind: work.kind, at: clock.now().setZone('Europe/London').toFormat('ccc dd HH:mm'), text: buildStepMessage(work).text });
      }
      f.queued.steps.splice(0, f.queued.steps.length, ...f.queued.steps.filter((s) => s.dueAt > clock.now()));
      clock.advance({ hours: 1 });
    }
    const to = (person: Person) => got.filter((m) => m.to.id === person.id).map(({ kind, at, text }) => ({ kind, at, text: text.split(':')[0] }));
    return { silent: to(silent), answering: to(answering) };
  }

  it('asked on a Wednesday: the follow-up on day 5 (Monday) and the last reminder on Tuesday, each once', async () => {
    // Wednesday 2 December 2026, 10:00 in London; due Wednesday 9 December.
    const { silent, answering } = await reminders('T0REMINDWED', '2026-12-02T10:00:00Z');
    expect(silent).toEqual([
      { kind: 'invite', at: 'Wed 02 10:00', text: expect.stringContaining('asked for your feedback') },
      { kind: 'follow_up', at: 'Mon 07 10:00', text: 'A reminder' },
      { kind: 'last_reminder', at: 'Tue 08 09:00', text: 'Last reminder' },
    ]);
    expect(answering.map((m) => m.kind)).toEqual(['invite']);
  });

  it('asked on a Tuesday: day 5 is a Sunday, so the Monday before the due date brings one message that says it is both', async () => {
    // Tuesday 1 December 2026, 10:00 in London; due Tuesday 8 December.
    const { silent, answering } = await reminders('T0REMINDTUE', '2026-12-01T10:00:00Z');
    expect(silent).toEqual([
      { kind: 'invite', at: 'Tue 01 10:00', text: expect.stringContaining('asked for your feedback') },
      { kind: 'last_reminder', at: 'Mon 07 09:00', text: 'A reminder, and the last one' },
    ]);
    expect(answering.map((m) => m.kind)).toEqual(['invite']);
  });
});
