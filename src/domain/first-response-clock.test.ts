import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIRST_RESPONSE_HOURS,
  DUE_SOON_MINUTES,
  firstResponseDueAt,
  firstResponseState,
  respondedOnTime,
} from './first-response-clock.js';
import { SEVERITIES } from './severity.js';

const received = new Date('2026-03-01T10:00:00.000Z');
const at = (iso: string): Date => new Date(iso);
const plusMs = (date: Date, ms: number): Date => new Date(date.getTime() + ms);
const MIN = 60_000;

describe('firstResponseDueAt', () => {
  it.each([
    ['emergency', '2026-03-01T11:00:00.000Z'],
    ['high', '2026-03-02T10:00:00.000Z'],
    ['normal', '2026-03-04T10:00:00.000Z'],
  ] as const)('gives %s cases their default window', (severity, due) => {
    expect(firstResponseDueAt(received, severity).toISOString()).toBe(due);
  });

  it('uses configured hours, fractions included', () => {
    const hours = { emergency: 0.5, high: 8, normal: 48 };
    expect(firstResponseDueAt(received, 'emergency', hours).toISOString()).toBe('2026-03-01T10:30:00.000Z');
    expect(firstResponseDueAt(received, 'normal', hours).toISOString()).toBe('2026-03-03T10:00:00.000Z');
  });

  it('ignores daylight saving: windows are exact elapsed hours', () => {
    // 29 March 2026 is the EU spring-forward night; the window must still be 24 real hours.
    const beforeShift = at('2026-03-28T12:00:00.000Z');
    expect(firstResponseDueAt(beforeShift, 'high').toISOString()).toBe('2026-03-29T12:00:00.000Z');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a window of %s hours', (bad) => {
    const hours = { ...DEFAULT_FIRST_RESPONSE_HOURS, high: bad };
    expect(() => firstResponseDueAt(received, 'high', hours)).toThrow(RangeError);
  });

  it('rejects an invalid received date', () => {
    expect(() => firstResponseDueAt(new Date(Number.NaN), 'normal')).toThrow(RangeError);
  });

  it('does not mutate its input and is later than receipt for every severity', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2000-01-01'), max: at('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom(...SEVERITIES),
        (date, severity) => {
          const copy = new Date(date.getTime());
          const due = firstResponseDueAt(date, severity);
          expect(date.getTime()).toBe(copy.getTime());
          expect(due.getTime() - date.getTime()).toBe({ emergency: 1, high: 24, normal: 72 }[severity] * 3_600_000);
        },
      ),
    );
  });
});

describe('firstResponseState', () => {
  const dueAt = at('2026-03-04T10:00:00.000Z');

  it('is met once anyone has responded, even late', () => {
    expect(firstResponseState({ dueAt, respondedAt: plusMs(dueAt, -MIN), now: plusMs(dueAt, MIN) })).toBe('met');
    expect(firstResponseState({ dueAt, respondedAt: plusMs(dueAt, 5 * MIN), now: plusMs(dueAt, 10 * MIN) })).toBe('met');
  });

  it('is due_soon, not overdue, exactly at the due time', () => {
    expect(firstResponseState({ dueAt, respondedAt: null, now: dueAt, severity: 'normal' })).toBe('due_soon');
  });

  it('is overdue one millisecond after the due time', () => {
    expect(firstResponseState({ dueAt, respondedAt: null, now: plusMs(dueAt, 1) })).toBe('overdue');
  });

  it.each(SEVERITIES)('turns due_soon strictly inside the %s margin', (severity) => {
    const margin = DUE_SOON_MINUTES[severity] * MIN;
    const state = (now: Date) => firstResponseState({ dueAt, respondedAt: null, now, severity });
    expect(state(plusMs(dueAt, -margin - 1))).toBe('on_time');
    expect(state(plusMs(dueAt, -margin))).toBe('on_time');
    expect(state(plusMs(dueAt, -margin + 1))).toBe('due_soon');
  });

  it('gives emergencies a 15-minute margin and others an hour', () => {
    const now = plusMs(dueAt, -30 * MIN);
    expect(firstResponseState({ dueAt, respondedAt: null, now, severity: 'emergency' })).toBe('on_time');
    expect(firstResponseState({ dueAt, respondedAt: null, now, severity: 'high' })).toBe('due_soon');
  });

  it('falls back to the widest margin when severity is not given', () => {
    const now = plusMs(dueAt, -30 * MIN);
    expect(firstResponseState({ dueAt, respondedAt: null, now })).toBe('due_soon');
  });

  it('rejects invalid dates instead of reading them as on time', () => {
    expect(() => firstResponseState({ dueAt: new Date(Number.NaN), respondedAt: null, now: dueAt })).toThrow(RangeError);
    expect(() => firstResponseState({ dueAt, respondedAt: null, now: new Date(Number.NaN) })).toThrow(RangeError);
  });

  it('only moves forward as time passes (on_time → due_soon → overdue)', () => {
    const order = { on_time: 0, due_soon: 1, overdue: 2, met: 3 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...SEVERITIES),
        fc.integer({ min: -5 * 24 * 60, max: 5 * 24 * 60 }),
        fc.integer({ min: 0, max: 5 * 24 * 60 }),
        (severity, offsetMin, laterMin) => {
          const earlier = plusMs(dueAt, offsetMin * MIN);
          const later = plusMs(earlier, laterMin * MIN);
          const a = firstResponseState({ dueAt, respondedAt: null, now: earlier, severity });
          const b = firstResponseState({ dueAt, respondedAt: null, now: later, severity });
          expect(order[a]).toBeLessThanOrEqual(order[b]);
        },
      ),
    );
  });
});

describe('respondedOnTime', () => {
  const dueAt = at('2026-03-02T10:00:00.000Z');
  it('counts a response exactly at the due time as on time', () => {
    expect(respondedOnTime(dueAt, dueAt)).toBe(true);
    expect(respondedOnTime(dueAt, plusMs(dueAt, -1))).toBe(true);
    expect(respondedOnTime(dueAt, plusMs(dueAt, 1))).toBe(false);
  });
});
