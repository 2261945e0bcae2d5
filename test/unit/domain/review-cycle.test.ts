import { type CycleDraft, itemState, type ParticipantProgress, validateCycle, validateExtension } from '../../../src/domain/review-cycle';

const phases = { self_assessment: '2026-12-20', peer_feedback: '2027-01-05', manager_review: '2027-01-05', conversation: '2027-01-12', sign_off: '2027-01-19' };
const draft = (overrides: Partial<CycleDraft> = {}): CycleDraft => ({ name: 'H2 2026', templateVersionId: 'v1', questionCount: 3, participantIds: ['p1'], phases, ...overrides });
const TODAY = '2026-12-07';

describe('validating a cycle', () => {
  it('accepts phases in order from today on', () => {
    expect(validateCycle(draft(), TODAY)).toMatchObject({ ok: true });
    expect(validateCycle(draft({ phases: { ...phases, self_assessment: TODAY } }), TODAY)).toMatchObject({ ok: true });
  });

  it('refuses a phase due before the previous one, naming it', () => {
    expect(validateCycle(draft({ phases: { ...phases, manager_review: '2027-01-04' } }), TODAY)).toEqual({
      ok: false,
      errors: { phase_manager_review: 'This is due before the peer feedback (2027-01-05): pick 2027-01-05 or later.' },
    });
    expect(validateCycle(draft({ phases: { ...phases, peer_feedback: '2026-12-19' } }), TODAY)).toEqual({
      ok: false,
      errors: { phase_peer_feedback: 'This is due before the self-assessment (2026-12-20): pick 2026-12-20 or later.' },
    });
  });

  it('asks for the peer-feedback date: it is a phase of its own, not an optional one', () => {
    expect(validateCycle(draft({ phases: { ...phases, peer_feedback: undefined } }), TODAY)).toEqual({
      ok: false,
      errors: { phase_peer_feedback: 'Set when the peer feedback is due.' },
    });
  });

  it('checks a calibration date against the phases around it', () => {
    expect(validateCycle(draft({ phases: { ...phases, calibration: '2027-01-20' } }), TODAY)).toEqual({
      ok: false,
      errors: { phase_conversation: 'This is due before the calibration (2027-01-20): pick 2027-01-20 or later.' },
    });
  });

  it('refuses a due date in the past and a missing one', () => {
    expect(validateCycle(draft({ phases: { ...phases, self_assessment: '2026-12-06', sign_off: undefined } }), TODAY)).toEqual({
      ok: false,
      errors: { phase_self_assessment: 'That date is in the past: pick today or later.', phase_sign_off: 'Set when the sign-off is due.' },
    });
  });

  it('refuses a cycle with no participants, an empty template and no name', () => {
    expect(validateCycle(draft({ name: ' ', participantIds: [], questionCount: 0 }), TODAY)).toEqual({
      ok: false,
      errors: { name: 'Name the cycle.', participants: 'Add at least one participant.', template: 'That template has no questions: add some before using it.' },
    });
  });
});

describe('extending a phase', () => {
  it('moves it later when the phases after it still follow', () => {
    expect(validateExtension(phases, 'self_assessment', '2027-01-04', TODAY)).toEqual({ ok: true, value: { ...phases, self_assessment: '2027-01-04' } });
  });

  it('refuses an earlier date and one past the next phase', () => {
    expect(validateExtension(phases, 'self_assessment', '2026-12-19', TODAY)).toEqual({ ok: false, errors: { phase_self_assessment: 'Extending moves the date later than 2026-12-20.' } });
    expect(validateExtension(phases, 'self_assessment', '2027-01-06', TODAY)).toEqual({
      ok: false,
      errors: { phase_peer_feedback: 'This is due before the self-assessment (2027-01-06): pick 2027-01-06 or later.' },
    });
  });

  it('extends a cycle created before peer feedback had a date without asking for one', () => {
    const before = { ...phases, peer_feedback: undefined };
    expect(validateExtension(before, 'self_assessment', '2027-01-04', TODAY)).toEqual({ ok: true, value: { ...before, self_assessment: '2027-01-04' } });
  });

  it('extends a phase whose earlier phases are already past', () => {
    expect(validateExtension(phases, 'sign_off', '2027-01-26', '2027-01-15')).toMatchObject({ ok: true });
  });
});

describe('where an item stands', () => {
  const none: ParticipantProgress = { selfSubmitted: false, managerSubmitted: false, shared: false, employeeSignedOff: false, managerSignedOff: false, dropped: false };

  it('waits for the shared summary before sign-off', () => {
    expect(itemState('employee_sign_off', none, true)).toBe('waiting');
    expect(itemState('employee_sign_off', { ...none, shared: true }, true)).toBe('pending');
  });

  it('closes what is not done when the person dropped out or the cycle closed, and keeps what is done', () => {
    expect(itemState('self_assessment', { ...none, dropped: true }, true)).toBe('closed');
    expect(itemState('manager_review', none, false)).toBe('closed');
    expect(itemState('self_assessment', { ...none, selfSubmitted: true }, false)).toBe('done');
  });
});
