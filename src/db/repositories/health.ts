import { sql } from 'kysely';
import type { HavenDb } from '../connection.js';

/** Round-trips a trivial query. */
export async function pingDatabase(db: HavenDb): Promise<void> {
  await sql`select 1`.execute(db);
}
