import { isAuditAction, isAuditActorKind, type AuditAction, type AuditActorKind } from '../../domain/audit-actions.js';
import type { Severity } from '../../domain/severity.js';
import { isSeverity } from '../../domain/severity.js';
import type { HavenDb } from '../connection.js';
import { toDate } from '../schema.js';
import { storedValue } from './stored-value.js';

/** One audit entry as the audit console reads it, with the facts that decide who may read it. */
export interface AuditTrailRow {
  seq: number;
  at: Date;
  action: AuditAction;
  actorKind: AuditActorKind;
  actorId: string | null;
  /** The staff member's username when the actor is staff and still exists. */
  actorName: string | null;
  /** The case the entry is about, with its access facts; null for entries about no case. */
  kase: { id: string; reference: string; deskId: string; restrictedToGroup: string | null; severity: Severity } | null;
  /** The desk named by the detail of an entry about no case (a desk setting, a role), if any. */
  detailDeskId: string | null;
}

/**
 * One batch of the audit log, newest first, strictly before `before` (a seq): keyset paging, so
 * a page costs the same however deep it is and entries appended meanwhile do not shift it.
 * Either one case's entries, or one actor's.
 */
export async function listAuditTrail(
  db: HavenDb, filter: { caseId: string } | { actorId: string }, before: number | null, limit: number,
): Promise<AuditTrailRow[]> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('staff_users as s', (join) => join.onRef('s.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'staff'))
    .select([
      'a.seq', 'a.at', 'a.action', 'a.actor_kind', 'a.actor_id', 'a.detail', 's.username',
      'c.id as case_id', 'c.reference', 'c.desk_id', 'c.restricted_to_group', 'c.severity',
    ]);
  query = 'caseId' in filter
    ? query.where('a.case_id', '=', filter.caseId)
    : query.where('a.actor_id', '=', filter.actorId).where('a.actor_kind', '=', 'staff');
  if (before !== null) query = query.where('a.seq', '<', before);
  const rows = await query.orderBy('a.seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: toDate(r.at),
    action: storedValue(r.action, isAuditAction, 'audit_log.action'),
    actorKind: storedValue(r.actor_kind, isAuditActorKind, 'audit_log.actor_kind'),
    actorId: r.actor_id,
    actorName: r.username,
    kase: r.case_id === null || r.reference === null || r.desk_id === null || r.severity === null ? null : {
      id: r.case_id, reference: r.reference, deskId: r.desk_id, restrictedToGroup: r.restricted_to_group,
      severity: storedValue(r.severity, isSeverity, 'cases.severity'),
    },
    detailDeskId: deskIdOf(r.detail),
  }));
}

function deskIdOf(detail: string): string | null {
  try {
    const parsed = JSON.parse(detail) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'deskId' in parsed && typeof parsed.deskId === 'string') return parsed.deskId;
  } catch {
    // A detail that is not JSON names no desk.
  }
  return null;
}
