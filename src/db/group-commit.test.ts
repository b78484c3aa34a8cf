import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../tests/support/test-app.js';
import { GroupCommitter, type GroupCommitOptions } from './group-commit.js';
import { nextCounterValue } from './repositories/counters.js';
import type { HavenDb } from './connection.js';

type Unit<T> = (trx: HavenDb) => Promise<T>;

/** A committer whose items are functions, written one after another: the simplest batch writer. */
function unitCommitter<T>(db: HavenDb, options: Omit<GroupCommitOptions<Unit<T>, T>, 'write'>, writes: number[] = []): GroupCommitter<Unit<T>, T> {
  return new GroupCommitter<Unit<T>, T>(db, {
    ...options,
    write: async (trx, units) => {
      writes.push(units.length);
      const results: T[] = [];
      for (const unit of units) results.push(await unit(trx));
      return results;
    },
  });
}

async function counter(db: HavenDb, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

describe.each(testDialects())('group commit on %s', (dialect) => {
  let database: TestDatabase;
  let db: HavenDb;
  beforeAll(async () => { database = await createTestDatabase(dialect); db = database.handle.db; });
  afterAll(async () => { await database.dispose(); });

  it('runs units that arrive together in one transaction, in arrival order', async () => {
    const committer = unitCommitter<number>(db, { maxBatch: 64 });
    const transactions = vi.spyOn(db, 'transaction');
    const values = await Promise.all(Array.from({ length: 20 }, () => committer.run((trx) => nextCounterValue(trx, 'together'))));
    expect(transactions).toHaveBeenCalledTimes(1);
    transactions.mockRestore();
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('splits a queue longer than the largest batch over several transactions', async () => {
    const committer = unitCommitter<number>(db, { maxBatch: 8 });
    const values = await Promise.all(Array.from({ length: 20 }, () => committer.run((trx) => nextCounterValue(trx, 'split'))));
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await counter(db, 'split')).toBe(20);
  });

  it('rolls back a failing unit alone; the others commit, and only its caller sees the error', async () => {
    const writes: number[] = [];
    const committer = unitCommitter<number>(db, { maxBatch: 64 }, writes);
    const units = Array.from({ length: 6 }, (_, i) => committer.run(async (trx) => {
      const value = await nextCounterValue(trx, 'isolated');
      if (i === 2) throw new Error('unit 2 fails after writing');
      // A failing statement leaves a PostgreSQL transaction aborted until its savepoint is rolled back.
      if (i === 4) await trx.insertInto('counters').values({ name: 'isolated', value: 0 }).execute();
      return value;
    }));
    const settled = await Promise.allSettled(units);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))).toEqual([1, 2, 3, 4]);
    expect(await counter(db, 'isolated')).toBe(4);
    // The whole batch first; after its failure, one unit at a time, each in its own savepoint.
    expect(writes).toEqual([6, 1, 1, 1, 1, 1, 1]);
  });

  it('answers nobody before the whole batch has committed', async () => {
    const committer = unitCommitter<number>(db, { maxBatch: 64 });
    const answered: number[] = [];
    let releaseLast: () => void = () => undefined;
    const lastMayFinish = new Promise<void>((resolve) => { releaseLast = resolve; });
    const units = [0, 1, 2].map((i) => committer.run(async (trx) => {
      await nextCounterValue(trx, 'held');
      if (i === 2) await lastMayFinish;
      return i;
    }).then((v) => { answered.push(v); }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toEqual([]);
    releaseLast();
    await Promise.all(units);
    expect(answered).toEqual([0, 1, 2]);
  });

  it('answers nobody between the last write and the COMMIT', async () => {
    // Every unit has written; the transaction is held open just before its COMMIT.
    let releaseCommit: () => void = () => undefined;
    const commitMayRun = new Promise<void>((resolve) => { releaseCommit = resolve; });
    let written = false;
    let committed = false;
    const heldDb = Object.create(db) as HavenDb;
    heldDb.transaction = () => ({
      execute: async (fn: (trx: HavenDb) => Promise<unknown>) => {
        const result = await db.transaction().execute(async (trx) => {
          const value = await fn(trx);
          written = true;
          await commitMayRun;
          return value;
        });
        committed = true;
        return result;
      },
    }) as never;
    const committer = unitCommitter<number>(heldDb, { maxBatch: 64 });
    const answered: { value: number; committed: boolean }[] = [];
    const units = [0, 1, 2].map((i) => committer.run(async (trx) => {
      await nextCounterValue(trx, 'gap');
      return i;
    }).then((value) => { answered.push({ value, committed }); }));
    for (let waited = 0; !written && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(written).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toEqual([]);
    releaseCommit();
    await Promise.all(units);
    expect(answered).toEqual([0, 1, 2].map((value) => ({ value, committed: true })));
    expect(await counter(db, 'gap')).toBe(3);
  });

  it('fails every caller when the transaction itself cannot commit, and stores nothing', async () => {
    const committer = unitCommitter<number>(db, { maxBatch: 64 });
    const failingDb = Object.create(db) as HavenDb;
    failingDb.transaction = () => ({
      execute: async (fn: (trx: HavenDb) => Promise<unknown>) => db.transaction().execute(async (trx) => {
        await fn(trx);
        throw new Error('commit refused');
      }),
    }) as never;
    const writes: number[] = [];
    const broken = unitCommitter<number>(failingDb, { maxBatch: 64 }, writes);
    const settled = await Promise.allSettled([1, 2, 3].map(() => broken.run((trx) => nextCounterValue(trx, 'never'))));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(await counter(db, 'never')).toBeUndefined();
    // Not written again: after a failed COMMIT nobody can say whether it was durable.
    expect(writes).toEqual([3]);
    await committer.run((trx) => nextCounterValue(trx, 'after'));
  });
});
