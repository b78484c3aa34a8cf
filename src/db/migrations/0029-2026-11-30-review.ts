import type { ColumnDataType, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { DialectName } from '../dialect-name.js';
import { normaliseAccountName } from '../../domain/account-names.js';

/**
 * Private review (issue 12): a desk's review settings (sign-offs required, the group that reviews
 * besides its reviewers), each reviewer's sign-off (one per person and case), and the review's
 * discussion thread, kept apart from the reporter's messages so no presenter for a reporter can
 * ever reach it. Also patterns: each party's account in its matching form (`account_key`, see
 * domain/account-names.ts), so cases naming the same account link through one index; existing
 * parties are given theirs here. Names are not sealed today; when they are, this column holds a
 * keyed blind index of the same form instead, and matching stays an equality.
 */
export function reviewMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('desk_review_settings')
        .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id').onDelete('cascade'))
        .addColumn('required_sign_offs', 'integer', (c) => c.notNull())
        .addColumn('reviewer_group', 'text')
        .execute();
      await db.schema
        .createTable('case_sign_offs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('signed_at', ts, (c) => c.notNull())
        .addUniqueConstraint('case_sign_offs_once', ['case_id', 'staff_id'])
        .execute();
      await db.schema
        .createTable('case_review_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('author_id', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('written_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_review_notes_case').on('case_review_notes').columns(['case_id', 'written_at']).execute();
      await db.schema.alterTable('case_parties').addColumn('account_key', 'text').execute();
      const named = await sql<{ id: string; username: string }>`SELECT id, username FROM case_parties WHERE username IS NOT NULL`.execute(db);
      for (const row of named.rows) {
        await sql`UPDATE case_parties SET account_key = ${normaliseAccountName(row.username)} WHERE id = ${row.id}`.execute(db);
      }
      // Evidence marked as personal information: hidden on the case page until someone shows it (audited).
      await db.schema.alterTable('evidence').addColumn('personal_information', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('case_parties_account_key').on('case_parties').columns(['account_key', 'case_id']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('case_parties_account_key').execute();
      await db.schema.alterTable('evidence').dropColumn('personal_information').execute();
      await db.schema.alterTable('case_parties').dropColumn('account_key').execute();
      await db.schema.dropTable('case_review_notes').execute();
      await db.schema.dropTable('case_sign_offs').execute();
      await db.schema.dropTable('desk_review_settings').execute();
    },
  };
}
