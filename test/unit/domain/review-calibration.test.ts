import { calibrate } from '../../../src/domain/review-calibration';
import type { ReviewQuestion } from '../../../src/domain/review-template';

/** Calibration counts the managers' ratings per point, across the cycle and per team, of the questions HR may read. */
const rating = (id: string, readableBy: ReviewQuestion['readableBy'], answeredBy: ReviewQuestion['answeredBy'] = ['manager']): ReviewQuestion => ({
  id,
  kind: 'rating',
  prompt: id,
  labels: ['Low', 'Mid', 'High'],
  allowNa: true,
  answeredBy,
  readableBy,
});

describe('calibrating a cycle', () => {
  const competencies = new Map([['craft', { levels: ['Learning', 'Doing', 'Teaching', 'Leading'] }]]);
  const questions: ReviewQuestion[] = [
    rating('impact', ['manager', 'hr']),
    rating('secret', ['manager']),
    rating('self_only', ['employee', 'hr'], ['self']),
    { id: 'notes', kind: 'text', prompt: 'Notes', wordLimit: 50, answeredBy: ['manager'], readableBy: ['hr'] },
    { id: 'craft', kind: 'competency', prompt: 'Craft', competencyId: 'craft', allowNa: false, answeredBy: ['manager'], readableBy: ['hr'] },
  ];

  it('counts each point and N/A, overall and per team, for the rated questions managers answer and HR may read', () => {
    const result = calibrate(questions, competencies, [
      { managerId: 'm1', answers: { impact: { rating: 3 }, secret: { rating: 1 }, craft: { rating: 4 } } },
      { managerId: 'm1', answers: { impact: { rating: 'na' }, craft: { rating: 2 } } },
      { managerId: 'm2', answers: { impact: { rating: 1 } } },
    ]);
    expect(result.map((q) => q.question.id)).toEqual(['impact', 'craft']);
    expect(result[0]).toMatchObject({
      scale: ['Low', 'Mid', 'High'],
      all: { points: [1, 0, 1], na: 1 },
      byTeam: [
        { managerId: 'm1', counts: { points: [0, 0, 1], na: 1 } },
        { managerId: 'm2', counts: { points: [1, 0, 0], na: 0 } },
      ],
    });
    expect(result[1]).toMatchObject({ scale: ['Learning', 'Doing', 'Teaching', 'Leading'], all: { points: [0, 1, 0, 1], na: 0 }, byTeam: [{ managerId: 'm1' }] });
  });

  it('shows the questions with no rating yet as all zeros', () => {
    expect(calibrate([questions[0]!], competencies, [])).toEqual([{ question: questions[0], scale: ['Low', 'Mid', 'High'], all: { points: [0, 0, 0], na: 0 }, byTeam: [] }]);
  });
});
