import { sql } from 'kysely';
import type { HavenDb } from './connection.js';

/** Writes the items of one batch, in order, inside the batch's transaction; one result per item. */
export type BatchWrite<I, O> = (trx: HavenDb, items: I[]) => Promise<O[]>;

export interface GroupCommitOptions<I, O> {
  write: BatchWrite<I, O>;
  /** Most items in one transaction; the rest wait for the next. */
  maxBatch: number;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

const SAVEPOINT = sql.id('haven_group_item');

/**
 * Group commit: items that arrive while a transaction is being written are written together
 * in the next one, so many callers share one COMMIT (one fsync) and, since `write` gets the
 * whole batch, one multi-row statement per table instead of a round trip per row.
 *
 * - The batch clocks itself: an idle committer starts on the next turn of the event loop
 *   (after the requests already read in this turn have queued their items), and a busy one
 *   starts the next batch as soon as a COMMIT returns. Light load adds no waiting.
 * - Nobody hears "done" before COMMIT has returned: results are held until then.
 * - One bad item does not sink the others. If a statement of the batch fails, the transaction
 *   is rolled back and the batch is written again one item at a time, each in its own
 *   SAVEPOINT, so only the failing item's caller gets the error. `write` must therefore be
 *   safe to run again after a rollback (database work only). A failed COMMIT is not retried:
 *   every caller in the batch gets the error, as nobody can say whether it was durable.
 * - One batch at a time, its items in arrival order. That is not what keeps the case-reference
 *   counter and the audit chain gapless (database locks do, as several processes may share a
 *   PostgreSQL database); it is simply faster, see docs/PERFORMANCE.md.
 */
export class GroupCommitter<I, O> {
  private queue: Pending<I, O>[] = [];
  private busy = false;
  private scheduled = false;

  constructor(private readonly db: HavenDb, private readonly options: GroupCommitOptions<I, O>) {}

  /** Writes `item` in a shared transaction; settles only after that transaction committed or failed. */
  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.busy || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.busy = true;
    const batch = this.queue.splice(0, this.options.maxBatch);
    const outcomes = await this.commit(batch.map((p) => p.item));
    this.busy = false;
    this.schedule();
    batch.forEach((pending, i) => {
      const outcome = outcomes[i] ?? { ok: false, error: new Error('group commit ended without writing this item') };
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  private async commit(items: I[]): Promise<Outcome<O>[]> {
    let committing = false;
    try {
      const values = await this.db.transaction().execute(async (trx) => {
        const written = await this.options.write(trx, items);
        committing = true;
        return written;
      });
      return values.map((value) => ({ ok: true, value }));
    } catch (error) {
      if (committing || items.length === 1) return items.map(() => ({ ok: false, error }));
      return this.commitOneByOne(items);
    }
  }

  /** The slow path after a failed batch: each item in its own savepoint, so it fails alone. */
  private async commitOneByOne(items: I[]): Promise<Outcome<O>[]> {
    const outcomes: Outcome<O>[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const item of items) outcomes.push(await writeInSavepoint(trx, () => this.options.write(trx, [item])));
      });
    } catch (error) {
      return items.map(() => ({ ok: false, error }));
    }
    return outcomes;
  }
}

async function writeInSavepoint<O>(trx: HavenDb, write: () => Promise<O[]>): Promise<Outcome<O>> {
  await sql`SAVEPOINT ${SAVEPOINT}`.execute(trx);
  try {
    const [value] = await write();
    await sql`RELEASE SAVEPOINT ${SAVEPOINT}`.execute(trx);
    return { ok: true, value: value as O };
  } catch (error) {
    // Undo this item only; a failure here fails the whole transaction, which is the safe side.
    await sql`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`.execute(trx);
    await sql`RELEASE SAVEPOINT ${SAVEPOINT}`.execute(trx);
    return { ok: false, error };
  }
}
