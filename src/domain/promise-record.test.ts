import { describe, expect, it } from 'vitest';
import { median, monthlyResponsiveness, promiseStates, type PromiseMessage } from './promise-record.js';

const at = (iso: string) => new Date(`2026-03-${iso}Z`);
const msg = (id: string, audience: string, created: string, promised: string | null, fromStaff = true): PromiseMessage =>
  ({ id, audience, fromStaff, createdAt: at(created), promisedUpdateBy: promised === null ? null : at(promised) });

describe('the promise record', () => {
  it('keeps a promise answered by the date, breaks one answered late or not at all, and leaves one still ahead pending', () => {
    const states = promiseStates([
      msg('a1', 'party:a', '01T10:00:00', '03T10:00:00'), msg('a2', 'party:a', '03T10:00:00', '05T10:00:00'), msg('a3', 'party:a', '06T09:00:00', null),
      msg('b1', 'party:b', '01T10:00:00', '02T10:00:00'),
      // The reporter writing back does not answer the desk's promise.
      msg('b2', 'party:b', '01T12:00:00', null, false),
      msg('c1', 'party:c', '01T10:00:00', '20T10:00:00'),
    ], at('10T00:00:00'));
    expect(Object.fromEntries(states)).toEqual({ a1: 'kept', a2: 'broken', b1: 'broken', c1: 'pending' });
  });

  it('answers a promise only in its own thread', () => {
    const states = promiseStates([msg('a1', 'party:a', '01T10:00:00', '02T10:00:00'), msg('b1', 'party:b', '01T11:00:00', null)], at('01T12:00:00'));
    expect(states.get('a1')).toBe('pending');
  });

  it('reports per month the share kept (pending not counted) and the median first response', () => {
    const months = monthlyResponsiveness(['2026-02', '2026-03'], [
      { dueAt: at('02T00:00:00'), state: 'kept' }, { dueAt: at('03T00:00:00'), state: 'kept' },
      { dueAt: at('04T00:00:00'), state: 'broken' }, { dueAt: at('05T00:00:00'), state: 'pending' },
    ], [
      { receivedAt: at('01T00:00:00'), firstRespondedAt: at('01T02:00:00') },
      { receivedAt: at('01T00:00:00'), firstRespondedAt: at('01T06:00:00') },
      { receivedAt: at('02T00:00:00'), firstRespondedAt: at('02T01:00:00') },
      { receivedAt: at('02T00:00:00'), firstRespondedAt: null },
    ]);
    expect(months).toEqual([
      { month: '2026-02', promisesKept: 0, promisesBroken: 0, shareKept: null, firstResponses: 0, medianFirstResponseMs: null },
      { month: '2026-03', promisesKept: 2, promisesBroken: 1, shareKept: 2 / 3, firstResponses: 3, medianFirstResponseMs: 2 * 3_600_000 },
    ]);
  });

  it('takes the mean of the middle two for an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
