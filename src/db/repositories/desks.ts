import type { HavenDb } from '../connection.js';

/** A desk as the services see it. */
export interface DeskRow { id: string; slug: string; name: string; reporterName: string; isDefault: boolean }

const COLUMNS = ['id', 'slug', 'name', 'reporter_name', 'is_default'] as const;

function toDesk(row: { id: string; slug: string; name: string; reporter_name: string; is_default: number }): DeskRow {
  return { id: row.id, slug: row.slug, name: row.name, reporterName: row.reporter_name, isDefault: row.is_default === 1 };
}

/**
 * Every desk, the default first, then by slug. A handful of rows at most read per request:
 * desks change by the CLI in another process, so they are read each time, never cached.
 */
export async function listDesks(db: HavenDb): Promise<DeskRow[]> {
  const rows = await db.selectFrom('desks').select(COLUMNS).orderBy('is_default', 'desc').orderBy('slug').execute();
  return rows.map(toDesk);
}

/** One desk by its slug, or null. */
export async function findDeskBySlug(db: HavenDb, slug: string): Promise<DeskRow | null> {
  const row = await db.selectFrom('desks').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
  return row === undefined ? null : toDesk(row);
}

/** Adds a desk (never the default: the install's first desk is made by migration 0012). */
export async function insertDesk(db: HavenDb, row: { id: string; slug: string; name: string; reporterName: string; createdAt: Date }): Promise<void> {
  await db.insertInto('desks').values({
    id: row.id, slug: row.slug, name: row.name, reporter_name: row.reporterName, is_default: 0, created_at: row.createdAt.toISOString(),
  }).execute();
}
