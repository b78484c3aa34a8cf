import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './connection.js';
import type { DialectName } from './dialect-name.js';
import { initialMigration } from './migrations/0001-2026-11-25-initial.js';
import { caseSearchMigration } from './migrations/0002-2026-11-25-case-search.js';
import { auditLogNoTruncateMigration } from './migrations/0003-2026-11-25-audit-log-no-truncate.js';
import { jobDeliveryStateMigration } from './migrations/0004-2026-11-25-job-delivery-state.js';
import { caseSearchBatchedMigration } from './migrations/0005-2026-11-25-case-search-batched.js';
import { caseSearchStateMigration } from './migrations/0006-2026-11-25-case-search-state.js';
import { reportingCountsMigration } from './migrations/0007-2026-11-26-reporting-counts.js';
import { repliesAndRemindersMigration } from './migrations/0008-2026-11-26-replies-and-reminders.js';
import { reporterAccessByPartyMigration } from './migrations/0009-2026-11-26-reporter-access-by-party.js';
import { caseModelMigration } from './migrations/0010-2026-11-30-case-model.js';
import { trainingProgressMigration } from './migrations/0011-2026-11-30-training-progress.js';
import { desksMigration } from './migrations/0012-2026-11-30-desks.js';
import { workingACaseMigration } from './migrations/0014-2026-11-30-working-a-case.js';
import { emergencyMigration } from './migrations/0013-2026-11-30-emergency.js';
import { accountsMigration } from './migrations/0016-2026-11-30-accounts.js';
import { trainingRequirementsMigration } from './migrations/0020-2026-11-30-training-requirements.js';
import { templatesAndClosingMigration } from './migrations/0021-2026-11-30-templates-and-closing.js';
import { routingMigration } from './migrations/0028-2026-11-30-routing.js';
import { reviewMigration } from './migrations/0029-2026-11-30-review.js';
import { referralsMigration } from './migrations/0034-2026-11-30-referrals.js';
import { caseMergesMigration } from './migrations/0036-2026-11-30-case-merges.js';
import { intakeOnceAndLostCodesMigration } from './migrations/0015-2026-11-30-intake-once-and-lost-codes.js';
import { partyDetailsMigration } from './migrations/0022-2026-11-30-party-details.js';
import { partyConsentsMigration } from './migrations/0023-2026-11-30-party-consents.js';
import { targetContactMigration } from './migrations/0024-2026-11-30-target-contact.js';
import { groupsMigration } from './migrations/0030-2026-11-30-groups.js';
import { rateLimitsMigration } from './migrations/0033-2026-11-30-rate-limits.js';
import { evidenceFilesMigration } from './migrations/0032-2026-11-30-evidence-files.js';
import { keyRotationMigration } from './migrations/0031-2026-11-30-key-rotation.js';
import { accountsUnindexedMigration } from './migrations/0037-2026-11-30-accounts-unindexed.js';
import { sealedAccountNamesMigration } from './migrations/0038-2026-11-30-sealed-account-names.js';

