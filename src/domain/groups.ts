// Groups, recusals and linked accounts (issue 11, items 6 and 7). Pure rules; the services
// apply them inside the transaction that changes the case.
import { canOnCase, type CaseAccessFacts, type StaffRole } from './access-policy.js';

/** Why a staff member is recused from a case. */
export const RECUSAL_SOURCES = ['self', 'linked_account', 'reporter'] as const;

/** Why a staff member is recused from a case. */
export type RecusalSource = (typeof RECUSAL_SOURCES)[number];

/** Narrows an untrusted string to a RecusalSource. */
export function isRecusalSource(value: string): value is RecusalSource {
  return (RECUSAL_SOURCES as readonly string[]).includes(value);
}

/** The longest group name. */
export const MAX_GROUP_NAME = 60;

/** The name the escalation group of a new desk gets; admins may rename it. */
export const ESCALATION_GROUP_NAME = 'Escalation';

/** How many staff a reporter may name who must not handle their case. */
export const MAX_REPORTER_RECUSALS = 3;

/** The longest reason a staff member may give for recusing themself. */
export const MAX_RECUSAL_REASON = 1000;

/** Someone on a desk, as the escalation fallback weighs them. */
export interface DeskWorker { id: string; role: StaffRole; groups: string[] }

/**
 * Whether anyone on the desk may still work the case (take it and change it) once its
 * recusals and restriction are applied. When nobody may, the case must go to the escalation
 * group rather than sit where no one can see it.
 */
export function anyoneCanWork(kase: CaseAccessFacts, staff: readonly DeskWorker[]): boolean {
  return staff.some((s) => canOnCase({ kind: 'staff', id: s.id, roles: new Map([[kase.deskId, s.role]]), groups: s.groups }, 'case.update', kase));
}
