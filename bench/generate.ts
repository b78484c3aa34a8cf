// Seeded generator of realistic Haven databases for the bench, cached under bench/.data.
//   npx tsx bench/generate.ts --sizes 10k,100k,1m [--dialect sqlite|postgres] [--seed haven] [--force]
// PostgreSQL needs DATABASE_URL (a server the bench may create databases on).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { FieldCipher } from '../src/services/security/field-cipher.js';
import { caseRows, counterRows, deskRows, newCommunity, staffRows } from './model.js';
import { SqliteWriter } from './write-sqlite.js';
import { PostgresWriter } from './write-postgres.js';

/** Bump when the generated data changes shape, so cached databases are made again. */
export const GENERATOR_VERSION = 8;
export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = path.join(BENCH_DIR, '.data');

export type Dialect = 'sqlite' | 'postgres';

/** Where a generated database lives and how the server is pointed at it. */
export interface BenchDatabase {
  dialect: Dialect;
  size: number;
  /** The desks the cases are spread over (`10x100k`: ten desks of 100k). */
  desks: number;
  label: string;
  /** DATABASE_URL for the server. */
  url: string;
  /** HAVEN_DATA_DIR for the server. */
  dataDir: string;
  /** HAVEN_SECRET_KEY the generated contact details were sealed with. */
  secretKey: string;
  generatedInSeconds: number | null;
}

interface Meta { version: number; seed: string; size: number; desks?: number; seconds: number }

/** Parses 10k, 100k, 1m, 2500 into a number of cases on one desk, and 10x100k into ten desks of 100k. */
export function parseSize(label: string): { size: number; desks: number } {
  const m = /^(?:(\d+)x)?(\d+(?:\.\d+)?)([km]?)$/i.exec(label.trim());
  if (m === null) throw new Error(`Not a size: ${label} (try 10k, 100k, 1m, or 10x100k for ten desks of 100k)`);
  const factor = m[3]?.toLowerCase() === 'm' ? 1_000_000 : m[3]?.toLowerCase() === 'k' ? 1000 : 1;
  const desks = m[1] === undefined ? 1 : Number(m[1]);
  if (desks < 1) throw new Error(`Not a number of desks: ${label}`);
  return { size: desks * Math.round(Number(m[2]) * factor), desks };
}

/** The bench's encryption key, derived from the seed: test data only. */
export function benchKey(seed: string): string {
  return createHash('sha256').update(`haven-bench-key:${seed}`).digest('base64');
}

/** Returns a generated database of `label` cases, generating it only when the cache has none. */
export async function ensureDatabase(input: {
  dialect: Dialect; label: string; seed: string; force?: boolean; postgresUrl?: string | undefined; log?: (line: string) => void;
}): Promise<BenchDatabase> {
  const log = input.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { size, desks } = parseSize(input.label);
  const label = input.label.toLowerCase();
  const secretKey = benchKey(input.seed);
  const dataDir = path.join(DATA_DIR, `${input.dialect}-${label}`);
  const wanted = { version: GENERATOR_VERSION, seed: input.seed, size, desks };
  if (input.dialect === 'sqlite') {
    const file = path.join(dataDir, 'haven.sqlite');
    const metaFile = path.join(DATA_DIR, `${input.dialect}-${label}.json`);
    const cached = readMeta(existsSync(metaFile) && existsSync(file) ? readFileSync(metaFile, 'utf8') : null);
    const base = { dialect: input.dialect, size, desks, label, url: `sqlite:${file}`, dataDir, secretKey };
    if (input.force !== true && sameData(cached, wanted)) return { ...base, generatedInSeconds: await migrated(base.url, dataDir, log) };
    const seconds = await generate(new SqliteWriter(file), { size, desks }, input.seed, secretKey, label, log);
    writeFileSync(metaFile, JSON.stringify({ ...wanted, seconds }));
    return { ...base, generatedInSeconds: seconds };
  }
  if (input.postgresUrl === undefined) throw new Error('PostgreSQL needs DATABASE_URL');
  const writer = new PostgresWriter(input.postgresUrl, `haven_bench_${label.replace(/[^a-z0-9]/g, '_')}`);
  const base = { dialect: input.dialect, size, desks, label, url: writer.url, dataDir, secretKey };
  if (input.force !== true && sameData(await postgresMeta(input.postgresUrl, writer.database), wanted)) {
    return { ...base, generatedInSeconds: await migrated(base.url, dataDir, log) };
  }
  const seconds = await generate(writer, { size, desks }, input.seed, secretKey, label, log);
  const admin = new pg.Client({ connectionString: input.postgresUrl });
  await admin.connect();
  await admin.query(`COMMENT ON DATABASE ${writer.database} IS '${JSON.stringify({ ...wanted, seconds })}'`);
  await admin.end();
  return { ...base, generatedInSeconds: seconds };
}

