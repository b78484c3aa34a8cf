import type { Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/** Indexes for the reporting counts (filled in by the reporting work). */
export function reportingCountsMigration(_dialect: DialectName): Migration {
  return {
    async up(): Promise<void> { /* nothing yet */ },
    async down(): Promise<void> { /* nothing yet */ },
  };
}
