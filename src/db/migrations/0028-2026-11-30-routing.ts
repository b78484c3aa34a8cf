import type { ColumnDataType, Kysely, Migration } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Routing (issue 12): a desk's rules as versioned data, the facts handlers enter about a case
 * (standing, evidence, whether it is ongoing), and every choice of venue with the rule version
 * and the plan that was recommended at that moment. Rules are never edited in place: a save is a
 * new version, so a case's record of "version N recommended X" stays true.
 */
export function routingMigration(dialect: DialectName): Migration {
  const ts: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('desk_routing_rules')
        .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('saved_at', ts, (c) => c.notNull())
        .addColumn('saved_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addPrimaryKeyConstraint('desk_routing_rules_pk', ['desk_id', 'version'])
        .execute();
      await db.schema
        .createTable('case_routing_facts')
        .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .execute();
      await db.schema
        .createTable('case_routing_choices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('chosen_at', ts, (c) => c.notNull())
        .addColumn('chosen_by', 'text', (c) => c.references('staff_users.id').onDelete('set null'))
        .addColumn('rule_version', 'integer', (c) => c.notNull())
        .addColumn('recommended_venue', 'text', (c) => c.notNull())
        .addColumn('recommended_steps', 'text', (c) => c.notNull())
        .addColumn('chosen_venue', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('case_routing_choices_case').on('case_routing_choices').columns(['case_id', 'chosen_at']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('case_routing_choices').execute();
      await db.schema.dropTable('case_routing_facts').execute();
      await db.schema.dropTable('desk_routing_rules').execute();
    },
  };
}
