import { existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect-name.js';
import type { Database } from './schema.js';
import { startWalCheckpointer } from './wal-checkpointer.js';
import { makePrivateDir, makePrivateFile } from './private-files.js';

// int8 (counts, counters, audit sequence) fits a JS number for any realistic volume.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export type HavenDb = Kysely<Database>;

export interface DatabaseHandle {
  db: HavenDb;
  dialect: DialectName;
  /** Human-readable location, without credentials. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL; absent, empty or `sqlite:` for the embedded default. */
  url?: string | undefined;
  /** Folder holding the SQLite file when no path is given in the URL. */
  dataDir: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** PostgreSQL schema to work in (tests use a scratch schema each). */
  pgSchema?: string;
}

/** Opens the configured database with Haven's durability settings. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  const url = options.url ?? '';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const schema = options.pgSchema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('pgSchema must be a plain lower-case identifier.');
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const parsed = new URL(url);
    return {
      db,
      dialect: 'postgres',
      location: `postgres://${parsed.host}${parsed.pathname}`,
      close: () => db.destroy(),
    };
  }
  if (url !== '' && !url.startsWith('sqlite:')) {
    throw new Error('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
  }
  const file = sqliteFile(url, options.dataDir);
  if (file !== ':memory:') {
    // Owner-only: the folder Haven creates 0700, the database and its -wal and -shm 0600.
    makePrivateDir(path.dirname(file));
    for (const part of [file, `${file}-wal`, `${file}-shm`]) if (part === file || existsSync(part)) makePrivateFile(part);
  }
  const sqlite = new SQLite(file);
  // WAL with synchronous=FULL: a commit is on disk before the caller sees it succeed.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A value sealed, changed or purged in place must not linger in the file's free space:
  // SQLite otherwise leaves the old bytes in freed cells and pages until they are reused.
  sqlite.pragma('secure_delete = ON');
  if (file === ':memory:') {
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
  }
  // Checkpoints run in a background thread; this connection only steps in if the WAL grows
  // past 10,000 pages (40 MB), which means the background one has fallen behind.
  sqlite.pragma('wal_autocheckpoint = 10000');
  const checkpointer = startWalCheckpointer(file);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', location: file, close: async () => { await checkpointer.stop(); await db.destroy(); } };
}

/**
 * Every transaction starts with `BEGIN IMMEDIATE`: it takes the write lock at once, waiting up
 * to `busy_timeout` for another process (a CLI command, a second server) to finish. A deferred
 * `BEGIN` would take it only at the first write, and a reader that must become a writer while
 * another process writes fails at once with SQLITE_BUSY: SQLite skips the busy handler there,
 * since waiting could deadlock. A lock still held after the timeout is `isDatabaseBusy`.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/**
 * Kysely prepares every statement afresh; preparing costs about as much as running a small
 * insert. Statements are reused by their SQL text instead (the text holds no values, only
 * placeholders). Safe because better-sqlite3 runs one statement at a time on this single
 * connection; Haven never streams a query, which would keep a statement busy.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => { cache.clear(); sqlite.close(); },
    prepare: (text: string) => {
      // One-off texts, such as a search's long list of ids, are not worth keeping.
      if (text.length > 4000) return sqlite.prepare(text);
      let statement = cache.get(text);
      if (statement === undefined) {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      } else {
        cache.delete(text);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** The SQLite file a `sqlite:` (or empty) DATABASE_URL names, resolved against the data folder. */
export function sqliteFile(url: string, dataDir: string): string {
  const rest = url.replace(/^sqlite:(\/\/)?/, '');
  if (rest === '') return path.resolve(dataDir, 'haven.sqlite');
  return rest === ':memory:' ? rest : path.resolve(rest);
}