// Migrations are listed here rather than read from the folder, so the same list works
// from TypeScript sources and from the compiled build. Names sort in the order they run.
function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-2026-11-25-initial': initialMigration(dialect),
    '0002-2026-11-25-case-search': caseSearchMigration(dialect),
    '0003-2026-11-25-audit-log-no-truncate': auditLogNoTruncateMigration(dialect),
    '0004-2026-11-25-job-delivery-state': jobDeliveryStateMigration(),
    '0005-2026-11-25-case-search-batched': caseSearchBatchedMigration(dialect),
    '0006-2026-11-25-case-search-state': caseSearchStateMigration(dialect),
    '0007-2026-11-26-reporting-counts': reportingCountsMigration(dialect),
    '0008-2026-11-26-replies-and-reminders': repliesAndRemindersMigration(dialect),
    '0014-2026-11-30-working-a-case': workingACaseMigration(dialect),
    '0009-2026-11-26-reporter-access-by-party': reporterAccessByPartyMigration(),
    '0010-2026-11-30-case-model': caseModelMigration(dialect),
    '0011-2026-11-30-training-progress': trainingProgressMigration(dialect),
    '0012-2026-11-30-desks': desksMigration(dialect),
    '0013-2026-11-30-emergency': emergencyMigration(dialect),
    '0015-2026-11-30-intake-once-and-lost-codes': intakeOnceAndLostCodesMigration(dialect),
    '0016-2026-11-30-accounts': accountsMigration(dialect),
    '0020-2026-11-30-training-requirements': trainingRequirementsMigration(dialect),
    '0021-2026-11-30-templates-and-closing': templatesAndClosingMigration(dialect),
    '0028-2026-11-30-routing': routingMigration(dialect),
    '0029-2026-11-30-review': reviewMigration(dialect),
    '0022-2026-11-30-party-details': partyDetailsMigration(dialect),
    '0023-2026-11-30-party-consents': partyConsentsMigration(dialect),
    '0024-2026-11-30-target-contact': targetContactMigration(dialect),
    '0030-2026-11-30-groups': groupsMigration(dialect),
    '0033-2026-11-30-rate-limits': rateLimitsMigration(),
    '0032-2026-11-30-evidence-files': evidenceFilesMigration(dialect),
    '0034-2026-11-30-referrals': referralsMigration(dialect),
    '0036-2026-11-30-case-merges': caseMergesMigration(),
    '0031-2026-11-30-key-rotation': keyRotationMigration(dialect),
    '0037-2026-11-30-accounts-unindexed': accountsUnindexedMigration(),
    '0038-2026-11-30-sealed-account-names': sealedAccountNamesMigration(),
  };
}

/** The names of the migrations this version of Haven knows, in the order they run. */
export function knownMigrationNames(dialect: DialectName): string[] {
  return Object.keys(migrations(dialect)).sort();
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.dialect));
  }
}

/**
 * Kysely runs SQLite migrations outside any transaction (it assumes DDL is not transactional,
 * which is untrue of SQLite), so a process killed mid-migration left tables without the row
 * recording them, and every later start failed on "table already exists". Haven's SQLite
 * handle is a single connection, so an explicit transaction around the whole run makes the
 * schema change and its bookkeeping commit together or not at all.
 */
async function inOneSqliteTransaction(handle: DatabaseHandle, run: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> {
  await sql`BEGIN IMMEDIATE`.execute(handle.db);
  let result: MigrationResultSet;
  try {
    result = await run();
  } catch (error) {
    await sql`ROLLBACK`.execute(handle.db);
    throw error;
  }
  await sql.raw(result.error === undefined ? 'COMMIT' : 'ROLLBACK').execute(handle.db);
  return result;
}

async function currentSchema(handle: DatabaseHandle): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(handle.db);
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null) throw new Error('PostgreSQL has no current schema: check the search_path of the database user.');
  return schema;
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  return runMigrator(handle, (migrator) => migrator.migrateToLatest());
}

/** Brings the schema to migration `name`, up or down (for tests of an upgrade from an older Haven). */
export function migrateTo(handle: DatabaseHandle, name: string): Promise<string[]> {
  return runMigrator(handle, (migrator) => migrator.migrateTo(name));
}

async function runMigrator(handle: DatabaseHandle, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: new StaticProvider(handle.dialect),
    // Without a schema, Kysely looks for its bookkeeping tables in every schema of the
    // database: another Kysely application (or a parallel test run) in a neighbouring
    // schema made it skip creating Haven's own, and migration failed. Name ours.
    ...(handle.dialect === 'postgres' ? { migrationTableSchema: await currentSchema(handle) } : {}),
    // Capabilities built side by side took numbers in advance (0013 emergencies, 0014 working a
    // case, 0016 accounts…) and landed after 0015 and 0020: a database that already ran those
    // must still take the lower numbers. Each of these migrations stands alone (new tables and
    // columns), so running them out of order is safe; Kysely still runs pending ones by name.
    allowUnorderedMigrations: true,
  });
  const result = handle.dialect === 'sqlite' ? await inOneSqliteTransaction(handle, () => run(migrator)) : await run(migrator);
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
