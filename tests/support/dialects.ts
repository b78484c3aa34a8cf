import { appendFileSync } from 'node:fs';
import type { DialectName } from '../../src/db/dialect-name.js';

/**
 * The dialects the database suites run against: SQLite always, PostgreSQL when
 * HAVEN_TEST_DATABASE_URL names a server. HAVEN_TEST_DIALECTS=sqlite|postgres narrows it.
 */
export function testDialects(): DialectName[] {
  const all: DialectName[] = process.env.HAVEN_TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const only = process.env.HAVEN_TEST_DIALECTS;
  return only === undefined || only === '' ? all : all.filter((d) => only.split(',').includes(d));
}

/** Whether this is a CI run (CI set to anything but false or 0, as CI services set it). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * Why the integration suite must not run, or null when it may. In CI a run without
 * PostgreSQL would pass on SQLite alone and look like a full pass, so it is refused.
 */
export function refusalToRun(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!isCi(env)) return null;
  if (!env.HAVEN_TEST_DATABASE_URL) {
    return 'CI is set, but HAVEN_TEST_DATABASE_URL is not: the integration suite runs on SQLite and PostgreSQL in CI. ' +
      'Point HAVEN_TEST_DATABASE_URL at a PostgreSQL database (e.g. postgres://postgres@127.0.0.1:5432/haven_dev).';
  }
  const only = env.HAVEN_TEST_DIALECTS;
  if (only !== undefined && only !== '' && !only.split(',').includes('postgres')) {
    return `CI is set, but HAVEN_TEST_DIALECTS=${only} leaves PostgreSQL out: the integration suite runs on both databases in CI.`;
  }
  return null;
}

/**
 * Notes that a suite really opened a database of this dialect, in the file named by
 * HAVEN_TEST_DIALECT_LOG (one line per database), so scripts/test-all.sh can say which
 * dialects ran rather than which were configured.
 */
export function recordDialectRun(dialect: DialectName): void {
  const log = process.env.HAVEN_TEST_DIALECT_LOG;
  if (log !== undefined && log !== '') appendFileSync(log, `${dialect}\n`);
}
