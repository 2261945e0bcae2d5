import { DateTime } from 'luxon';
import { countParticipation, settlement, withheld } from '../../../src/domain/feedback';
import { validateAnswer, validateDeclineReason, validateSelfRating } from '../../../src/domain/feedback-answer-rules';
import { validateFocusAreaList } from '../../../src/domain/feedback-focus-areas';
import { extendedDueOn, validateFeedbackRequest, validateMorePeers } from '../../../src/domain/feedback-request-rules';
import { shuffled, summarize } from '../../../src/domain/feedback-summary';
import type { Person } from '../../../src/domain/person';
import { buildPerson } from '../../support/people';

const person = (overrides: Partial<Person> = {}) => buildPerson(overrides);

describe('a feedback request', () => {
  const me = person();
  const [a, b, c] = [person(), person(), person()];
  const context = {
    requester: me,
    subject: me,
    readers: new Set([me.id]),
    awayUntil: () => null,
    workspaceFocusAreas: ['Communication', 'Delivery'],
    today: '2026-11-26',
    earlier: [],
    threshold: 3,
  };
  const input = { peers: [a, b, c], focusAreas: ['Delivery'], customQuestion: '  ', dueOn: '2026-12-03', note: null };

  it('accepts 2 to 6 peers, a listed focus area and a due date at least 3 days away', () => {
    expect(validateFeedbackRequest(input, context)).toEqual({
      ok: true,
      value: { peers: [a, b, c], focusAreas: ['Delivery'], customQuestion: null, dueOn: '2026-12-03', note: null },
    });
    expect(validateFeedbackRequest({ ...input, dueOn: '2026-11-29' }, context).ok).toBe(true);
  });

  it.each([
    ['one peer', { peers: [a] }, { peers: 'Pick at least 2 people (you picked 1).' }],
    ['seven peers', { peers: [a, b, c, person(), person(), person(), person()] }, { peers: 'Pick at most 6 people (you picked 7).' }],
    ['the same person twice', { peers: [a, b, a] }, { peers: 'Person 2 is listed twice.' }],
    ['a bot and a deactivated person', { peers: [a, person({ isBot: true, realName: 'Bot' }), person({ deactivated: true, realName: 'Gone' })] }, { peers: 'Bot is a bot, not a person. Gone is deactivated in Slack.' }],
    ['a due date tomorrow', { dueOn: '2026-11-27' }, { dueOn: 'Pick a date at least 3 days away (2026-11-29 or later), so people have time to answer.' }],
    ['a due date too far ahead', { dueOn: '2027-02-01' }, { dueOn: 'Pick a date within 60 days (by 2027-01-25).' }],
    ['no due date', { dueOn: null }, { dueOn: 'Pick a due date.' }],
    ['no focus area', { focusAreas: [] }, { focusAreas: 'Choose at least one focus area.' }],
    ['a focus area the workspace does not list', { focusAreas: ['Charisma'] }, { focusAreas: 'Choose from the listed focus areas.' }],
    ['a long question', { customQuestion: 'x'.repeat(201) }, { customQuestion: 'Keep the question to 200 characters or fewer (this one has 201).' }],
  ])('refuses %s with the reason beside the field', (_label, change, errors) => {
    expect(validateFeedbackRequest({ ...input, ...change }, context)).toEqual({ ok: false, errors });
  });

  it('keeps the requester and the subject out of the peers, and says why', () => {
    expect(validateFeedbackRequest({ ...input, peers: [me, a] }, context)).toEqual({
      ok: false,
      errors: { peers: 'Leave yourself out: ask others for feedback about you.' },
    });
    const report = person({ realName: 'Rey Report' });
    const asManager = { ...context, subject: report };
    expect(validateFeedbackRequest({ ...input, peers: [report, me, a] }, asManager)).toEqual({
      ok: false,
      errors: { peers: 'Leave Rey Report out: the feedback is about them. Leave yourself out: you will read the summary, so your own answer could not stay anonymous.' },
    });
  });

  it('refuses someone away past the due date, and accepts them when they are back before it', () => {
    const awayUntil = (p: Person) => (p.id === a.id ? '2026-12-05' : null);
    expect(validateFeedbackRequest(input, { ...context, awayUntil })).toEqual({
      ok: false,
      errors: { peers: 'Person 2 is away until 2026-12-05, past the due date. Pick someone else or a later date.' },
    });
    expect(validateFeedbackRequest({ ...input, dueOn: '2026-12-10' }, { ...context, awayUntil }).ok).toBe(true);
  });

  it('adds people in place of those who have not answered, within the room left, never twice', () => {
    const rules = { requester: me, subject: me, readers: new Set([me.id]), awayUntil: () => null, dueOn: '2026-12-03', alreadyAsked: new Set([a.id]), room: 1 };
    expect(validateMorePeers([a], rules)).toEqual({ ok: false, errors: { peers: 'Person 2 was asked already.' } });
    expect(validateMorePeers([b, c], rules)).toEqual({ ok: false, errors: { peers: 'Pick at most 1 (you picked 2).' } });
    expect(validateMorePeers([b], rules)).toEqual({ ok: true, value: [b] });
    expect(extendedDueOn('2026-11-27', '2026-11-26')).toBe('2026-11-29');
    expect(extendedDueOn('2026-12-03', '2026-11-26')).toBeUndefined();
  });
});

