import { sql, type ColumnDataType, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Intake that files a report once, and a way back in for a reporter who lost their code.
 * - `intake_receipts`: one row per idempotency key (the form's one-time token or an API
 *   client's `Idempotency-Key`), written in the report's own transaction. The key is stored
 *   only as an HMAC, the report as a fingerprint (HMAC too), and the access code sealed,
 *   until the receipt has been shown or 15 minutes have passed. Rows expire after 24 hours.
 * - `case_parties.contact_email_index`: a keyed blind index (HMAC) of the normalised contact
 *   address, so "I lost my code" can find a sealed address without opening every one. The
 *   migration cannot fill it (it has no key); the worker does, in batches (see
 *   services/index-contact-addresses.ts), and intake writes it for every new report.
 * - `reporter_sign_in_links`: single-use, short-lived sign-in links, by the hash of their token.
 * - `sign_in_link_requests`: every "I lost my code" request, by the address's blind index, for
 *   the rate limit; kept for a day.
 */
export function intakeOnceAndLostCodesMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('intake_receipts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('code_enc', 'text')
        .addColumn('code_until', ts, (c) => c.notNull())
        .addColumn('code_shown_at', ts)
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('expires_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('intake_receipts_expiry').on('intake_receipts').column('expires_at').execute();
      // Only rows still holding a sealed code: the sweep that clears them reads this index alone.
      await db.schema.createIndex('intake_receipts_sealed_codes').on('intake_receipts').column('code_until')
        .where(sql.ref('code_enc'), 'is not', null).execute();

      await db.schema.alterTable('case_parties').addColumn('contact_email_index', 'text').execute();
      await db.schema.createIndex('case_parties_contact_index').on('case_parties').column('contact_email_index')
        .where(sql.ref('contact_email_index'), 'is not', null).execute();
      // Addresses sealed before this migration, still to be indexed: empty once the worker caught up.
      await db.schema.createIndex('case_parties_contact_unindexed').on('case_parties').column('id')
        .where(sql<boolean>`contact_email_enc IS NOT NULL AND contact_email_index IS NULL`).execute();

      await db.schema
        .createTable('reporter_sign_in_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('access_id', 'text', (c) => c.notNull().references('reporter_access.id').onDelete('cascade'))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('expires_at', ts, (c) => c.notNull())
        .addColumn('used_at', ts)
        .execute();
      await db.schema.createIndex('reporter_sign_in_links_expiry').on('reporter_sign_in_links').column('expires_at').execute();

      await db.schema
        .createTable('sign_in_link_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('address_index', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_in_link_requests_by_address').on('sign_in_link_requests').columns(['address_index', 'at']).execute();
      await db.schema.createIndex('sign_in_link_requests_by_time').on('sign_in_link_requests').column('at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('sign_in_link_requests').execute();
      await db.schema.dropTable('reporter_sign_in_links').execute();
      await db.schema.dropIndex('case_parties_contact_unindexed').execute();
      await db.schema.dropIndex('case_parties_contact_index').execute();
      await db.schema.alterTable('case_parties').dropColumn('contact_email_index').execute();
      await db.schema.dropTable('intake_receipts').execute();
    },
  };
}
