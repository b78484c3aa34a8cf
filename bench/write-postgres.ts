import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { COLUMNS, type Row, type Rows, type TableName } from './model.js';

const ARRAY_TYPES: Record<string, string> = {
  text: 'text[]', integer: 'int4[]', bigint: 'int8[]', 'timestamp with time zone': 'timestamptz[]',
};

/** Loads generated rows into a fresh PostgreSQL database whose schema comes from the real migrations. */
export class PostgresWriter {
  private client!: pg.Client;
  private types = new Map<string, string[]>();
  private indexes: string[] = [];
  private pending: Promise<void> = Promise.resolve();

  constructor(readonly serverUrl: string, readonly database: string) {}

  get url(): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.database}`;
    return url.toString();
  }

  async open(): Promise<void> {
    const admin = new pg.Client({ connectionString: this.serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${this.database}`);
    await admin.end();
    const handle = openDatabase({ url: this.url, dataDir: '.' });
    await migrateToLatest(handle);
    await handle.close();
    this.client = new pg.Client({ connectionString: this.url });
    await this.client.connect();
    // Loading only: skip triggers and foreign-key checks (the rows are consistent by
    // construction, and search_accounts is written with each case).
    await this.client.query('SET session_replication_role = replica');
    await this.client.query("SET maintenance_work_mem = '1GB'");
    await this.client.query('SET synchronous_commit = off');
    const columns = await this.client.query<{ table_name: string; column_name: string; data_type: string }>(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'");
    for (const [table, names] of Object.entries(COLUMNS)) {
      this.types.set(table, names.map((name) => {
        const type = columns.rows.find((c) => c.table_name === table && c.column_name === name)?.data_type;
        const array = type === undefined ? undefined : ARRAY_TYPES[type];
        if (array === undefined) throw new Error(`no array type for ${table}.${name} (${type ?? 'missing'})`);
        return array;
      }));
    }
    const indexes = await this.client.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND indexname NOT IN (SELECT conname FROM pg_constraint)`);
    for (const i of indexes.rows) await this.client.query(`DROP INDEX "${i.indexname}"`);
    this.indexes = indexes.rows.map((i) => i.indexdef);
    await this.client.query('BEGIN');
  }

  async defaultDeskId(): Promise<string> {
    const row = (await this.client.query<{ id: string }>('SELECT id FROM desks WHERE is_default = 1')).rows[0];
    if (row === undefined) throw new Error('the migrations made no default desk');
    return row.id;
  }

  /** Queues the rows; PostgreSQL works on one chunk while the generator builds the next. */
  write(rows: Partial<Rows>): Promise<void> {
    const previous = this.pending;
    this.pending = (async () => {
      await previous;
      for (const [table, list] of Object.entries(rows) as [TableName, Row[]][]) await this.insert(table, list);
    })();
    return previous;
  }

  async commitChunk(): Promise<void> {
    await this.pending;
    await this.client.query('COMMIT');
    await this.client.query('BEGIN');
  }

  async finish(log: (line: string) => void): Promise<void> {
    await this.pending;
    await this.client.query('COMMIT');
    const t = Date.now();
    for (const sql of this.indexes) await this.client.query(sql);
    log(`    indexes in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    // VACUUM as well as ANALYZE: a freshly bulk-loaded table has no visibility map, so until
    // autovacuum has been round (and this server runs with it off) PostgreSQL cannot use an
    // index-only scan. A live desk's tables are vacuumed; the bench should measure that state.
    await this.client.query('VACUUM (ANALYZE)');
    await this.client.end();
  }

  private async insert(table: TableName, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const types = this.types.get(table)!;
    const columns = COLUMNS[table];
    for (let at = 0; at < rows.length; at += 5000) {
      const part = rows.slice(at, at + 5000);
      const arrays = columns.map((_, c) => part.map((r) => r[c]));
      const unnest = types.map((type, i) => `$${i + 1}::${type}`).join(', ');
      await this.client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
    }
  }
}
