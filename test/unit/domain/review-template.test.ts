import {
  type Competency,
  competencyAppliesTo,
  countWords,
  formQuestions,
  peerRequestQuestions,
  prefillFrom,
  questionsInScope,
  readersLine,
  type ReviewQuestion,
  validateAnswers,
  validateTemplate,
} from '../../../src/domain/review-template';

const rating = (overrides: Partial<Extract<ReviewQuestion, { kind: 'rating' }>> = {}): ReviewQuestion => ({
  id: 'impact',
  kind: 'rating',
  prompt: 'Impact this half',
  labels: ['Below', 'Meets', 'Above'],
  allowNa: false,
  answeredBy: ['self', 'manager'],
  readableBy: ['employee', 'manager'],
  ...overrides,
});
const text: ReviewQuestion = { id: 'wins', kind: 'text', prompt: 'Your wins', wordLimit: 5, answeredBy: ['self'], readableBy: ['employee', 'manager', 'hr'] };
const choice: ReviewQuestion = { id: 'focus', kind: 'single_choice', prompt: 'Next focus', options: ['Depth', 'Breadth'], answeredBy: ['manager'], readableBy: ['manager', 'hr'] };
const competency: Competency = { id: 'c1', workspaceId: 'T1', name: 'Communication', description: '', levels: ['Learning', 'Doing', 'Teaching', 'Leading'], teamManagerId: null, role: null };
const competencies = new Map([[competency.id, competency]]);
const comp: ReviewQuestion = { id: 'comm', kind: 'competency', prompt: 'Communication', competencyId: 'c1', allowNa: true, answeredBy: ['manager'], readableBy: ['employee'] };

describe('which competencies are for whom', () => {
  // skip -> lead -> dev; ops has no manager.
  const scope = { managerOf: new Map([['dev', 'lead'], ['lead', 'skip']]), titleOf: new Map([['dev', ' Software Engineer '], ['ops', 'SRE']]) };
  const applies = (c: { teamManagerId: string | null; role: string | null }, who: string) => competencyAppliesTo(c, who, scope);

  it('gives a team’s competency to everyone under its manager at every level, and a role’s to that job title in any case', () => {
    expect(['dev', 'lead', 'ops'].map((who) => applies({ teamManagerId: 'skip', role: null }, who))).toEqual([true, true, false]);
    expect(['dev', 'lead', 'ops'].map((who) => applies({ teamManagerId: null, role: 'software engineer' }, who))).toEqual([true, false, false]);
    expect(['dev', 'ops'].map((who) => applies({ teamManagerId: 'lead', role: 'SRE' }, who))).toEqual([false, false]);
    expect(applies({ teamManagerId: null, role: null }, 'ops')).toBe(true);
  });

  it('asks a competency question only of the people its competency is for', () => {
    const rated = (id: string): ReviewQuestion => ({ id, kind: 'competency', prompt: id, competencyId: id, allowNa: false, answeredBy: ['self'], readableBy: ['employee'] });
    expect(questionsInScope([rated('a'), text, rated('b')], new Set(['b'])).map((q) => q.id)).toEqual(['wins', 'b']);
  });
});

describe('validating a template', () => {
  it('accepts named templates of well-formed questions', () => {
    expect(validateTemplate({ name: ' Half-year ', questions: [rating(), text, choice, comp] }, competencies)).toMatchObject({ ok: true, value: { name: 'Half-year' } });
  });

  it('refuses an empty template', () => {
    expect(validateTemplate({ name: 'Empty', questions: [] }, competencies)).toEqual({ ok: false, errors: { questions: 'Add at least one question: a template cannot be empty.' } });
  });

  it('refuses rating scales outside 3 to 7 points, unlabelled points and unknown competencies, per question', () => {
    const result = validateTemplate(
      { name: 'x', questions: [rating({ id: 'two', labels: ['a', 'b'] }), rating({ id: 'eight', labels: ['1', '2', '3', '4', '5', '6', '7', '8'] }), rating({ id: 'blank', labels: ['a', ' ', 'c'] }), { ...comp, competencyId: 'nope' }] },
      competencies,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        question_two: 'A rating scale needs 3 to 7 points (it has 2).',
        question_eight: 'A rating scale needs 3 to 7 points (it has 8).',
        question_blank: 'Give every point of a rating scale a label.',
        question_comm: 'Pick a competency of the framework.',
      },
    });
  });

  it('asks who answers and who reads every question', () => {
    const result = validateTemplate({ name: 'x', questions: [rating({ answeredBy: [] }), { ...text, readableBy: [] }] }, competencies);
    expect(result).toEqual({ ok: false, errors: { question_impact: 'Say who answers this question.', question_wins: 'Say who may read the answers.' } });
  });
});

