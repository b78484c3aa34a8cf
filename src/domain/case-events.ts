// The one list of what a case's timeline can record, with the data each kind of event keeps.
// Everything else follows from it: the stored JSON is checked against it, the API's schema is
// built from it, the console says each event with one label and one detail message from the
// catalog, and reminders name their events from it. Adding an event type means one entry
// here and its messages in messages/en.json (a test fails until they exist).
import type { CaseStatus, Outcome } from './case-lifecycle.js';
import type { PartyRole } from './case-parts.js';
import type { WaitingOn } from './waiting.js';
import type { Category } from './categories.js';
import type { Severity } from './severity.js';
import type { SignOffDecision } from './review.js';

/**
 * What a field of an event's detail holds. The kinds are few and closed, so naming a field's
 * kind says how it is stored, checked and shown.
 */
export interface EventFieldValues {
  /** A moment, as ISO 8601 in UTC. */
  instant: string;
  status: CaseStatus;
  outcome: Outcome;
  partyRole: PartyRole;
  /** A staff member, with the name they had then: the timeline says who it was at the time. */
  staff: { id: string; username: string };
  /** Who a waiting case waits on. */
  waitingOn: WaitingOn;
  /** A message of the case, by id. Its words stay in the message, so they are kept only once. */
  message: string;
  count: number;
  category: Category;
  severity: Severity;
  /** A venue of the case's desk, by id (desks may add their own, so not a closed list). */
  venue: string;
  /** Words a staff member wrote for the record (a reason), shown as plain text. */
  text: string;
  decision: SignOffDecision;
}

/** The kind of one field of an event's detail. */
export type EventFieldKind = keyof EventFieldValues;

/** A field's kind; a trailing `?` means the field may be absent. */
type FieldSpec = EventFieldKind | `${EventFieldKind}?`;

/** The clocks a case runs, each of which can remind the desk when it runs out. */
export const REMINDER_CLOCKS = ['first_response', 'promised_update', 'check_in', 'reply_owed', 'waiting_silence'] as const;

/** Which clock a reminder watches. */
export type ReminderClock = (typeof REMINDER_CLOCKS)[number];

/** A reminder fires first for the assignee ('due'), then, if still unmet, for the team ('overdue'). */
export const REMINDER_STAGES = ['due', 'overdue'] as const;

/** The stage of a reminder. */
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/** The event a reminder records: one per clock and stage. */
export type ReminderEventType = `${ReminderClock}_${ReminderStage}`;

/** The event type of a reminder for `clock` at `stage`. */
export function reminderEventType(clock: ReminderClock, stage: ReminderStage): ReminderEventType {
  return `${clock}_${stage}`;
}

/** Every reminder event, clock by clock. */
export const REMINDER_EVENT_TYPES: readonly ReminderEventType[] = REMINDER_CLOCKS.flatMap((clock) =>
  REMINDER_STAGES.map((stage) => reminderEventType(clock, stage)));

// Every reminder keeps the deadline it was set for, which is what the desk needs to see.
const REMINDER_EVENTS = Object.fromEntries(REMINDER_EVENT_TYPES.map((type) => [type, { dueAt: 'instant' }])) as
  Record<ReminderEventType, { readonly dueAt: 'instant' }>;

