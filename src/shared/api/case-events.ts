// A timeline entry as the API sends it: the event's type with its typed detail (JSON data, not
// words; the console says it with the message catalog), when it happened and who caused it.
import { z } from 'zod';
import { CASE_EVENT_TYPES, EVENT_ACTOR_KINDS, type CaseEvent } from '../../domain/case-events.js';
import { EVENT_DETAIL_SCHEMAS } from '../case-event-details.js';

/** Who caused a timeline event; a staff member is named. */
export const TimelineActor = z.object({ kind: z.enum(EVENT_ACTOR_KINDS), username: z.string().optional() });
export type TimelineActor = z.infer<typeof TimelineActor>;

/** One event on a case's timeline. */
export type TimelineEntry = { id: string; at: string; actor: TimelineActor } & CaseEvent;

const variants = CASE_EVENT_TYPES.map((type) =>
  z.object({ id: z.string(), type: z.literal(type), at: z.string(), actor: TimelineActor, detail: EVENT_DETAIL_SCHEMAS[type] }));
const [first, ...rest] = variants;
if (first === undefined) throw new Error('The event vocabulary is empty');

/** The schema of one timeline entry: one variant per event type, told apart by `type`. */
// The variants are built from the vocabulary at run time; their union is TimelineEntry by construction.
export const TimelineEntry = z.discriminatedUnion('type', [first, ...rest]) as unknown as z.ZodType<TimelineEntry>;