describe('an answer', () => {
  const request = { focusAreas: ['Communication', 'Delivery'], customQuestion: 'What should change?' };

  it('takes a rating (or N/A) and an optional comment per focus area, and trims what was written', () => {
    const answer = validateAnswer({ ratings: ['5', 'na'], comments: [' clear ', null], customAnswer: ' fewer meetings ', strengths: null, suggestions: '' }, request);
    expect(answer).toEqual({
      ok: true,
      value: { ratings: [5, null], comments: ['clear', null], customAnswer: 'fewer meetings', strengths: null, suggestions: null },
    });
  });

  it('needs every rating, keeps texts within their limits, and says which field is wrong', () => {
    expect(validateAnswer({ ratings: ['7', null], comments: ['x'.repeat(1001)], customAnswer: null, strengths: 'y'.repeat(1501), suggestions: null }, request)).toEqual({
      ok: false,
      errors: {
        'rating.0': 'Choose a rating, or N/A if you cannot say.',
        'rating.1': 'Choose a rating, or N/A if you cannot say.',
        'comment.0': 'Keep it to 1,000 characters or fewer (this has 1,001).',
        strengths: 'Keep it to 1,500 characters or fewer (this has 1,501).',
      },
    });
  });

  it('refuses an answer that says nothing, which would still count towards the threshold', () => {
    expect(validateAnswer({ ratings: ['na', 'na'], comments: [], customAnswer: null, strengths: ' ', suggestions: null }, request)).toMatchObject({
      ok: false,
      errors: { strengths: expect.stringContaining('decline the request instead') },
    });
  });

  it('ignores an answer to a question the request did not ask', () => {
    const result = validateAnswer({ ratings: ['3', '3'], comments: [], customAnswer: 'smuggled', strengths: null, suggestions: null }, { ...request, customQuestion: null });
    expect(result.ok && result.value.customAnswer).toBeNull();
  });

  it('rates oneself on the same scale, and limits a decline reason', () => {
    expect(validateSelfRating(['4', 'na'], request)).toEqual({ ok: true, value: [4, null] });
    expect(validateDeclineReason('x'.repeat(301))).toEqual({ ok: false, errors: { reason: 'Keep it to 300 characters or fewer (this has 301).' } });
    expect(validateDeclineReason('  ')).toEqual({ ok: true, value: null });
  });
});

