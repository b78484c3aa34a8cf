import {
  isCaseEventType, isEventActorKind, type CaseEvent, type CaseEventType, type EventActorKind,
} from '../../domain/case-events.js';
import { parseEventDetail } from '../../shared/case-event-details.js';
import type { HavenDb } from '../connection.js';
import type { PendingInsert } from './insert-together.js';
import { storedValue } from './stored-value.js';
import { toDate } from '../schema.js';

/** A timeline event to record: its type with its detail, when, and who caused it. */
export type NewEvent = { id: string; caseId: string; at: Date; actorKind: EventActorKind; actorId: string | null } & CaseEvent;

/** Records timeline events in the caller's transaction. */
export async function recordEvents(db: HavenDb, events: NewEvent[]): Promise<void> {
  await insertEventsQuery(db, events)?.execute();
}

/**
 * The INSERT of timeline events, not yet run (see insert-together.ts); null when there are none.
 * Every event Haven writes goes through here. Each detail is checked against its type before it
 * is stored as JSON: a detail the timeline could not read back would break the case page.
 */
export function insertEventsQuery(db: HavenDb, events: NewEvent[]): PendingInsert | null {
  if (events.length === 0) return null;
  return db
    .insertInto('case_events')
    .values(events.map((e) => {
      const detail = parseEventDetail(e.type, e.detail);
      return {
        id: e.id, case_id: e.caseId, type: e.type, at: e.at.toISOString(), actor_kind: e.actorKind, actor_id: e.actorId,
        detail: detail === null ? null : JSON.stringify(detail),
      };
    }));
}

/** A recorded timeline event, with the staff member's current username when staff caused it. */
export type EventRow = { id: string; at: Date; actorKind: EventActorKind; actorId: string | null; actorUsername: string | null } & CaseEvent;

/** The case timeline, oldest first. */
export async function listEvents(db: HavenDb, caseId: string): Promise<EventRow[]> {
  const rows = await db
    .selectFrom('case_events')
    .leftJoin('staff_users', (join) =>
      join.onRef('staff_users.id', '=', 'case_events.actor_id').on('case_events.actor_kind', '=', 'staff'))
    .select([
      'case_events.id', 'case_events.type', 'case_events.at', 'case_events.actor_kind', 'case_events.actor_id',
      'staff_users.username', 'case_events.detail',
    ])
    .where('case_events.case_id', '=', caseId)
    .orderBy('case_events.at')
    .orderBy('case_events.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, at: toDate(r.at), actorKind: storedValue(r.actor_kind, isEventActorKind, 'case_events.actor_kind'),
    actorId: r.actor_id, actorUsername: r.username, ...storedEvent(r.id, r.type, r.detail),
  }));
}

function storedEvent(id: string, storedType: string, storedDetail: string | null): CaseEvent {
  const type = storedValue(storedType, isCaseEventType, 'case_events.type');
  let detail: unknown = null;
  if (storedDetail !== null) {
    try {
      detail = JSON.parse(storedDetail);
    } catch {
      throw new Error(`case_events.detail of event ${id} is not JSON`);
    }
  }
  // parseEventDetail checked the detail against this very type, so the pair is one CaseEvent;
  // the compiler cannot follow a type chosen at run time.
  return { type, detail: parseEventDetail<CaseEventType>(type, detail) } as CaseEvent;
}
