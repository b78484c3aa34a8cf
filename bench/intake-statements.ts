// What each statement of an intake batch costs on PostgreSQL, in process, without HTTP:
//   DATABASE_URL=postgres://… npx tsx bench/intake-statements.ts [--batch 32] [--batches 100]
// Files reports through submitReport in waves of --batch concurrent callers (one group-commit
// batch each) on a scratch copy of the 10k bench database, and prints the mean round trip of
// each kind of statement per batch, and the CPU the server backend spent per report.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema.js';
import { ReportInputSchema } from '../src/shared/report-input.js';
import { FieldCipher } from '../src/services/security/field-cipher.js';
import { submitReport } from '../src/services/submit-report.js';
import { ensureDatabase } from './generate.js';
import { dropScratch, scratchCopy } from './intake.js';
import { reportBodies } from './intake-bodies.js';

const { values } = parseArgs({ options: { batch: { type: 'string', default: '32' }, batches: { type: 'string', default: '100' } } });
const postgresUrl = process.env.DATABASE_URL;
if (postgresUrl?.startsWith('postgres') !== true) throw new Error('Set DATABASE_URL=postgres://…');
const batchSize = Number(values.batch);
const batches = Number(values.batches);

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const timings = new Map<string, { n: number; ms: number }>();
function record(event: LogEvent): void {
  const text = event.query.sql.replace(/\s+/g, ' ').trim();
  const kind = /^(insert into "?\w+"?|select pg_advisory_xact_lock|select "seq", "hash"|\w+)/i.exec(text)?.[0].toLowerCase() ?? text.slice(0, 30);
  const entry = timings.get(kind) ?? { n: 0, ms: 0 };
  entry.n += 1;
  entry.ms += event.queryDurationMillis;
  timings.set(kind, entry);
}

const source = await ensureDatabase({ dialect: 'postgres', label: '10k', seed: 'haven', postgresUrl });
const scratch = await scratchCopy(source, 'intake-statements', postgresUrl);
// One connection, so that its backend's CPU is all intake's.
const pool = new pg.Pool({ connectionString: scratch.url, max: 1 });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: record });
try {
  const backend = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const ctx = { db, dialect: 'postgres' as const, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(), sessionHours: 12 };
  const inputs = reportBodies('haven', 500).map((body) => ReportInputSchema.parse(JSON.parse(body)));
  const wave = (w: number) => Promise.all(Array.from({ length: batchSize }, (_, i) => submitReport(ctx, inputs[(w * batchSize + i) % inputs.length]!, 'api')));
  for (let w = 0; w < 10; w += 1) await wave(w);
  timings.clear();
  const cpuBefore = cpuSeconds(backend);
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  for (let w = 0; w < batches; w += 1) await wave(w);
  const seconds = (performance.now() - started) / 1000;
  const reports = batches * batchSize;
  const node = process.cpuUsage(nodeBefore);
  process.stdout.write(`${reports} reports in ${batches} batches of ${batchSize}: ${(reports / seconds).toFixed(0)}/s, batch ${(seconds * 1000 / batches).toFixed(2)} ms; ` +
    `CPU per report: backend ${((cpuSeconds(backend) - cpuBefore) * 1e3 / reports).toFixed(3)} ms, node ${((node.user + node.system) / 1e3 / reports).toFixed(3)} ms\n`);
  for (const [kind, t] of [...timings].sort((a, b) => b[1].ms - a[1].ms)) {
    process.stdout.write(`  ${(t.ms / batches).toFixed(2).padStart(7)} ms/batch  ${String(t.n / batches).padStart(4)}×  ${kind}\n`);
  }
} finally {
  await db.destroy();
  await dropScratch(scratch, postgresUrl);
}