describe('questions peers answer', () => {
  const five = ['Rarely', 'Sometimes', 'Often', 'Mostly', 'Always'];
  const peerRating = (id: string, prompt = `Rated ${id}`) => rating({ id, prompt, labels: five, answeredBy: ['peer'] });
  const peerText: ReviewQuestion = { id: 'peer_text', kind: 'text', prompt: 'What should they keep doing?', wordLimit: 100, answeredBy: ['peer'], readableBy: ['employee', 'manager'] };

  it('takes rating and text questions for peers, read by the employee and their manager as the 360 summary', () => {
    expect(validateTemplate({ name: 'x', questions: [peerRating('collab'), peerText, rating({ labels: five, answeredBy: ['self', 'peer'] })] }, competencies)).toMatchObject({ ok: true });
  });

  it('says inline that peers answer rating and text questions only', () => {
    const result = validateTemplate({ name: 'x', questions: [{ ...choice, answeredBy: ['peer'], readableBy: ['employee', 'manager'] }, { ...comp, answeredBy: ['peer', 'manager'], readableBy: ['employee', 'manager'] }] }, competencies);
    const message = 'Peers answer rating and text questions only: they answer in their 360 request.';
    expect(result).toEqual({ ok: false, errors: { question_focus: message, question_comm: message } });
  });

  it('never lets HR read peers’ answers, nor promises them to fewer readers than the 360 summary has', () => {
    const message = 'Peers’ answers are read as the 360 summary, by the employee and their managers, never HR: choose the employee and the manager.';
    const result = validateTemplate({ name: 'x', questions: [{ ...peerText, readableBy: ['employee', 'manager', 'hr'] }, rating({ answeredBy: ['peer'], readableBy: ['manager'] })] }, competencies);
    expect(result).toEqual({ ok: false, errors: { question_peer_text: message, question_impact: message } });
  });

  it('fits the peer questions in one 360 request: five ratings at most, each once, and one question in text', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => peerRating(id));
    expect(validateTemplate({ name: 'x', questions: six }, competencies)).toEqual({ ok: false, errors: { question_f: 'Peers rate at most 5 questions in their 360 request.' } });
    expect(validateTemplate({ name: 'x', questions: [peerRating('a', 'Ownership'), peerRating('b', ' ownership ')] }, competencies)).toEqual({
      ok: false,
      errors: { question_b: 'Peers are asked this already: ask them each rating question once.' },
    });
    // A rating on 3 points is asked as text: with a text question that makes two.
    expect(validateTemplate({ name: 'x', questions: [peerText, rating({ answeredBy: ['peer'] })] }, competencies)).toEqual({
      ok: false,
      errors: { question_impact: 'Peers answer one text question in their 360 request (a rating not on 5 points is asked as text).' },
    });
    expect(validateTemplate({ name: 'x', questions: [{ ...peerText, prompt: 'y'.repeat(201) }] }, competencies)).toEqual({
      ok: false,
      errors: { question_peer_text: 'Keep a question peers answer in text to 200 characters.' },
    });
  });

  it('asks peers 5-point ratings as the 360 request’s focus areas and anything else as its own question, and keeps them off the review forms', () => {
    const questions = [rating(), peerRating('collab', 'Collaboration'), text, rating({ id: 'three', prompt: 'Overall, as a teammate', answeredBy: ['peer'] }), peerRating('own', 'Ownership')];
    expect(peerRequestQuestions(questions)).toEqual({ focusAreas: ['Collaboration', 'Ownership'], customQuestion: 'Overall, as a teammate' });
    expect(peerRequestQuestions([rating(), text])).toEqual({ focusAreas: [], customQuestion: null });
    expect(formQuestions([...questions, rating({ id: 'both', answeredBy: ['self', 'peer'] })]).map((q) => q.id)).toEqual(['impact', 'wins', 'both']);
  });
});

