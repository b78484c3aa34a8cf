import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_STATUSES,
  OUTCOMES,
  canCloseFrom,
  isCaseStatus,
  isOpen,
  isOutcome,
  transition,
  type CaseFacts,
  type CaseStatus,
  type ClosingTransition,
  type Outcome,
  type Transition,
} from './case-lifecycle.js';

const now = new Date('2026-05-01T12:00:00.000Z');

const facts = (status: CaseStatus, overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  status,
  requiresReview: false,
  requiredSignOffs: 2,
  signOffs: 0,
  ...overrides,
});

const closing = (outcome: Outcome, overrides: Partial<ClosingTransition> = {}): ClosingTransition => ({
  to: 'closed',
  outcome,
  closingRecord: { summary: 'Hounding across talk pages', reviewedBy: ['staff-1'], findings: 'Pattern confirmed' },
  reporterMessageSent: true,
  nonActionableNextSteps: 'Report again if it continues; here is how to mute the account.',
  ...overrides,
});

// Written out independently of OPEN_MOVES so that a slip in one is caught by the other.
const LEGAL_OPEN_MOVES = new Set([
  'new>acknowledged',
  'acknowledged>investigating',
  'investigating>waiting',
  'waiting>investigating',
  'investigating>in_review',
  'waiting>in_review',
  'in_review>investigating',
  'closed>investigating',
]);

const OPEN_TARGETS = CASE_STATUSES.filter((s): s is Exclude<CaseStatus, 'closed'> => s !== 'closed');
const openPairs = CASE_STATUSES.flatMap((from) => OPEN_TARGETS.map((to) => [from, to] as const));

describe('transition: moves other than closing', () => {
  it.each(openPairs)('%s → %s', (from, to) => {
    const result = transition(facts(from), { to }, now);
    if (LEGAL_OPEN_MOVES.has(`${from}>${to}`)) {
      expect(result).toEqual({ ok: true, status: to, event: { type: 'status_changed', from, to, at: now } });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe('illegal_transition');
        expect(result.message).toContain(`from ${from} to ${to}`);
      }
    }
  });

  it('does not depend on review facts', () => {
    for (const [from, to] of openPairs) {
      const plain = transition(facts(from), { to }, now).ok;
      const reviewed = transition(facts(from, { requiresReview: true, signOffs: 0 }), { to }, now).ok;
      expect(reviewed).toBe(plain);
    }
  });
});

const closingCases = CASE_STATUSES.flatMap((from) =>
  OUTCOMES.flatMap((outcome) => [false, true].map((requiresReview) => [from, outcome, requiresReview] as const)),
);

describe('transition: closing paths', () => {
  it.each(closingCases)('%s → closed as %s (requiresReview: %s)', (from, outcome, requiresReview) => {
    const expectedLegal =
      from === 'in_review' ||
      (from !== 'closed' && (!requiresReview || outcome === 'withdrawn' || outcome === 'duplicate'));
    // Enough sign-offs, so only the path decides.
    const result = transition(facts(from, { requiresReview, signOffs: 2 }), closing(outcome), now);
    expect(canCloseFrom({ status: from, requiresReview }, outcome)).toBe(expectedLegal);
    if (expectedLegal) {
      expect(result).toEqual({
        ok: true,
        status: 'closed',
        event: { type: 'status_changed', from, to: 'closed', at: now, outcome },
      });
    } else {
      expect(result).toMatchObject({ ok: false, code: 'illegal_transition' });
    }
  });

  it('explains why a reviewed case cannot skip in_review', () => {
    const result = transition(facts('investigating', { requiresReview: true }), closing('action_taken'), now);
    expect(result).toMatchObject({ ok: false, code: 'illegal_transition' });
    if (!result.ok) expect(result.message).toMatch(/in_review/);
  });

  it('refuses to close a closed case', () => {
    const result = transition(facts('closed'), closing('withdrawn'), now);
    expect(result).toMatchObject({ ok: false, code: 'illegal_transition' });
    if (!result.ok) expect(result.message).toMatch(/already closed/);
  });
});

describe('transition: events', () => {
  it('stamps the event with a copy of now', () => {
    const result = transition(facts('new'), { to: 'acknowledged' }, now);
    if (!result.ok) throw new Error('expected success');
    expect(result.event.at).toEqual(now);
    expect(result.event.at).not.toBe(now);
    expect(result.event).not.toHaveProperty('outcome');
  });

  it('rejects an invalid now', () => {
    expect(() => transition(facts('new'), { to: 'acknowledged' }, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('random walks through the lifecycle', () => {
  const transitionArb: fc.Arbitrary<Transition> = fc.oneof(
    fc.constantFrom(...OPEN_TARGETS).map((to) => ({ to })),
    fc.constantFrom(...OUTCOMES).map((outcome) => closing(outcome)),
  );

  it('changes status only on success, and never closes a reviewed case without review', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.array(transitionArb, { maxLength: 30 }),
        (requiresReview, signOffs, steps) => {
          let status: CaseStatus = 'new';
          for (const step of steps) {
            const before = status;
            const result = transition(facts(status, { requiresReview, signOffs }), step, now);
            if (!result.ok) continue;
            status = result.status;
            expect(result.event.from).toBe(before);
            expect(result.event.to).toBe(step.to);
            expect(result.status).toBe(step.to);
            if (step.to === 'closed' && requiresReview && !['withdrawn', 'duplicate'].includes(step.outcome)) {
              expect(before).toBe('in_review');
              expect(signOffs).toBeGreaterThanOrEqual(2);
            }
          }
          expect(isCaseStatus(status)).toBe(true);
        },
      ),
    );
  });
});

describe('status and outcome helpers', () => {
  it('treats every status but closed as open', () => {
    expect(CASE_STATUSES.filter(isOpen)).toEqual(['new', 'acknowledged', 'investigating', 'waiting', 'in_review']);
  });

  it('narrows untrusted strings', () => {
    expect(CASE_STATUSES.every(isCaseStatus)).toBe(true);
    expect(OUTCOMES.every(isOutcome)).toBe(true);
    expect(isCaseStatus('open')).toBe(false);
    expect(isOutcome('resolved')).toBe(false);
  });
});
