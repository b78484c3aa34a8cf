import { sql, type RawBuilder } from 'kysely';
import type { HavenDb } from '../connection.js';
import type { DialectName } from '../dialect-name.js';

/** Number of cases received in one UTC month in one category (only non-zero ones are returned). */
export interface MonthCategoryCount { month: string; category: string; count: number }

/**
 * The UTC calendar month of cases.received_at, written exactly as migration 0007 indexes it,
 * so the planner walks that index in (month, category) order instead of reading cases.
 */
function monthKey(dialect: DialectName): RawBuilder<unknown> {
  switch (dialect) {
    case 'sqlite':
      return sql`substr(received_at, 1, 7)`;
    case 'postgres':
      return sql`date_trunc('month', received_at AT TIME ZONE 'UTC')`;
    default: {
      const unreachable: never = dialect;
      throw new Error(`Unknown dialect: ${String(unreachable)}`);
    }
  }
}

/** The key of the first day of a `YYYY-MM` month, in the form monthKey compares with. */
function keyOf(dialect: DialectName, month: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`${month}` : sql`CAST(${`${month}-01`} AS timestamp)`;
}

/** The `YYYY-MM` label of a key, made in SQL so no session time zone gets a say. */
function labelOf(dialect: DialectName, key: RawBuilder<unknown>): RawBuilder<string> {
  return dialect === 'sqlite' ? sql<string>`${key}` : sql<string>`to_char(${key}, 'YYYY-MM')`;
}

/** One desk's counting query, unexecuted, so tests can ask the planner how it runs. */
export function countsQuery(db: HavenDb, dialect: DialectName, deskId: string, range: { from: string; to: string }) {
  const key = monthKey(dialect);
  return db
    .selectFrom('cases')
    .select([labelOf(dialect, key).as('month'), 'category', sql<number | string>`count(*)`.as('n')])
    .where('desk_id', '=', deskId)
    .where(key, '>=', keyOf(dialect, range.from))
    .where(key, '<=', keyOf(dialect, range.to))
    .groupBy([key, 'category']);
}

/**
 * Cases of the given desks received in the months `from` to `to` (inclusive, `YYYY-MM`, UTC),
 * counted by month and category. Restricted cases are counted like any other: only numbers
 * leave here. The month index leads with the desk (migration 0012), so each desk is counted
 * by its own walk of the index and the counts added up.
 */
export async function countCasesByMonthAndCategory(
  db: HavenDb, dialect: DialectName, input: { deskIds: readonly string[]; from: string; to: string },
): Promise<MonthCategoryCount[]> {
  const totals = new Map<string, MonthCategoryCount>();
  for (const deskId of input.deskIds) {
    for (const r of await countsQuery(db, dialect, deskId, input).execute()) {
      const key = `${r.month} ${r.category}`;
      // PostgreSQL returns count(*) as a bigint string.
      const cell = totals.get(key) ?? { month: r.month, category: r.category, count: 0 };
      cell.count += Number(r.n);
      totals.set(key, cell);
    }
  }
  return [...totals.values()];
}