describe('release', () => {
  const dueAt = DateTime.fromISO('2026-12-04T00:00:00Z');
  const before = dueAt.minus({ days: 1 });

  it('waits while anyone can still answer, releases at the threshold once nobody can, and closes short at the due time', () => {
    expect(settlement({ answered: 3, pending: 1, threshold: 3, dueAt, now: before })).toBe('wait');
    expect(settlement({ answered: 3, pending: 0, threshold: 3, dueAt, now: before })).toBe('release');
    expect(settlement({ answered: 2, pending: 0, threshold: 3, dueAt, now: before })).toBe('wait');
    expect(settlement({ answered: 3, pending: 2, threshold: 3, dueAt, now: dueAt })).toBe('release');
    expect(settlement({ answered: 2, pending: 1, threshold: 3, dueAt, now: dueAt })).toBe('close');
    expect(settlement({ answered: 4, pending: 0, threshold: 5, dueAt, now: dueAt })).toBe('close');
  });

  it('says why a summary is withheld, without telling how many answered while answers can still come', () => {
    const participation = countParticipation([{ status: 'answered' }, { status: 'answered' }, { status: 'pending' }]);
    expect(participation).toEqual({ invited: 3, answered: 2, declined: 0, pending: 1 });
    expect(withheld({ status: 'open' }, 2, 3)).toEqual({ reason: 'open', needed: 3 });
    expect(withheld({ status: 'open' }, 3, 3)).toEqual({ reason: 'open', needed: 3 });
    expect(withheld({ status: 'released' }, 3, 3)).toBeUndefined();
    expect(withheld({ status: 'closed' }, 2, 3)).toEqual({ reason: 'closed', answered: 2, needed: 3 });
  });
});

describe('a summary', () => {
  const request = { focusAreas: ['Communication', 'Delivery'], customQuestion: null };
  const answers = [
    { ratings: [5, 4] as const, comments: ['first', null], customAnswer: null, strengths: 'kind', suggestions: null },
    { ratings: [3, null] as const, comments: ['second', 'late twice'], customAnswer: null, strengths: null, suggestions: 'plan more' },
    { ratings: [4, 2] as const, comments: [' ', null], customAnswer: null, strengths: 'sharp', suggestions: null },
  ].map((a) => ({ ...a, ratings: [...a.ratings] }));

  it('gives each focus area its mean, distribution, N/A count and the gap to the self-rating', () => {
    const summary = summarize(request, answers, [3, 4], () => 0);
    expect(summary.focusAreas).toEqual([
      { label: 'Communication', mean: 4, rated: 3, notApplicable: 0, distribution: [0, 0, 1, 1, 1], self: 3, gap: 1, comments: expect.arrayContaining(['first', 'second']) },
      { label: 'Delivery', mean: 3, rated: 2, notApplicable: 1, distribution: [0, 1, 0, 1, 0], self: 4, gap: -1, comments: ['late twice'] },
    ]);
    expect(summary.focusAreas[0]?.comments).toHaveLength(2);
    expect(summary).toMatchObject({ answered: 3, strengths: expect.arrayContaining(['kind', 'sharp']), suggestions: ['plan more'], selfRated: true });
  });

  it('carries nothing but content: no field can hold an author', () => {
    const summary = summarize(request, answers, null);
    expect(JSON.stringify(summary)).not.toMatch(/author|peer|person|slack/i);
    expect(summary.focusAreas[0]?.gap).toBeNull();
  });

  it('orders comments afresh each time, not as they were stored', () => {
    const items = Array.from({ length: 8 }, (_, i) => `c${i}`);
    const orders = new Set(Array.from({ length: 20 }, () => shuffled(items).join()));
    expect(orders.size).toBeGreaterThan(1);
    expect(shuffled(items, () => 0)).not.toEqual(items);
    expect([...shuffled(items)].sort()).toEqual(items);
  });
});

describe('the workspace focus areas', () => {
  it('reads one per line, trimmed, and refuses duplicates, long labels and an empty list', () => {
    expect(validateFocusAreaList(' Craft \n\n  Mentoring  others\n')).toEqual({ ok: true, value: ['Craft', 'Mentoring others'] });
    expect(validateFocusAreaList('Craft\ncraft')).toEqual({ ok: false, errors: { focusAreas: '“craft” is listed twice.' } });
    expect(validateFocusAreaList('')).toEqual({ ok: false, errors: { focusAreas: 'List at least one focus area, one per line.' } });
    expect(validateFocusAreaList('x'.repeat(61)).ok).toBe(false);
    expect(validateFocusAreaList(Array.from({ length: 13 }, (_, i) => `Area ${i}`).join('\n'))).toEqual({
      ok: false,
      errors: { focusAreas: 'List at most 12 focus areas (this has 13).' },
    });
  });
});
