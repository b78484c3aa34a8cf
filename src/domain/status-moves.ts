// The moves a handler may make by hand on the status route. The lifecycle (case-lifecycle.ts)
// decides what is legal; closing and reopening have their own routes because they need more
// than a target (an outcome and a record; a reason), so they are not offered here.
import { OPEN_MOVES, type CaseStatus } from './case-lifecycle.js';

/** The statuses the status route can move a case to. */
export const MANUAL_MOVES = ['acknowledged', 'investigating', 'waiting', 'in_review'] as const satisfies readonly CaseStatus[];

/** A status the status route can move a case to. */
export type ManualMove = (typeof MANUAL_MOVES)[number];

/** The statuses a case in `status` may be moved to now on the status route (none once closed: reopen it). */
export function manualMoves(status: CaseStatus): ManualMove[] {
  if (status === 'closed') return [];
  return OPEN_MOVES[status].filter((to): to is ManualMove => (MANUAL_MOVES as readonly string[]).includes(to));
}
