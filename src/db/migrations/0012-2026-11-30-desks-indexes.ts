import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

// The case indexes of migration 0012, and the ones they replace (0001 and 0007), written out
// as on their dates so that the migration can go both ways.

interface IndexSet {
  create<DB>(db: Kysely<DB>): Promise<void>;
  drop<DB>(db: Kysely<DB>): Promise<void>;
}

/** The month a case was received in, exactly as 0007 indexed it (reporting.ts must match). */
function month(dialect: DialectName): string {
  return dialect === 'postgres' ? `(date_trunc('month', received_at AT TIME ZONE 'UTC'))` : 'substr(received_at, 1, 7)';
}

function indexSet(statements: Record<string, string>): IndexSet {
  return {
    async create(db) {
      for (const [name, definition] of Object.entries(statements)) await sql.raw(`CREATE INDEX ${name} ON cases ${definition}`).execute(db);
    },
    async drop(db) {
      for (const name of Object.keys(statements)) await sql.raw(`DROP INDEX ${name}`).execute(db);
    },
  };
}

/**
 * Queue, status, category and month indexes that lead with the desk. A handler's queue is an
 * equality on the desk and walks one desk's entries in urgency order, so ten desks of 100k
 * cost a handler of one of them what one desk of 100k does. Several desks are merged from one
 * walk each (queue.ts); reporting sums one count per desk.
 */
export function deskIndexes(dialect: DialectName): IndexSet {
  return indexSet({
    cases_desk_queue: '(desk_id, is_open, urgent_at, id)',
    cases_desk_status_queue: '(desk_id, status, urgent_at, id)',
    cases_desk_category_queue: '(desk_id, is_open, category, urgent_at, id)',
    cases_desk_month_category: `(desk_id, ${month(dialect)}, category)${dialect === 'postgres' ? ' INCLUDE (received_at)' : ''}`,
  });
}

/** The indexes before desks (migrations 0001 and 0007). */
export function globalIndexes(dialect: DialectName): IndexSet {
  return indexSet({
    cases_queue: '(is_open, urgent_at, id)',
    cases_status_queue: '(status, urgent_at, id)',
    cases_category_queue: '(is_open, category, urgent_at, id)',
    cases_month_category: `(${month(dialect)}, category)${dialect === 'postgres' ? ' INCLUDE (received_at)' : ''}`,
  });
}
