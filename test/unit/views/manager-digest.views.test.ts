import { DateTime } from 'luxon';
import type { Checkin } from '../../../src/domain/checkin';
import type { Goal } from '../../../src/domain/goal';
import { summarizeDigest } from '../../../src/domain/manager-digest';
import type { DigestContent, ReportCheckin } from '../../../src/services/manager-digest.service';
import { buildManagerDigestMessage, checkinButtonValue } from '../../../src/views/digest/manager-digest.messages';
import { buildReportCheckinModal } from '../../../src/views/digest/report-checkin.modal';
import { buildPerson } from '../../support/people';

const checkin = (over: Partial<Checkin> = {}): Checkin => ({ periodId: 'x', period: '2026-11-20', wins: 'Shipped', blockers: null, confidence: 7, mood: null, moodShared: false, ...over });

function content(reports: Array<{ name: string; checkin?: Checkin }>, goals: DigestContent['goalsAtRisk'] = []): DigestContent {
  const listed = reports.map((r, i) => ({ personId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: r.name, checkin: r.checkin }));
  return {
    manager: buildPerson({ name: 'maya' }),
    period: '2026-11-20',
    summary: summarizeDigest(listed, 3),
    goalsAtRisk: goals,
    staleGoals: [],
    checkinPeriods: new Map(listed.flatMap((r) => (r.checkin ? [[r.personId, r.checkin.period] as const] : []))),
  };
}

const textOf = (blocks: readonly unknown[]) => JSON.stringify(blocks);

describe('the manager digest message', () => {
  it('lists who checked in, who did not, escaped attributed blockers and a button per check-in', () => {
    const message = buildManagerDigestMessage(
      content([{ name: 'Ana', checkin: checkin({ blockers: 'Waiting on <!channel> & legal', mood: 4, moodShared: true }) }, { name: 'Ben' }]),
    );
    const text = textOf(message.blocks);
    expect(text).toContain('Checked in (1)');
    expect(text).toContain('Not checked in (1)');
    expect(text).toContain('*Ana:* Waiting on &lt;!channel&gt; &amp; legal');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('Ana 4/5');
    const buttons = message.blocks.filter((b) => b.type === 'actions');
    expect(buttons).toHaveLength(1);
    expect(JSON.stringify(buttons)).toContain(JSON.stringify(checkinButtonValue('00000000-0000-4000-8000-000000000000', '2026-11-20')).slice(1, -1));
  });

  it('never shows an unshared mood, and the team mood only above the threshold', () => {
    const few = textOf(buildManagerDigestMessage(content([{ name: 'Ana', checkin: checkin({ mood: 1 }) }, { name: 'Ben', checkin: checkin({ mood: 5 }) }])).blocks);
    expect(few).not.toMatch(/mood/i);
    const enough = textOf(
      buildManagerDigestMessage(content(['Ana', 'Ben', 'Cleo'].map((name, i) => ({ name, checkin: checkin({ mood: i + 2 }) })))).blocks,
    );
    expect(enough).toContain('Team mood: *3.0* / 5 from 3 check-ins');
    expect(enough).not.toContain('Shared with you');
  });

  it('stays within 50 blocks for a large team, summarising beyond the caps', () => {
    const reports = Array.from({ length: 40 }, (_, i) => ({ name: `Report ${i}`, checkin: i % 4 === 0 ? undefined : checkin({ blockers: `Blocker ${i}` }) }));
    const goal = (i: number): Goal => ({
      id: `g${i}`, workspaceId: 'T1', ownerId: 'o', title: `Goal ${i}`, description: null, category: 'performance', level: 'individual', parentId: null,
      weight: 1, targetDate: null, status: 'at_risk', visibility: 'private', progress: 10, competencyId: null, createdAt: DateTime.utc(), updatedAt: DateTime.utc(),
    });
    const message = buildManagerDigestMessage(content(reports, Array.from({ length: 30 }, (_, i) => ({ goal: goal(i), owner: buildPerson(), overdue: i % 2 === 0 }))));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = textOf(message.blocks);
    expect(text).toContain('…and 22 more.');
    expect(text).toContain('15 more check-ins');
    expect(text).toContain('Goals needing attention (30)');
  });
});

describe('the report check-in modal', () => {
  const report = buildPerson({ name: 'ana' });
  it('shows the mood only when shared with the viewer', () => {
    const shared: ReportCheckin = { report, checkin: checkin({ mood: 2, moodShared: true, wins: '*bold* <@U1>' }), showMood: true };
    const hidden: ReportCheckin = { report, checkin: checkin({ mood: 2 }), showMood: false };
    expect(textOf(buildReportCheckinModal(shared, '2026-11-20').blocks)).toContain('*Mood:* 2 / 5');
    expect(textOf(buildReportCheckinModal(shared, '2026-11-20').blocks)).toContain('&lt;@U1&gt;');
    expect(textOf(buildReportCheckinModal(hidden, '2026-11-20').blocks)).not.toContain('Mood');
  });
});
