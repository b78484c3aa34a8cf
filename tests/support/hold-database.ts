import { sql } from 'kysely';
import type { TestApp } from './test-app.js';

/**
 * Holds the app's database until released, so a request can be caught half-way: on SQLite by
 * taking its one connection (Kysely hands it to one user at a time, so every other query
 * waits), on PostgreSQL by locking the intake key table in an open transaction.
 */
export async function holdDatabase(t: TestApp): Promise<{ release(): Promise<void> }> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let held: () => void = () => undefined;
  const isHeld = new Promise<void>((resolve) => { held = resolve; });
  const holding = t.dialect === 'sqlite'
    ? t.ctx.db.connection().execute(async () => { held(); await gate; })
    : t.ctx.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE intake_receipts IN ACCESS EXCLUSIVE MODE`.execute(trx);
      held();
      await gate;
    });
  await isHeld;
  return { release: async () => { release(); await holding; } };
}

/** Waits, a few milliseconds at a time, until `condition` holds. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
