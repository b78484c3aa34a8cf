import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROMISE_MAX_DAYS,
  PROMISE_MIN_LEAD_MINUTES,
  checkPromise,
  clockAfterReply,
  clockAfterReporterMessage,
  clockLeftByReply,
  decideReminder,
} from './update-promises.js';

const now = new Date('2026-05-04T09:00:00.000Z');
const plus = (ms: number, from = now): Date => new Date(from.getTime() + ms);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('checkPromise', () => {
  it('accepts a date comfortably ahead', () => {
    expect(checkPromise(plus(3 * DAY), now)).toEqual({ ok: true });
  });

  it.each([
    ['now itself', 0, 'in_the_past'],
    ['a minute ago', -MIN, 'in_the_past'],
    ['just under the minimum lead', PROMISE_MIN_LEAD_MINUTES * MIN - 1, 'too_soon'],
    ['just over the maximum', PROMISE_MAX_DAYS * DAY + 1, 'too_far'],
  ] as const)('refuses %s', (_label, offset, reason) => {
    expect(checkPromise(plus(offset), now)).toEqual({ ok: false, reason });
  });

  it('accepts both edges of the window', () => {
    expect(checkPromise(plus(PROMISE_MIN_LEAD_MINUTES * MIN), now).ok).toBe(true);
    expect(checkPromise(plus(PROMISE_MAX_DAYS * DAY), now).ok).toBe(true);
  });

  it('fails loudly on an invalid date instead of reading it as acceptable', () => {
    expect(() => checkPromise(new Date(Number.NaN), now)).toThrow(RangeError);
  });
});

describe('clockAfterReply', () => {
  it('makes a promise the next deadline and the next-update date', () => {
    const promised = plus(2 * DAY);
    const clock = clockAfterReply({ now, promisedBy: promised });
    expect(clock.clock).toBe('promised_update');
    expect(clock.dueAt.getTime()).toBe(promised.getTime());
    expect(clock.nextUpdateDueAt?.getTime()).toBe(promised.getTime());
  });

  it('starts a check-in clock when no date was promised', () => {
    const clock = clockAfterReply({ now, promisedBy: null });
    // Seven days, written out so that a changed policy fails here.
    expect(clock).toEqual({ clock: 'check_in', dueAt: plus(7 * DAY), nextUpdateDueAt: null });
  });
});

describe('clockLeftByReply', () => {
  it('leaves the clock the reply sets while the case is open', () => {
    const promised = plus(2 * DAY);
    for (const promisedBy of [promised, null]) {
      expect(clockLeftByReply({ now, promisedBy, caseOpen: true })).toEqual(clockAfterReply({ now, promisedBy }));
    }
  });

  it('leaves no clock on a closed case, promise or not', () => {
    expect(clockLeftByReply({ now, promisedBy: null, caseOpen: false })).toBeNull();
    expect(clockLeftByReply({ now, promisedBy: plus(DAY), caseOpen: false })).toBeNull();
  });
});

describe('decideReminder', () => {
  const dueAt = plus(DAY);
  const open = { isOpen: true, firstResponded: true, urgentAt: dueAt, assigneeId: 'staff-1' };

  it('reminds the assignee first and schedules the escalation', () => {
    const decision = decideReminder({ clock: 'promised_update', stage: 'due', dueAt }, open);
    expect(decision).toEqual({
      act: true, eventType: 'promised_update_due', notify: 'assignee',
      // A day later, written out so that a changed policy fails here.
      next: { stage: 'overdue', runAt: plus(24 * 60 * MIN, dueAt) },
    });
  });

  it('goes to the team when nobody holds the case', () => {
    const decision = decideReminder({ clock: 'check_in', stage: 'due', dueAt }, { ...open, assigneeId: null });
    expect(decision.act && decision.notify).toBe('team');
  });

  it('escalates to the team once, with nothing after', () => {
    expect(decideReminder({ clock: 'promised_update', stage: 'overdue', dueAt }, open))
      .toEqual({ act: true, eventType: 'promised_update_overdue', notify: 'team', next: null });
  });

  it('stays quiet once the case is closed', () => {
    expect(decideReminder({ clock: 'promised_update', stage: 'due', dueAt }, { ...open, isOpen: false })).toEqual({ act: false });
  });

  it('acts only while the deadline is the one it was set for', () => {
    fc.assert(fc.property(fc.integer({ min: -30 * DAY, max: 30 * DAY }), fc.constantFrom('due', 'overdue' as const), (shift, stage) => {
      const decision = decideReminder({ clock: 'check_in', stage, dueAt }, { ...open, urgentAt: plus(shift, dueAt) });
      expect(decision.act).toBe(shift === 0);
    }));
  });

  it('reminds about an unanswered new report, and not once anyone has answered', () => {
    const unanswered = { ...open, firstResponded: false, assigneeId: null };
    expect(decideReminder({ clock: 'first_response', stage: 'due', dueAt }, unanswered))
      .toEqual(expect.objectContaining({ act: true, eventType: 'first_response_due', notify: 'team' }));
    expect(decideReminder({ clock: 'first_response', stage: 'due', dueAt }, { ...unanswered, firstResponded: true })).toEqual({ act: false });
  });
});

describe('clockAfterReporterMessage', () => {
  const HOUR = 60 * MIN;

  it('leaves a new case to its first-response clock', () => {
    expect(clockAfterReporterMessage({ now, status: 'new', urgentAt: plus(DAY), responseHours: 24 })).toBeNull();
  });

  it('owes an answer within the response window when the standing deadline is later', () => {
    expect(clockAfterReporterMessage({ now, status: 'open', urgentAt: plus(7 * DAY), responseHours: 24 }))
      .toEqual({ clock: 'reply_owed', dueAt: plus(24 * HOUR) });
  });

  it('keeps an earlier deadline that already stands', () => {
    expect(clockAfterReporterMessage({ now, status: 'open', urgentAt: plus(2 * HOUR), responseHours: 24 })).toBeNull();
  });

  it('owes an answer on a closed case whatever its old deadline said', () => {
    expect(clockAfterReporterMessage({ now, status: 'closed', urgentAt: plus(-30 * DAY), responseHours: 72 }))
      .toEqual({ clock: 'reply_owed', dueAt: plus(72 * HOUR) });
  });

  it('refuses a nonsensical window', () => {
    expect(() => clockAfterReporterMessage({ now, status: 'open', urgentAt: now, responseHours: 0 })).toThrow(RangeError);
  });
});

describe('reminders of a waiting case', () => {
  const dueAt = new Date('2026-05-04T09:00:00.000Z');
  const kase = { isOpen: true, firstResponded: true, urgentAt: dueAt, assigneeId: 'staff-1' };

  it('runs the silence reminder once, with no escalation, and only while the case waits', () => {
    expect(decideReminder({ clock: 'waiting_silence', stage: 'due', dueAt }, { ...kase, waiting: true }))
      .toEqual({ act: true, eventType: 'waiting_silence_due', notify: 'assignee', next: null });
    expect(decideReminder({ clock: 'waiting_silence', stage: 'due', dueAt }, { ...kase, waiting: false })).toEqual({ act: false });
  });

  it('keeps every other clock quiet while the case waits, even one due at the same instant', () => {
    for (const clock of ['first_response', 'promised_update', 'check_in', 'reply_owed'] as const) {
      expect(decideReminder({ clock, stage: 'due', dueAt }, { ...kase, firstResponded: false, waiting: true })).toEqual({ act: false });
    }
  });
});