describe('validating answers', () => {
  const questions = [rating({ allowNa: false }), text, choice, comp];
  const check = (role: 'self' | 'manager', answers: Parameters<typeof validateAnswers>[2], submit = true) => validateAnswers(questions, role, answers, { submit, competencies });

  it('accepts a complete self-assessment and trims text', () => {
    expect(check('self', { impact: { rating: 2 }, wins: { text: ' shipped the thing ' } })).toEqual({ ok: true, value: { impact: { rating: 2 }, wins: { text: 'shipped the thing' } } });
  });

  it('refuses a rating outside the scale and N/A where it is not allowed', () => {
    expect(check('self', { impact: { rating: 4 }, wins: { text: 'ok' } })).toEqual({ ok: false, errors: { question_impact: 'Pick a point from 1 to 3.' } });
    expect(check('self', { impact: { rating: 'na' }, wins: { text: 'ok' } })).toEqual({
      ok: false,
      errors: { question_impact: 'N/A is not an option for this question: pick a point on the scale.' },
    });
  });

  it('rates a competency on its levels, N/A allowed where the question says so', () => {
    expect(check('manager', { impact: { rating: 3 }, focus: { choices: ['Depth'] }, comm: { rating: 'na' } })).toMatchObject({ ok: true });
    expect(check('manager', { impact: { rating: 3 }, focus: { choices: ['Depth'] }, comm: { rating: 5 } })).toEqual({ ok: false, errors: { question_comm: 'Pick a point from 1 to 4.' } });
  });

  it('refuses an answer over its word limit, saying how long it is', () => {
    expect(check('self', { impact: { rating: 1 }, wins: { text: 'one two three four five six' } })).toEqual({ ok: false, errors: { question_wins: 'Keep this to 5 words (it has 6).' } });
  });

  it('lets a draft leave questions empty but not a submission', () => {
    expect(check('self', { wins: { text: 'draft' } }, false)).toEqual({ ok: true, value: { wins: { text: 'draft' } } });
    expect(check('self', { wins: { text: 'draft' } })).toEqual({ ok: false, errors: { question_impact: 'Answer this question before submitting.' } });
  });

  it('refuses answers to questions the role is not asked, and choices not offered', () => {
    expect(check('self', { impact: { rating: 1 }, wins: { text: 'a' }, focus: { choices: ['Depth'] } })).toMatchObject({ ok: false, errors: { questions: expect.any(String) } });
    expect(check('manager', { impact: { rating: 1 }, focus: { choices: ['Speed'] }, comm: { rating: 1 } })).toEqual({ ok: false, errors: { question_focus: 'Pick from the choices offered.' } });
  });
});

describe('around the form', () => {
  it('says who reads each answer, from the writer’s side', () => {
    expect(readersLine(text, 'self')).toBe('Who reads this: you, your manager, HR');
    expect(readersLine(choice, 'manager')).toBe('Who reads this: their manager, HR');
    // Where skip-level managers may read reviews, the form says so.
    expect(readersLine(text, 'self', true)).toBe('Who reads this: you, your manager and the managers above, HR');
  });

  it('counts words across any whitespace', () => {
    expect(countWords('  a\tb\nc  ')).toBe(3);
  });

  it('prefills only questions asked exactly the same way last time', () => {
    const previous = { questions: [rating(), { ...text, wordLimit: 50 }], answers: { impact: { rating: 2 }, wins: { text: 'old' } } };
    expect(prefillFrom([rating(), text], previous)).toEqual({ impact: { rating: 2 } });
  });
});
