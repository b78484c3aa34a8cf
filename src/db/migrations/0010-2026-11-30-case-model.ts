import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The case model the next capabilities build on:
 * - `case_events.detail` holds data (JSON shaped by the event's type, src/domain/case-events.ts)
 *   instead of English sentences, so the console can say it in any language. Existing details
 *   are rewritten here, so an upgraded case reads exactly as before;
 * - `cases.requires_review` and `cases.required_sign_offs`: the review facts the lifecycle
 *   judges a closing by. Until routing marks cases for review, none is (0), and a review
 *   would need the default two sign-offs (DEFAULT_REQUIRED_SIGN_OFFS);
 * - `staff_group_members`: who belongs to which group, the only key to a restricted case
 *   (`cases.restricted_to_group` holds a group id). Groups get names and screens later.
 *
 * The event types and old detail formats are written out here rather than taken from the
 * vocabulary: a migration describes the data as it was on its date, and must not change
 * meaning when the vocabulary grows.
 */
export function caseModelMigration(dialect: DialectName): Migration {
  const ts = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('cases').addColumn('requires_review', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('cases').addColumn('required_sign_offs', 'integer', (c) => c.notNull().defaultTo(2)).execute();
      await db.schema
        .createTable('staff_group_members')
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
        .addColumn('added_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_group_members_pk', ['group_id', 'user_id'])
        .execute();
      // Every staff request looks up its own memberships by user.
      await db.schema.createIndex('staff_group_members_user').on('staff_group_members').column('user_id').execute();
      for (const statement of detailsToData(dialect)) await sql.raw(statement).execute(db);
      await refuseUnmatched(db, dialect);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const statement of detailsToWords(dialect)) await sql.raw(statement).execute(db);
      await db.schema.dropTable('staff_group_members').execute();
      await db.schema.alterTable('cases').dropColumn('required_sign_offs').execute();
      await db.schema.alterTable('cases').dropColumn('requires_review').execute();
    },
  };
}

const REMINDERS = ['first_response', 'promised_update', 'check_in', 'reply_owed']
  .flatMap((clock) => [`'${clock}_due'`, `'${clock}_overdue'`]).join(', ');

/** The SQL each dialect needs to build JSON, take a field out of it, and split a string. */
function dialectSql(dialect: DialectName) {
  const pg = dialect === 'postgres';
  return {
    /** A JSON object from name/value pairs; `asText` makes it storable in the text column. */
    object: (pairs: string) => (pg ? `json_build_object(${pairs})` : `json_object(${pairs})`),
    asText: (json: string) => (pg ? `(${json})::text` : json),
    field: (name: string) => (pg ? `(detail::json ->> '${name}')` : `json_extract(detail, '$.${name}')`),
    before: (separator: string) => (pg ? `split_part(detail, '${separator}', 1)` : `substr(detail, 1, instr(detail, '${separator}') - 1)`),
    // SQLite counts characters; the separators here are all in the BMP, one UTF-16 unit each.
    after: (separator: string) => (pg ? `split_part(detail, '${separator}', 2)` : `substr(detail, instr(detail, '${separator}') + ${separator.length})`),
  };
}

function detailsToData(dialect: DialectName): string[] {
  const { object, asText } = dialectSql(dialect);
  const { before, after } = dialectSql(dialect);
  const reporterMessage = `COALESCE(
    (SELECT m.id FROM messages m WHERE m.case_id = case_events.case_id AND m.author_kind = 'reporter'
      AND m.created_at = case_events.at AND m.body = case_events.detail ORDER BY m.id LIMIT 1),
    (SELECT m.id FROM messages m WHERE m.case_id = case_events.case_id AND m.author_kind = 'reporter'
      AND m.created_at <= case_events.at ORDER BY m.created_at DESC, m.id DESC LIMIT 1))`;
  const reporterLinks = `(SELECT count(*) FROM evidence e WHERE e.case_id = case_events.case_id
    AND e.supplied_by = 'reporter' AND e.added_at = case_events.at)`;
  const previousHolder = `(SELECT s.id FROM staff_users s WHERE s.username = ${after('from ')})`;
  return [
    // Before: the reply's party role ("reporter"); the promised date, and a reminder's deadline, as ISO text.
    `UPDATE case_events SET detail = ${asText(object(`'partyRole', detail`))}
      WHERE type = 'reply_sent' AND detail IN ('reporter', 'target', 'reported', 'witness')`,
    `UPDATE case_events SET detail = ${asText(object(`'promisedBy', detail`))}
      WHERE type = 'update_promised' AND detail IS NOT NULL AND detail NOT LIKE '{%'`,
    `UPDATE case_events SET detail = ${asText(object(`'dueAt', detail`))}
      WHERE type IN (${REMINDERS}) AND detail IS NOT NULL AND detail NOT LIKE '{%'`,
    // "new → acknowledged"
    `UPDATE case_events SET detail = ${asText(object(`'from', ${before(' → ')}, 'to', ${after(' → ')}`))}
      WHERE type = 'status_changed' AND detail LIKE '% → %' AND detail NOT LIKE '{%'`,
    // "from alice": usernames are unique and never change, so the name finds the account.
    `UPDATE case_events SET detail = ${asText(object(`'from', ${object(`'id', ${previousHolder}, 'username', ${after('from ')}`)}`))}
      WHERE type = 'case_taken_over' AND detail LIKE 'from %'`,
    // The reporter's whole text: it is the message written in the same transaction, at the same moment.
    `UPDATE case_events SET detail = ${asText(object(`'messageId', ${reporterMessage}, 'links', ${reporterLinks}`))}
      WHERE type = 'reporter_added_information'`,
  ];
}

/** A detail that found no message or no account would break its case page: stop the upgrade instead. */
async function refuseUnmatched(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const { field } = dialectSql(dialect);
  const { rows } = await sql.raw<{ n: number | string }>(`SELECT count(*) AS n FROM case_events WHERE
    (type = 'reporter_added_information' AND ${field('messageId')} IS NULL)
    OR (type = 'case_taken_over' AND ${dialect === 'postgres' ? `(detail::json -> 'from' ->> 'id')` : `json_extract(detail, '$.from.id')`} IS NULL)`).execute(db);
  const unmatched = Number(rows[0]?.n ?? 0);
  if (unmatched > 0) {
    throw new Error(`${unmatched} timeline events name a reporter's message or a staff account that is not in the database`);
  }
}

function detailsToWords(dialect: DialectName): string[] {
  const { field } = dialectSql(dialect);
  const concat = (...parts: string[]) => parts.join(' || ');
  return [
    `UPDATE case_events SET detail = ${field('partyRole')} WHERE type = 'reply_sent' AND detail LIKE '{%'`,
    `UPDATE case_events SET detail = ${field('promisedBy')} WHERE type = 'update_promised' AND detail LIKE '{%'`,
    `UPDATE case_events SET detail = ${field('dueAt')} WHERE type IN (${REMINDERS}) AND detail LIKE '{%'`,
    `UPDATE case_events SET detail = ${concat(field('from'), `' → '`, field('to'))} WHERE type = 'status_changed' AND detail LIKE '{%'`,
    `UPDATE case_events SET detail = ${concat(`'from '`, dialect === 'postgres' ? `(detail::json -> 'from' ->> 'username')` : `json_extract(detail, '$.from.username')`)}
      WHERE type = 'case_taken_over' AND detail LIKE '{%'`,
    `UPDATE case_events SET detail = (SELECT m.body FROM messages m WHERE m.id = ${field('messageId')})
      WHERE type = 'reporter_added_information' AND detail LIKE '{%'`,
  ];
}
