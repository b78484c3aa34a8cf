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

/**
 * Waits until no job that is due now is still waiting or running; jobs scheduled for later
 * (such as a reminder's next stage) do not count. Gives up after `maxMs`, or when the count
 * of open due jobs has not fallen for `stallMs`.
 */
export async function waitForDueJobs(handle: DatabaseHandle, input: { stallMs: number; maxMs: number }): Promise<{ settled: boolean; waitedMs: number }> {
  const started = Date.now();
  let open = Number.POSITIVE_INFINITY;
  let lastProgress = started;
  while (Date.now() - started < input.maxMs && Date.now() - lastProgress < input.stallMs) {
    // PostgreSQL answers count(*) as a bigint string, SQLite as a number.
    const row = await handle.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', 'not in', ['done', 'failed']).where('run_at', '<=', new Date().toISOString())
      .executeTakeFirstOrThrow();
    const count = Number(row.n);
    if (count === 0) return { settled: true, waitedMs: Date.now() - started };
    if (count < open) lastProgress = Date.now();
    open = count;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { settled: false, waitedMs: Date.now() - started };
}