/** Every event a case's timeline can hold, with the fields of its detail (none: no detail). */
export const CASE_EVENTS = {
  report_received: {},
  reporter_added_information: { messageId: 'message', links: 'count' },
  /** A party attached evidence files, with a report or an update (the report's own are in report_received's case). */
  evidence_files_added: { files: 'count' },
  case_assigned: {},
  case_taken_over: { from: 'staff' },
  status_changed: { from: 'status', to: 'status', outcome: 'outcome?' },
  reply_sent: { partyRole: 'partyRole' },
  update_promised: { promisedBy: 'instant' },
  waiting_started: { waitingOn: 'waitingOn', remindAt: 'instant' },
  waiting_ended: { waitingOn: 'waitingOn', since: 'instant' },
  note_added: { messageId: 'message' },
  withdrawal_requested: {},
  withdrawal_continued: { messageId: 'message' },
  reporter_messages_resumed: {},
  claim_released: { from: 'staff', idleDays: 'count' },
  /** A reply that read as boilerplate went out because the handler confirmed it. */
  boilerplate_confirmed: { messageId: 'message' },
  /** The closing message to one party, sent with the close. */
  closing_message_sent: { partyRole: 'partyRole', messageId: 'message' },
  /** A check-in with the reporter after closing was scheduled, and when it came due. */
  follow_up_scheduled: { dueAt: 'instant' },
  follow_up_due: { dueAt: 'instant' },
  case_triaged: { fromCategory: 'category', toCategory: 'category', fromSeverity: 'severity', toSeverity: 'severity', reason: 'text' },
  venue_chosen: { venue: 'venue', recommended: 'venue', reason: 'text?' },
  review_required: { reason: 'text', signOffs: 'count' },
  reviewers_asked: { reviewers: 'count' },
  review_signed_off: { by: 'staff', decision: 'decision' },
  /** A referral packet went to an outside venue; the case waits on it. */
  referral_sent: { venue: 'venue', evidence: 'count' },
  /** The handler recorded the venue's answer (its words are in the referral record). */
  referral_answered: { venue: 'venue' },
  /** The desk took the case back from the venue, with a reason. */
  referral_taken_back: { venue: 'venue', reason: 'text' },
  /** Another case (a duplicate) was merged into this one: its parties, evidence, messages and timeline are here now. */
  case_merged_in: { reference: 'text', reason: 'text' },
  /** This case was merged into another, named by its reference; its reference leads there. */
  case_merged_into: { reference: 'text', reason: 'text' },
  ...REMINDER_EVENTS,
  // Emergencies (docs/EMERGENCIES.md): the alert, its acknowledgement, the packet and its receipt.
  emergency_alert_raised: { recipients: 'count' },
  emergency_alert_acknowledged: {},
  emergency_flood_same_source: { grouped: 'count' },
  emergency_flood_same_text: { grouped: 'count' },
  emergency_packet_forwarded: {},
  emergency_forward_held: {},
  emergency_forward_no_contact: {},
  emergency_receipt_confirmed: {},
  emergency_packet_to_fallback: {},
  emergency_fallback_no_contact: {},
  party_added: { partyRole: 'partyRole' },
  party_changed: { partyRole: 'partyRole' },
  party_removed: { partyRole: 'partyRole' },
  /** A party other than the reporter (the target of a third-party report) was given their own access code. */
  party_access_issued: { partyRole: 'partyRole' },
  /** The target's wishes were recorded; the investigation goes on whatever they are. */
  target_wishes_recorded: {},
  consent_recorded: { partyRole: 'partyRole' },
  /** A message the leak guard stopped was sent anyway, with a written reason (in the audit log). */
  leak_guard_overridden: { messageId: 'message' },
} as const satisfies Readonly<Record<string, Readonly<Record<string, FieldSpec>>>>;

/** A kind of timeline event. */
export type CaseEventType = keyof typeof CASE_EVENTS;

/** Every event type, in the order of the vocabulary. */
// Object.keys loses the key type; CASE_EVENTS is a literal, so its keys are exactly these.
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENTS) as readonly CaseEventType[];

/** Narrows an untrusted string (a stored type, say) to a CaseEventType. */
export function isCaseEventType(value: string): value is CaseEventType {
  return Object.hasOwn(CASE_EVENTS, value);
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type RequiredFields<S> = { -readonly [F in keyof S as S[F] extends EventFieldKind ? F : never]: S[F] extends EventFieldKind ? EventFieldValues[S[F]] : never };
type OptionalFields<S> = {
  -readonly [F in keyof S as S[F] extends `${EventFieldKind}?` ? F : never]?: S[F] extends `${infer K extends EventFieldKind}?` ? EventFieldValues[K] : never;
};

/** The detail an event of type `T` keeps: an object with its fields, or null when it has none. */
export type CaseEventDetail<T extends CaseEventType> = [keyof (typeof CASE_EVENTS)[T]] extends [never]
  ? null
  : Simplify<RequiredFields<(typeof CASE_EVENTS)[T]> & OptionalFields<(typeof CASE_EVENTS)[T]>>;

/** An event's type with its detail, as one discriminated union. */
export type CaseEvent = { [T in CaseEventType]: { type: T; detail: CaseEventDetail<T> } }[CaseEventType];

/** One field of an event's detail, as `eventFields` lists them. */
export interface EventField { name: string; kind: EventFieldKind; optional: boolean }

/** The fields of an event type's detail, in the vocabulary's order (empty: the detail is null). */
export function eventFields(type: CaseEventType): EventField[] {
  const spec: Readonly<Record<string, FieldSpec>> = CASE_EVENTS[type];
  return Object.entries(spec).map(([name, field]) => {
    const optional = field.endsWith('?');
    // FieldSpec is a kind with or without one trailing '?', so removing it leaves the kind.
    return { name, kind: (optional ? field.slice(0, -1) : field) as EventFieldKind, optional };
  });
}

/** Who causes timeline events: the reporter, a staff member, or Haven itself (reminders). */
export const EVENT_ACTOR_KINDS = ['reporter', 'staff', 'system'] as const;

/** Who caused a timeline event. */
export type EventActorKind = (typeof EVENT_ACTOR_KINDS)[number];

/** Narrows an untrusted string to an EventActorKind. */
export function isEventActorKind(value: string): value is EventActorKind {
  return (EVENT_ACTOR_KINDS as readonly string[]).includes(value);
}
