// The schema of each event type's detail, built from the vocabulary (src/domain/case-events.ts):
// one schema per kind of field, so an event type added there needs nothing here. The database
// checks what it reads against these, and the API's timeline entries are made of them.
import { z } from 'zod';
import {
  CASE_EVENT_TYPES, eventFields, type CaseEventDetail, type CaseEventType, type EventFieldKind, type EventFieldValues,
} from '../domain/case-events.js';
import { CASE_STATUSES, OUTCOMES } from '../domain/case-lifecycle.js';
import { PARTY_ROLES } from '../domain/case-parts.js';
import { WAITING_ON } from '../domain/waiting.js';
import { CATEGORIES } from '../domain/categories.js';
import { SEVERITIES } from '../domain/severity.js';
import { SIGN_OFF_DECISIONS } from '../domain/review.js';
import { isVenueId } from '../domain/routing-rules.js';

const FIELD_SCHEMAS: { [K in EventFieldKind]: z.ZodType<EventFieldValues[K]> } = {
  instant: z.iso.datetime(),
  status: z.enum(CASE_STATUSES),
  outcome: z.enum(OUTCOMES),
  waitingOn: z.enum(WAITING_ON),
  partyRole: z.enum(PARTY_ROLES),
  staff: z.strictObject({ id: z.string().min(1), username: z.string().min(1) }),
  message: z.string().min(1),
  count: z.number().int().min(0),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  venue: z.string().refine(isVenueId),
  text: z.string().min(1).max(2000),
  decision: z.enum(SIGN_OFF_DECISIONS),
};

function detailSchema(type: CaseEventType): z.ZodType {
  const fields = eventFields(type);
  if (fields.length === 0) return z.null();
  return z.strictObject(Object.fromEntries(fields.map((f) => [f.name, f.optional ? FIELD_SCHEMAS[f.kind].optional() : FIELD_SCHEMAS[f.kind]])));
}

/** The schema of each event type's detail (null for a type without fields). */
// Built from the field list at run time, so the compiler cannot see that each schema yields its
// type's detail; the per-kind schemas above are typed, and a test parses every type's detail.
export const EVENT_DETAIL_SCHEMAS = Object.fromEntries(CASE_EVENT_TYPES.map((type) => [type, detailSchema(type)])) as {
  [T in CaseEventType]: z.ZodType<CaseEventDetail<T>>;
};

/** Checks an event's detail against its type; anything else is a data error and throws. */
export function parseEventDetail<T extends CaseEventType>(type: T, detail: unknown): CaseEventDetail<T> {
  // Indexed by a type parameter, the map's schema reads as any type's; it is this type's.
  const schema = EVENT_DETAIL_SCHEMAS[type] as z.ZodType<CaseEventDetail<T>>;
  const result = schema.safeParse(detail);
  if (!result.success) throw new Error(`A ${type} event has a detail that does not fit its type: ${result.error.message}`);
  return result.data;
}
