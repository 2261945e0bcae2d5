import type { SlackMessage } from '../../sandbox';
import { recordPeriods, saveCheckin, settlePeriod } from '../../src/repositories/checkin.repository';
import { checkinButtonValue } from '../../src/views/digest/manager-digest.messages';
import { DigestAction } from '../../src/views/ids';
import { linkManager } from '../support/factories';
import { startTimedCadence, type TimedCadence } from '../support/nudges';

const person = (id: string, name: string) => ({ id, name, realName: `${name[0]!.toUpperCase()}${name.slice(1)} Example`, email: `${name}@example.com`, tz: 'Europe/London' });
const maya = person('U0MAYA', 'maya');
const ana = person('U0ANA', 'ana');
const ben = person('U0BEN', 'ben');
const cleo = person('U0CLEO', 'cleo');
const peter = person('U0PETER', 'peter');
const dan = person('U0DAN', 'dan');

const isDigest = (m: SlackMessage) => m.text.startsWith("Your team's week");

jest.setTimeout(120_000);

/**
 * Maya manages Ana, Ben and Cleo; Peter, her peer, manages Dan. Ana and Ben check in for Friday
 * 12 March 2027 with blockers (Ana shares her mood, Ben does not), Cleo does not. The digest
 * reaches Maya once, on Tuesday 16 March at 09:00 London time, once Monday's check-in window closed.
 */
describe('the manager digest through the emulator', () => {
  let c: TimedCadence;
  beforeAll(async () => {
    c = await startTimedCadence('2027-03-10T12:00:00Z', { people: [maya, ana, ben, cleo, peter, dan] });
    const db = c.h.database.db;
    const idOf = async (slackId: string) => (await db.selectFrom('person').select('id').where('slack_user_id', '=', slackId).executeTakeFirstOrThrow()).id;
    for (const report of [ana, ben, cleo]) await linkManager(db, await idOf(report.id), await idOf(maya.id));
    await linkManager(db, await idOf(dan.id), await idOf(peter.id));
  });
  afterAll(() => c.h.stop());

  async function checkIn(slackId: string, answers: { wins: string; blockers: string | null; mood: number; moodShared: boolean }) {
    const db = c.h.database.db;
    const row = await db.selectFrom('person').select(['id', 'workspace_id']).where('slack_user_id', '=', slackId).executeTakeFirstOrThrow();
    const [period] = await recordPeriods(db, [{ workspaceId: row.workspace_id, personId: row.id, period: '2027-03-12' }], c.clock.now());
    await saveCheckin(db, period!.id, { ...answers, confidence: 7 }, c.clock.now());
    await settlePeriod(db, period!.id, 'checked_in', c.clock.now());
    return row.id;
  }

  it('arrives once, at the manager’s local morning after the check-in day, listing the team correctly', async () => {
    await c.moveTo('2027-03-12T16:00:00Z');
    const anaId = await checkIn(ana.id, { wins: 'Shipped', blockers: 'Waiting on <legal> & procurement', mood: 4, moodShared: true });
    await checkIn(ben.id, { wins: 'Demo', blockers: 'No test data', mood: 2, moodShared: false });
    await checkIn(dan.id, { wins: 'Fixed the build', blockers: null, mood: 3, moodShared: false });

    await c.moveTo('2027-03-16T08:59:00Z');
    expect(c.h.emulator.dms(maya.id).filter(isDigest)).toEqual([]);
    await c.step();
    const digest = await c.h.emulator.waitForDm(maya.id, isDigest);
    const sentAt = Number(digest.ts) * 1000;
    expect(sentAt).toBeGreaterThanOrEqual(Date.parse('2027-03-16T09:00:00Z'));
    expect(sentAt).toBeLessThan(Date.parse('2027-03-16T09:02:00Z'));
    const blocks = JSON.stringify(digest.blocks);
    expect(digest.text).toBe("Your team's week up to Friday 12 March: 2 of 3 checked in.");
    expect(blocks).toContain('*Checked in (2)*\\nAna Example, Ben Example');
    expect(blocks).toContain('*Not checked in (1)*\\nCleo Example');
    expect(blocks).toContain('*Ana Example:* Waiting on &lt;legal&gt; &amp; procurement');
    expect(blocks).toContain('*Ben Example:* No test data');
    expect(blocks).toContain('Shared with you: Ana Example 4/5');
    expect(blocks).not.toContain('Ben Example 2/5');

    // The report's check-in opens for the manager, with the mood only where shared.
    await c.h.driver.clickButton({ user: maya.id, actionId: `${DigestAction.OpenCheckinPrefix}1`, source: { message: { channel: digest.channel, ts: digest.ts } } });
    const modal = await c.h.emulator.waitForModal(maya.id, (v) => v.callback_id === 'digest_report_checkin');
    expect(JSON.stringify(modal.blocks)).toContain('No test data');
    expect(JSON.stringify(modal.blocks)).not.toContain('Mood');

    // Peter's crafted click on his own digest, naming Ana's check-in: refused plainly.
    const petersDigest = await c.h.emulator.waitForDm(peter.id, isDigest);
    await c.h.driver.clickButton({
      user: peter.id,
      actionId: `${DigestAction.OpenCheckinPrefix}0`,
      value: checkinButtonValue(anaId, '2027-03-12'),
      source: { message: { channel: petersDigest.channel, ts: petersDigest.ts } },
    });
    await c.h.emulator.waitForEphemeral(peter.id, (m) => m.text === "You can't do that.");

    // No one else got a digest, and a later tick sends Maya nothing more.
    await c.moveTo('2027-03-16T12:00:00Z');
    expect(c.h.emulator.dms(maya.id).filter(isDigest)).toHaveLength(1);
    for (const report of [ana, ben, cleo, dan]) expect(c.h.emulator.dms(report.id).filter(isDigest)).toEqual([]);
    const ledger = await c.h.database.db.selectFrom('delivery').select('dedupe_key').where('kind', '=', 'manager-digest').execute();
    expect(ledger).toHaveLength(2);
  });
});
