import type { Kysely, Migration } from 'kysely';

/**
 * Delivery state for outbox jobs. A job now passes `running` (claimed, nothing done outside
 * the database yet) then `started` (its side effect, such as the SMTP hand-over, may have
 * happened) before `done`. A job found `started` after its worker died is retried with the
 * same Message-ID, and `interrupted_deliveries` counts those retries, so an operator (and
 * the crash test) can tell a possible duplicate from a bug.
 */
export function jobDeliveryStateMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('jobs')
        .addColumn('interrupted_deliveries', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('jobs').dropColumn('interrupted_deliveries').execute();
    },
  };
}
