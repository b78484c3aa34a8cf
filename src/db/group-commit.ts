import { sql } from 'kysely';
import type { HavenDb } from './connection.js';

/** One caller's share of a group transaction. */
export type UnitOfWork<T> = (trx: HavenDb) => Promise<T>;

export interface GroupCommitOptions {
  /** Most units in one transaction; the rest wait for the next. */
  maxBatch: number;
  /** Runs once per transaction after its units, before COMMIT (e.g. to index what they wrote). */
  beforeCommit?: (trx: HavenDb) => Promise<void>;
}

interface Pending {
  work: UnitOfWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const SAVEPOINT = sql.id('haven_group_unit');

/**
 * Group commit: units of work that arrive while a transaction is being written are run
 * together in the next one, so many callers share one COMMIT (one fsync) instead of
 * paying for one each.
 *
 * - The batch clocks itself: an idle committer starts on the next turn of the event loop
 *   (after the requests already read in this turn have queued their units), and a busy one
 *   starts the next batch as soon as the current COMMIT returns. Light load adds no waiting.
 * - Nobody hears "done" before COMMIT has returned: results are held until then, and if
 *   the transaction fails as a whole every caller in it gets the error.
 * - Each unit runs inside its own SAVEPOINT, so a unit that fails is rolled back alone and
 *   only its caller gets its error; the rest of the batch commits.
 * - Units run one after another on one connection, each seeing the ones before it, so
 *   sequences such as the case-reference counter and the audit chain stay gapless.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private busy = false;
  private scheduled = false;

  constructor(private readonly db: HavenDb, private readonly options: GroupCommitOptions = { maxBatch: 64 }) {}

  /** Runs `work` in a shared transaction; settles only after that transaction committed or failed. */
  run<T>(work: UnitOfWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
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
    const outcomes: Outcome[] = [];
    let failure: { error: unknown } | null = null;
    try {
      await this.db.transaction().execute(async (trx) => {
        const only = batch.length === 1 ? batch[0] : undefined;
        // Alone in its batch, a unit needs no savepoint: its failure rolls back the whole transaction.
        if (only !== undefined) outcomes.push({ ok: true, value: await only.work(trx) });
        else for (const unit of batch) outcomes.push(await runInSavepoint(trx, unit.work));
        await this.options.beforeCommit?.(trx);
      });
    } catch (error) {
      failure = { error };
    }
    this.busy = false;
    this.schedule();
    batch.forEach((unit, i) => {
      const outcome = outcomes[i];
      if (outcome !== undefined && !outcome.ok) unit.reject(outcome.error);
      else if (failure !== null) unit.reject(failure.error);
      else if (outcome !== undefined) unit.resolve(outcome.value);
      else unit.reject(new Error('group commit ended without running this unit'));
    });
  }
}

async function runInSavepoint(trx: HavenDb, work: UnitOfWork<unknown>): Promise<Outcome> {
  await sql`SAVEPOINT ${SAVEPOINT}`.execute(trx);
  try {
    const value = await work(trx);
    await sql`RELEASE SAVEPOINT ${SAVEPOINT}`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    // Undo this unit only; a failure here fails the whole transaction, which is the safe side.
    await sql`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`.execute(trx);
    await sql`RELEASE SAVEPOINT ${SAVEPOINT}`.execute(trx);
    return { ok: false, error };
  }
}

const committers = new WeakMap<HavenDb, GroupCommitter>();

/** The one group committer of a database handle, created on first use with these options. */
export function groupCommitterFor(db: HavenDb, options: GroupCommitOptions): GroupCommitter {
  let committer = committers.get(db);
  if (committer === undefined) {
    committer = new GroupCommitter(db, options);
    committers.set(db, committer);
  }
  return committer;
}
