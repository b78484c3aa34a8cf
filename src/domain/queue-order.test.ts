import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from './case-lifecycle.js';
import { compareByUrgency, mostUrgentDeadline, type QueueItem } from './queue-order.js';
import { SEVERITIES } from './severity.js';

const t = (hour: number): Date => new Date(Date.UTC(2026, 4, 1, hour));

const item = (overrides: Partial<QueueItem> = {}): QueueItem => ({
  status: 'investigating',
  severity: 'normal',
  firstResponseDueAt: t(10),
  nextUpdateDueAt: null,
  receivedAt: t(0),
  reference: 'HV-2026-000001',
  ...overrides,
});

describe('mostUrgentDeadline', () => {
  it('uses the first-response due time while the case is new, even if an update is promised', () => {
    expect(mostUrgentDeadline(item({ status: 'new', nextUpdateDueAt: t(5) }))).toEqual(t(10));
  });

  it.each(CASE_STATUSES.filter((s) => s !== 'new'))('uses the promised update date when %s', (status) => {
    expect(mostUrgentDeadline(item({ status, nextUpdateDueAt: t(20) }))).toEqual(t(20));
  });

  it('falls back to the first-response due time when nothing is promised', () => {
    expect(mostUrgentDeadline(item({ status: 'waiting' }))).toEqual(t(10));
  });

  it('returns a copy the caller may not use to change the item', () => {
    const original = item();
    mostUrgentDeadline(original).setTime(0);
    expect(original.firstResponseDueAt).toEqual(t(10));
  });
});

describe('compareByUrgency', () => {
  it('puts the earliest deadline first, whatever the severity', () => {
    const soonNormal = item({ firstResponseDueAt: t(1), severity: 'normal' });
    const laterEmergency = item({ firstResponseDueAt: t(2), severity: 'emergency', reference: 'HV-2026-000002' });
    expect(compareByUrgency(soonNormal, laterEmergency)).toBeLessThan(0);
  });

  it('breaks deadline ties by severity, then age, then reference', () => {
    const base = item();
    expect(compareByUrgency(item({ severity: 'emergency' }), item({ severity: 'high' }))).toBeLessThan(0);
    expect(compareByUrgency(item({ severity: 'high' }), item({ severity: 'normal' }))).toBeLessThan(0);
    expect(compareByUrgency(item({ receivedAt: t(1) }), item({ receivedAt: t(2) }))).toBeLessThan(0);
    expect(compareByUrgency(base, item({ reference: 'HV-2026-000002' }))).toBeLessThan(0);
    expect(compareByUrgency(base, item())).toBe(0);
  });

  it('refuses invalid dates rather than ordering them arbitrarily', () => {
    expect(() => compareByUrgency(item({ receivedAt: new Date(Number.NaN) }), item())).toThrow(RangeError);
  });
});

describe('compareByUrgency as a total order', () => {
  // Few distinct values, so that ties on every key are common and each tie-breaker is exercised.
  const hourArb = fc.integer({ min: 0, max: 3 }).map(t);
  const itemArb = fc.record({
    status: fc.constantFrom(...CASE_STATUSES),
    severity: fc.constantFrom(...SEVERITIES),
    firstResponseDueAt: hourArb,
    nextUpdateDueAt: fc.option(hourArb),
    receivedAt: hourArb,
    reference: fc.integer({ min: 1, max: 6 }).map((n) => `HV-2026-00000${n}`),
  });
  const sign = (n: number): number => Math.sign(n) + 0;

  it('is reflexive and antisymmetric', () => {
    fc.assert(
      fc.property(itemArb, itemArb, (a, b) => {
        expect(compareByUrgency(a, a)).toBe(0);
        // A sum, not a negation: -0 and 0 differ under toBe's Object.is.
        expect(sign(compareByUrgency(a, b)) + sign(compareByUrgency(b, a))).toBe(0);
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(itemArb, itemArb, itemArb, (a, b, c) => {
        if (compareByUrgency(a, b) <= 0 && compareByUrgency(b, c) <= 0) {
          expect(compareByUrgency(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('only ties items with the same reference', () => {
    fc.assert(
      fc.property(itemArb, itemArb, (a, b) => {
        if (compareByUrgency(a, b) === 0) expect(a.reference).toBe(b.reference);
      }),
    );
  });

  it('sorts any arrangement of the same cases into the same queue', () => {
    const uniqueItems = fc.uniqueArray(itemArb, { selector: (i) => i.reference, maxLength: 6 });
    fc.assert(
      fc.property(
        uniqueItems.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length }))),
        ([items, shuffled]) => {
          const refs = (list: QueueItem[]) => [...list].sort(compareByUrgency).map((i) => i.reference);
          expect(refs(shuffled)).toEqual(refs(items));
        },
      ),
    );
  });

  it('never puts a later deadline before an earlier one', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 10 }), (items) => {
        const deadlines = [...items].sort(compareByUrgency).map((i) => mostUrgentDeadline(i).getTime());
        expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
      }),
    );
  });
});