/** Brings a cached database up to the current migrations, as the server would at start. */
async function migrated(url: string, dataDir: string, log: (line: string) => void): Promise<null> {
  const handle = openDatabase({ url, dataDir });
  try {
    const applied = await migrateToLatest(handle);
    if (applied.length > 0) log(`  migrated the cached database: ${applied.join(', ')}`);
  } finally {
    await handle.close();
  }
  return null;
}

function readMeta(text: string | null | undefined): Meta | null {
  if (text === null || text === undefined || text === '') return null;
  try {
    return JSON.parse(text) as Meta;
  } catch {
    return null;
  }
}

function sameData(a: Meta | null, b: Omit<Meta, 'seconds'>): boolean {
  return a !== null && a.version === b.version && a.seed === b.seed && a.size === b.size && (a.desks ?? 1) === (b.desks ?? 1);
}

async function postgresMeta(serverUrl: string, database: string): Promise<Meta | null> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const r = await admin.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, \'pg_database\') AS comment FROM pg_database WHERE datname = $1', [database]);
    return readMeta(r.rows[0]?.comment);
  } finally {
    await admin.end();
  }
}

interface Writer {
  open(): Promise<void>;
  /** The id of the default desk the migrations made; the generated cases start there. */
  defaultDeskId(): Promise<string>;
  write(rows: Parameters<SqliteWriter['write']>[0]): void | Promise<void>;
  commitChunk(): void | Promise<void>;
  finish(log: (line: string) => void): Promise<void>;
}

async function generate(
  writer: Writer, shape: { size: number; desks: number }, seed: string, secretKey: string, label: string, log: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  const { size } = shape;
  log(`  generating ${label} cases (${size.toLocaleString('en')} on ${shape.desks} desk${shape.desks === 1 ? '' : 's'}) …`);
  const cipher = new FieldCipher(Buffer.from(secretKey, 'base64'));
  await writer.open();
  const state = newCommunity(size, seed, (plain, context) => cipher.seal(plain, context), await writer.defaultDeskId());
  await writer.write({ desks: deskRows(state, shape.desks) });
  await writer.write(staffRows(state));
  const chunk = 5000;
  let lastLog = Date.now();
  for (let from = 0; from < size; from += chunk) {
    await writer.write(caseRows(state, from, Math.min(size, from + chunk)));
    if ((from / chunk) % 20 === 19) await writer.commitChunk();
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(`    ${Math.min(size, from + chunk).toLocaleString('en')} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  await writer.write({ counters: counterRows(state) });
  log(`    rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await writer.finish(log);
  const seconds = (Date.now() - started) / 1000;
  log(`  ${label}: ready in ${seconds.toFixed(1)} s`);
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10k' }, dialect: { type: 'string' }, seed: { type: 'string', default: 'haven' },
      force: { type: 'boolean', default: false },
    },
  });
  const dialect: Dialect = (values.dialect ?? (process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite')) as Dialect;
  for (const label of values.sizes.split(',')) {
    const db = await ensureDatabase({ dialect, label, seed: values.seed, force: values.force, postgresUrl: process.env.DATABASE_URL });
    process.stdout.write(`${db.label}: ${db.url}${db.generatedInSeconds === null ? ' (cached)' : ''}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
