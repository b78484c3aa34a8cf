import { sql } from 'kysely';
import type { DatabaseHandle } from './connection.js';

export interface IntegrityReport { ok: boolean; checks: string[]; problems: string[] }

// Every table Haven reads in full here; a page that cannot be read fails the scan.
const TABLES = [
  'staff_users', 'staff_sessions', 'login_failures', 'cases', 'case_parties', 'evidence', 'case_events',
  'messages', 'reporter_access', 'reporter_sessions', 'jobs', 'audit_log', 'counters', 'staff_group_members',
] as const;

async function checkSqlite(handle: DatabaseHandle, report: IntegrityReport): Promise<void> {
  const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(handle.db);
  const messages = integrity.rows.map((r) => r.integrity_check);
  report.checks.push('PRAGMA integrity_check');
  if (messages.length !== 1 || messages[0] !== 'ok') report.problems.push(...messages.slice(0, 20));
  const orphans = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(handle.db);
  report.checks.push('PRAGMA foreign_key_check');
  for (const o of orphans.rows.slice(0, 20)) report.problems.push(`row in ${o.table} points to a missing ${o.parent}`);
}

async function checkPostgres(handle: DatabaseHandle, report: IntegrityReport): Promise<void> {
  // amcheck verifies B-tree structure against the heap; it is a contrib extension an
  // operator may or may not have installed, so it is used when present.
  const amcheck = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'amcheck'`.execute(handle.db);
  if ((amcheck.rows[0]?.n ?? 0) > 0) {
    const indexes = await sql<{ index: string }>`
      SELECT c.oid::regclass::text AS index FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE am.amname = 'btree' AND n.nspname = current_schema()`.execute(handle.db);
    for (const { index } of indexes.rows) {
      try {
        await sql`SELECT bt_index_check(${index}::regclass, true)`.execute(handle.db);
      } catch (error) {
        report.problems.push(`index ${index}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    report.checks.push(`amcheck bt_index_check on ${indexes.rows.length} indexes`);
  }
}

/**
 * Checks the database's own consistency: SQLite's integrity and foreign-key checks, or on
 * PostgreSQL amcheck when installed; then reads every table in full on both.
 */
export async function checkDatabaseIntegrity(handle: DatabaseHandle): Promise<IntegrityReport> {
  const report: IntegrityReport = { ok: true, checks: [], problems: [] };
  if (handle.dialect === 'sqlite') await checkSqlite(handle, report);
  else await checkPostgres(handle, report);
  for (const table of TABLES) {
    try {
      await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    } catch (error) {
      report.problems.push(`table ${table}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  report.checks.push(`full read of ${TABLES.length} tables`);
  report.ok = report.problems.length === 0;
  return report;
}
