import type { DatabaseHandle } from '../../src/db/connection.js';

export interface StoredJob {
  id: string; kind: string; status: string; attempts: number; interrupted: number; lockedBy: string | null;
  payload: Record<string, unknown>;
}

/** Jobs whose kind matches a LIKE pattern (e.g. `email.%`), as stored. */
export async function loadJobs(handle: DatabaseHandle, kindPattern: string): Promise<StoredJob[]> {
  const rows = await handle.db.selectFrom('jobs')
    .select(['id', 'kind', 'status', 'attempts', 'interrupted_deliveries', 'locked_by', 'payload'])
    .where('kind', 'like', kindPattern)
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, attempts: r.attempts, interrupted: r.interrupted_deliveries, lockedBy: r.locked_by,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}

