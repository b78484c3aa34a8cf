import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the suites use: HAVEN_TEST_DATABASE_URL, or the local default with trust auth. */
export function postgresBaseUrl(): string {
  const url = process.env.HAVEN_TEST_DATABASE_URL;
  return url === undefined || url === '' ? 'postgres://postgres@127.0.0.1:5432/postgres' : url;
}

export interface ScratchDatabase { url: string; name: string; drop(): Promise<void> }

/** Creates an empty database for one run (dropped afterwards), since a Haven server owns its whole schema. */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const base = postgresBaseUrl();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const cleaner = new pg.Client({ connectionString: base });
      await cleaner.connect();
      try {
        await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}

/** Whether a PostgreSQL server answers at the base URL. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresBaseUrl(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Installs amcheck in a scratch database when the server has it, so the integrity check verifies every index. */
export async function installAmcheck(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
  } catch {
    // not available on this server: the integrity check reads every table instead
  } finally {
    await client.end();
  }
}
