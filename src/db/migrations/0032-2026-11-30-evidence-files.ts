import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Evidence files (issue 11, item 11): screenshots and PDFs a reporter attaches. The bytes are
 * kept in the database, sealed with the field cipher and bound to their case and row, so every
 * instance of a multi-process PostgreSQL install reads the same files, and a backup of the
 * database is a backup of the evidence. Beside them: the SHA-256 of the stored bytes (after
 * metadata was taken out), the type read from the bytes, the size, and the file's name, sealed
 * too (a name like "screenshot of <someone>" is personal). Each desk limits how many files a
 * report or an update may carry and how large each may be.
 */
export function evidenceFilesMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('evidence_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('party_id', 'text', (c) => c.references('case_parties.id').onDelete('set null'))
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('byte_size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('name_enc', 'text', (c) => c.notNull())
        .addColumn('content_enc', 'text', (c) => c.notNull())
        .addColumn('added_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('evidence_files_case').on('evidence_files').columns(['case_id', 'added_at']).execute();
      await db.schema.alterTable('desks').addColumn('evidence_file_limit', 'integer', (c) => c.notNull().defaultTo(5)).execute();
      await db.schema.alterTable('desks').addColumn('evidence_file_max_bytes', 'integer', (c) => c.notNull().defaultTo(10 * 1024 * 1024)).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('desks').dropColumn('evidence_file_max_bytes').execute();
      await db.schema.alterTable('desks').dropColumn('evidence_file_limit').execute();
      await db.schema.dropTable('evidence_files').execute();
    },
  };
}
