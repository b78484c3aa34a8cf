// The clocks a reply sets, and what a reminder does when one of them runs out.
// "Give concrete details, and stick to them": a date promised to a reporter becomes the case's
// next deadline; a reply without a promise still starts a check-in clock, so a reporter is
// never left in silence just because nobody named a date.
//
// A case runs one clock at a time, and its due time is the case's `urgent_at`, which orders the
// queue: the first response from intake (`firstResponseDueAt`), then the clock each reply leaves
// (`clockLeftByReply`), moved earlier when the reporter writes again (`clockAfterReporterMessage`).
// The services write what these return; the bench builds its case histories with them too.
import { reminderEventType, type ReminderClock, type ReminderEventType, type ReminderStage } from './case-events.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A promise must leave time to keep it, and must not be so far off that it means nothing. */
export const PROMISE_MIN_LEAD_MINUTES = 5;
export const PROMISE_MAX_DAYS = 60;

/** Days of silence after a reply without a promise before the desk is reminded to write again. */
export const CHECK_IN_DAYS = 7;

/** Hours after a missed clock before the reminder goes from the assignee to the whole team. */
export const ESCALATION_HOURS = 24;

/** The clocks a reply sets (the others: the first response a new report is owed, the answer owed to new information). */
export type ReplyClock = Extract<ReminderClock, 'promised_update' | 'check_in'>;

export type PromiseRefusal = { ok: false; reason: 'in_the_past' | 'too_soon' | 'too_far' };

/** Whether a promised update date can be accepted at `now`. */
export function checkPromise(promisedBy: Date, now: Date): { ok: true } | PromiseRefusal {
  assertValid(promisedBy, 'promisedBy');
  assertValid(now, 'now');
  const lead = promisedBy.getTime() - now.getTime();
  if (lead <= 0) return { ok: false, reason: 'in_the_past' };
  if (lead < PROMISE_MIN_LEAD_MINUTES * MINUTE_MS) return { ok: false, reason: 'too_soon' };
  if (lead > PROMISE_MAX_DAYS * DAY_MS) return { ok: false, reason: 'too_far' };
  return { ok: true };
}

/** The case's clock after a reply: the promise if one was made, else a check-in after a quiet week. */
export function clockAfterReply(input: { now: Date; promisedBy: Date | null }): {
  clock: ReplyClock; dueAt: Date; nextUpdateDueAt: Date | null;
} {
  assertValid(input.now, 'now');
  if (input.promisedBy !== null) {
    assertValid(input.promisedBy, 'promisedBy');
    return { clock: 'promised_update', dueAt: new Date(input.promisedBy.getTime()), nextUpdateDueAt: new Date(input.promisedBy.getTime()) };
  }
  return { clock: 'check_in', dueAt: new Date(input.now.getTime() + CHECK_IN_DAYS * DAY_MS), nextUpdateDueAt: null };
}

/**
 * The clock a reply leaves running: the one it sets, while the case is open. A reply on a
 * closed case (a late answer to a question) starts none, since nothing is open to chase: the
 * case keeps its deadline, no update is due and no reminder is set.
 */
export function clockLeftByReply(input: { now: Date; promisedBy: Date | null; caseOpen: boolean }): ReturnType<typeof clockAfterReply> | null {
  const clock = clockAfterReply(input);
  return input.caseOpen ? clock : null;
}

/**
 * The clock after a reporter writes again. New information deserves an answer within the
 * case's first-response window, unless an earlier deadline already stands (then that one
 * still comes first). Null when nothing changes: a new case's first response covers it.
 */
export function clockAfterReporterMessage(input: {
  now: Date; status: 'new' | 'open' | 'closed'; urgentAt: Date; responseHours: number;
}): { clock: 'reply_owed'; dueAt: Date } | null {
  assertValid(input.now, 'now');
  if (input.status === 'new') return null;
  if (!Number.isFinite(input.responseHours) || input.responseHours <= 0) {
    throw new RangeError(`responseHours must be a positive number, got ${input.responseHours}`);
  }
  const owed = input.now.getTime() + input.responseHours * HOUR_MS;
  // A closed case has no live deadline: its old urgent_at means nothing any more.
  if (input.status === 'open' && input.urgentAt.getTime() <= owed) return null;
  return { clock: 'reply_owed', dueAt: new Date(owed) };
}

/** What a reminder needs to know about the case when it runs. */
export interface ReminderCaseState {
  isOpen: boolean;
  /** Whether anyone has written to the reporter yet; a first-response reminder needs this false. */
  firstResponded: boolean;
  /** The case's most urgent deadline now; a later reply moves it, which makes old reminders stale. */
  urgentAt: Date;
  assigneeId: string | null;
  /** Whether the case waits on someone: its clocks are stopped, and only the silence reminder runs. */
  waiting?: boolean;
}

/** What a due reminder does: nothing (the clock was met or moved), or notify and record. */
export type ReminderDecision =
  | { act: false }
  | {
    act: true;
    eventType: ReminderEventType;
    /** 'assignee' falls back to the team when nobody holds the case. */
    notify: 'assignee' | 'team';
    /** The escalation to schedule if this stage is also missed. */
    next: { stage: 'overdue'; runAt: Date } | null;
  };

/**
 * Decides what a reminder does. It acts only while the case is open and its deadline is the
 * one the reminder was set for: any reply since then moved the deadline, so the promise was
 * kept (or replaced) and reminding would be noise. A first-response reminder also needs the
 * case to be still unanswered.
 */
export function decideReminder(
  reminder: { clock: ReminderClock; stage: ReminderStage; dueAt: Date },
  kase: ReminderCaseState,
): ReminderDecision {
  assertValid(reminder.dueAt, 'dueAt');
  if (!kase.isOpen || kase.urgentAt.getTime() !== reminder.dueAt.getTime()) return { act: false };
  if (reminder.clock === 'first_response' && kase.firstResponded) return { act: false };
  // Two clocks can fall due at the same instant; only the silence reminder runs while waiting, and only then.
  if ((reminder.clock === 'waiting_silence') !== (kase.waiting === true)) return { act: false };
  switch (reminder.stage) {
    case 'due':
      return {
        act: true, eventType: reminderEventType(reminder.clock, 'due'), notify: kase.assigneeId === null ? 'team' : 'assignee',
        // Silence while waiting is a nudge to chase, not a missed promise: it fires once.
        next: reminder.clock === 'waiting_silence' ? null : { stage: 'overdue', runAt: new Date(reminder.dueAt.getTime() + ESCALATION_HOURS * HOUR_MS) },
      };
    case 'overdue':
      return { act: true, eventType: reminderEventType(reminder.clock, 'overdue'), notify: 'team', next: null };
    default: {
      const unreachable: never = reminder.stage;
      throw new Error(`Unknown reminder stage: ${String(unreachable)}`);
    }
  }
}

function assertValid(value: Date, name: string): void {
  if (Number.isNaN(value.getTime())) throw new RangeError(`${name} is an invalid date`);
}
