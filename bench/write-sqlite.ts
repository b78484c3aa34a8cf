import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { COLUMNS, type Row, type Rows, type TableName } from './model.js';

const MAX_VARIABLES = 30_000;

/** Loads generated rows into a fresh SQLite file whose schema comes from the real migrations. */
export class SqliteWriter {
  private sqlite!: SQLite.Database;
  private readonly statements = new Map<string, SQLite.Statement>();
  private indexes: string[] = [];
  private triggers: string[] = [];
  private docs = 0;

  constructor(readonly file: string) {}

  async open(): Promise<void> {
    rmSync(path.dirname(this.file), { recursive: true, force: true });
    mkdirSync(path.dirname(this.file), { recursive: true });
    const handle = openDatabase({ url: `sqlite:${this.file}`, dataDir: path.dirname(this.file) });
    await migrateToLatest(handle);
    await handle.close();
    this.sqlite = new SQLite(this.file);
    // Loading only: no journal and no fsync. Nothing reads the file until it is finished and
    // marked as such, so a crash here just means generating it again.
    this.sqlite.pragma('journal_mode = OFF');
    this.sqlite.pragma('synchronous = OFF');
    this.sqlite.pragma('foreign_keys = OFF');
    this.sqlite.pragma('cache_size = -1000000');
    this.sqlite.pragma('temp_store = MEMORY');
    // Indexes and the search triggers are put back after the load, as the migrations made them.
    const saved = (type: string, filter: (name: string) => boolean) => (this.sqlite
      .prepare('SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL').all(type) as { name: string; sql: string }[])
      .filter((r) => filter(r.name));
    const indexes = saved('index', () => true);
    const triggers = saved('trigger', (name) => name.includes('_search_'));
    for (const i of indexes) this.sqlite.exec(`DROP INDEX "${i.name}"`);
    for (const t of triggers) this.sqlite.exec(`DROP TRIGGER "${t.name}"`);
    this.indexes = indexes.map((i) => i.sql);
    this.triggers = triggers.map((t) => t.sql);
    this.sqlite.exec('BEGIN');
  }

  defaultDeskId(): Promise<string> {
    const row = this.sqlite.prepare('SELECT id FROM desks WHERE is_default = 1').get() as { id: string } | undefined;
    if (row === undefined) throw new Error('the migrations made no default desk');
    return Promise.resolve(row.id);
  }

  write(rows: Partial<Rows>): void {
    for (const [table, list] of Object.entries(rows) as [TableName, Row[]][]) this.insert(table, COLUMNS[table], list);
    const docs = (rows.cases ?? []).map((c): Row => [(this.docs += 1), c[0]!]);
    this.insert('case_search_docs', ['doc', 'case_id'], docs);
  }

  /** Ends a loading transaction and starts the next, to keep each one large but bounded. */
  commitChunk(): void {
    this.sqlite.exec('COMMIT');
    this.sqlite.exec('BEGIN');
  }

  async finish(log: (line: string) => void): Promise<void> {
    this.sqlite.exec('COMMIT');
    let t = Date.now();
    for (const sql of this.indexes) this.sqlite.exec(sql);
    log(`    indexes in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    this.sqlite.exec("INSERT INTO case_search (case_search) VALUES ('rebuild')");
    log(`    search index in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    for (const sql of this.triggers) this.sqlite.exec(sql);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.close();
    await Promise.resolve();
  }

  private insert(table: string, columns: readonly string[], rows: Row[]): void {
    if (rows.length === 0) return;
    const perStatement = Math.max(1, Math.min(500, Math.floor(MAX_VARIABLES / columns.length)));
    for (let at = 0; at < rows.length; at += perStatement) {
      const part = rows.slice(at, at + perStatement);
      this.statement(table, columns, part.length).run(part.flat());
    }
  }

  private statement(table: string, columns: readonly string[], count: number): SQLite.Statement {
    const key = `${table}:${count}`;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      const one = `(${columns.map(() => '?').join(',')})`;
      statement = this.sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${Array(count).fill(one).join(',')}`);
      this.statements.set(key, statement);
    }
    return statement;
  }
}
