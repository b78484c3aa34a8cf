import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES, transition, type CaseFacts, type ClosingTransition, type Outcome } from './case-lifecycle.js';
import { DEFAULT_REQUIRED_SIGN_OFFS, checkClosing, effectiveRequiredSignOffs, skipsReview } from './closing-guards.js';

const now = new Date('2026-05-01T12:00:00.000Z');

const reviewed = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  status: 'in_review',
  requiresReview: true,
  requiredSignOffs: DEFAULT_REQUIRED_SIGN_OFFS,
  signOffs: 2,
  ...overrides,
});

const closing = (outcome: Outcome, overrides: Partial<ClosingTransition> = {}): ClosingTransition => ({
  to: 'closed',
  outcome,
  closingRecord: { summary: 'Doxxing on a talk page', reviewedBy: ['staff-1', 'staff-2'], findings: 'Edits suppressed' },
  reporterMessageSent: true,
  nonActionableNextSteps: 'You can ask for an interaction ban; here is how.',
  ...overrides,
});

const codeOf = (f: CaseFacts, t: ClosingTransition): string | null => {
  const result = transition(f, t, now);
  return result.ok ? null : result.code;
};

describe('review sign-offs', () => {
  it('defaults to two sign-offs', () => {
    expect(DEFAULT_REQUIRED_SIGN_OFFS).toBe(2);
  });

  it.each([
    [0, 'review_incomplete'],
    [1, 'review_incomplete'],
    [2, null],
    [3, null],
  ])('with %i of 2 sign-offs gives %s', (signOffs, code) => {
    expect(codeOf(reviewed({ signOffs }), closing('action_taken'))).toBe(code);
  });

  it('says how many are needed and how many there are', () => {
    const result = transition(reviewed({ requiredSignOffs: 3, signOffs: 1 }), closing('referred'), now);
    expect(result).toEqual({
      ok: false,
      code: 'review_incomplete',
      message: 'This case needs 3 reviewer sign-offs before closing; it has 1.',
    });
  });

  it('needs at least one sign-off even if configured with zero', () => {
    expect(codeOf(reviewed({ requiredSignOffs: 0, signOffs: 0 }), closing('action_taken'))).toBe('review_incomplete');
    expect(codeOf(reviewed({ requiredSignOffs: 0, signOffs: 1 }), closing('action_taken'))).toBeNull();
  });

  it.each([
    [Number.NaN, 2],
    [Number.POSITIVE_INFINITY, 2],
    [-3, 1],
    [0, 1],
    [1.2, 2],
    [4, 4],
  ])('treats a configured %s as %i', (configured, effective) => {
    expect(effectiveRequiredSignOffs(configured)).toBe(effective);
  });

  it('does not ask for sign-offs when the case is not marked for review', () => {
    expect(codeOf(reviewed({ requiresReview: false, signOffs: 0 }), closing('action_taken'))).toBeNull();
  });

  it.each(['withdrawn', 'duplicate'] as const)('lets a %s case close without sign-offs', (outcome) => {
    expect(skipsReview(outcome)).toBe(true);
    expect(codeOf(reviewed({ signOffs: 0 }), closing(outcome))).toBeNull();
    expect(codeOf(reviewed({ status: 'new', signOffs: 0 }), closing(outcome))).toBeNull();
  });

  it.each(['action_taken', 'non_actionable', 'referred'] as const)('makes a %s case wait for review', (outcome) => {
    expect(skipsReview(outcome)).toBe(false);
  });
});

describe('closing record', () => {
  it.each([
    [{ summary: '' }, 'summary'],
    [{ summary: '   \n' }, 'summary'],
    [{ findings: '' }, 'findings'],
    [{ reviewedBy: [] }, 'reviewedBy'],
    [{ reviewedBy: ['staff-1', ' '] }, 'reviewedBy'],
  ])('refuses %j, naming %s', (part, name) => {
    const base = closing('action_taken');
    const result = transition(reviewed(), { ...base, closingRecord: { ...base.closingRecord, ...part } }, now);
    expect(result).toEqual({ ok: false, code: 'closing_record_incomplete', message: `The closing record is missing: ${name}.` });
  });

  it('names every missing part at once', () => {
    const result = transition(reviewed(), closing('duplicate', { closingRecord: { summary: '', reviewedBy: [], findings: '' } }), now);
    if (result.ok) throw new Error('expected refusal');
    expect(result.message).toBe('The closing record is missing: summary, reviewedBy, findings.');
  });
});

describe('closing message to the reporter', () => {
  it('is required when the reporter can be reached, and by default', () => {
    expect(codeOf(reviewed(), closing('action_taken', { reporterMessageSent: false }))).toBe('reporter_not_told');
    expect(codeOf(reviewed(), closing('withdrawn', { reporterMessageSent: false, reporterContactable: true }))).toBe(
      'reporter_not_told',
    );
  });

  it('is not required when the reporter left no way to reach them', () => {
    expect(codeOf(reviewed(), closing('action_taken', { reporterMessageSent: false, reporterContactable: false }))).toBeNull();
  });
});

describe('next steps for non-actionable closings', () => {
  it.each([undefined, '', '  '])('refuses next steps %j', (nonActionableNextSteps) => {
    expect(codeOf(reviewed(), closing('non_actionable', { nonActionableNextSteps }))).toBe('next_steps_missing');
  });

  it('accepts real next steps', () => {
    expect(codeOf(reviewed(), closing('non_actionable'))).toBeNull();
  });

  it('are not needed when there is no message to put them in', () => {
    const t = closing('non_actionable', { nonActionableNextSteps: undefined, reporterMessageSent: false, reporterContactable: false });
    expect(codeOf(reviewed(), t)).toBeNull();
  });

  it.each(OUTCOMES.filter((o) => o !== 'non_actionable'))('are not needed for %s', (outcome) => {
    expect(codeOf(reviewed(), closing(outcome, { nonActionableNextSteps: undefined }))).toBeNull();
  });
});

describe('guard order', () => {
  it('reports the earliest failing guard first', () => {
    const everythingWrong = closing('non_actionable', {
      closingRecord: { summary: '', reviewedBy: [], findings: '' },
      reporterMessageSent: false,
      nonActionableNextSteps: '',
    });
    expect(codeOf(reviewed({ signOffs: 0 }), everythingWrong)).toBe('review_incomplete');
    expect(codeOf(reviewed(), everythingWrong)).toBe('closing_record_incomplete');
    const recordFixed = { ...everythingWrong, closingRecord: closing('non_actionable').closingRecord };
    expect(codeOf(reviewed(), recordFixed)).toBe('reporter_not_told');
    expect(codeOf(reviewed(), { ...recordFixed, reporterMessageSent: true })).toBe('next_steps_missing');
  });

  it('checkClosing agrees with transition once the path is legal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OUTCOMES),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.boolean(),
        (outcome, signOffs, reporterMessageSent, requiresReview) => {
          const f = reviewed({ signOffs, requiresReview });
          const t = closing(outcome, { reporterMessageSent });
          const direct = checkClosing(f, t);
          const result = transition(f, t, now);
          expect(result.ok ? null : result).toEqual(direct);
        },
      ),
    );
  });
});
