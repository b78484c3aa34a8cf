// npm run bench -- [--sizes 10k,100k,1m] [--quick] [--seed haven] [--no-build] [--skip-intake] [--skip-reads] [--skip-flood]
// Runs on SQLite, or on PostgreSQL when DATABASE_URL=postgres://… names a server the bench may
// create databases on. Prints a table and writes bench/results/<timestamp>-<dialect>.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { durableCommitsPerSecond } from './ceilings.js';
import { consoleJs, reportPage } from './footprint.js';
import { BENCH_DIR, DATA_DIR, ensureDatabase, type BenchDatabase, type Dialect } from './generate.js';
import { dropScratch, runLoad, scratchCopy, type LoadResult } from './intake.js';
import { BENCH_ADMIN, countPaths, prepareReads, queuePaths, searches, signIn, timeGets } from './reads.js';
import { judge, render, type BenchResult, type SizeResult } from './report.js';
import { floodRun } from './flood.js';
import { memoryOf, ROOT, startHaven, startProcess } from './server.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' }, quick: { type: 'boolean', default: false }, seed: { type: 'string', default: 'haven' },
    'no-build': { type: 'boolean', default: false }, 'skip-intake': { type: 'boolean', default: false },
    'skip-reads': { type: 'boolean', default: false }, 'skip-flood': { type: 'boolean', default: false }, connections: { type: 'string', default: '64' },
  },
});
const quick = values.quick;
const seed = values.seed;
const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') === true ? process.env.DATABASE_URL : undefined;
const dialect: Dialect = postgresUrl === undefined ? 'sqlite' : 'postgres';
const labels = (values.sizes ?? (quick ? '10k,100k' : '10k,100k,1m')).split(',').map((s) => s.trim()).filter((s) => s !== '');
const loadSeconds = quick ? 5 : 10;
const readCount = quick ? 100 : 300;
const connections = Number(values.connections);
const PORT = 38_100;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function machine(): Promise<Record<string, string | number>> {
  const info: Record<string, string | number> = {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, os: `${os.type()} ${os.release()}`,
    // Other work on the machine moves every figure; the 1-minute load average says how much.
    loadAverageAtStart: os.loadavg()[0]!.toFixed(2),
  };
  const memory = new SQLite(':memory:');
  info.sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  if (postgresUrl !== undefined) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    info.postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
    await client.end();
  }
  return info;
}

async function intakeRuns(smallest: BenchDatabase): Promise<{ intake: BenchResult['intake']; bare: LoadResult | null; reportPageResult: BenchResult['footprint']['reportPage'] }> {
  const scratch = await scratchCopy(smallest, 'intake', postgresUrl);
  const server = await startHaven({ databaseUrl: scratch.url, dataDir: scratch.dataDir, secretKey: scratch.secretKey, port: PORT });
  let result: NonNullable<BenchResult['intake']>;
  let page: BenchResult['footprint']['reportPage'];
  try {
    await sleep(1000);
    const idle = memoryOf(server.pid).rss;
    page = await reportPage(server.url);
    log(`  intake: ${loadSeconds} s at ${connections} connections …`);
    await runLoad({ url: server.url, seconds: 2, connections, seed });
    const max = await runLoad({ url: server.url, seconds: loadSeconds, connections, seed });
    log(`    ${max.perSecond.toFixed(0)} reports/s, p99 ${max.p99} ms`);
    // The receipt emails of the max run are still being delivered; let them finish, so the
    // paced run measures intake at that rate and not intake plus a backlog.
    const drainSeconds = await waitForJobs(scratch);
    log(`    email backlog delivered in ${drainSeconds.toFixed(1)} s`);
    const rate = Math.max(1, Math.floor(max.perSecond / 2));
    // Three unmeasured seconds at the same pace first, in the same client: the figure is the
    // steady state at that rate, not the step from idle to it (nor the client opening sockets).
    const halfRate = await runLoad({ url: server.url, seconds: loadSeconds, connections, rate, warmupSeconds: 3, seed });
    log(`    at ${rate}/s: p99 ${halfRate.p99} ms`);
    result = { max, halfRate, withoutGroupCommit: null, startupMs: server.startupMs, idleRssBytes: idle, loadedRssBytes: memoryOf(server.pid).peak };
  } finally {
    await server.stop();
    await dropScratch(scratch, postgresUrl);
  }
  if (!quick) {
    const plain = await scratchCopy(smallest, 'intake-plain', postgresUrl);
    const off = await startHaven({ databaseUrl: plain.url, dataDir: plain.dataDir, secretKey: plain.secretKey, port: PORT, groupCommit: false });
    try {
      log('  intake without group commit …');
      result.withoutGroupCommit = await runLoad({ url: off.url, seconds: loadSeconds, connections, seed });
      log(`    ${result.withoutGroupCommit.perSecond.toFixed(0)} reports/s`);
    } finally {
      await off.stop();
      await dropScratch(plain, postgresUrl);
    }
  }
  const bareDb = await scratchCopy(smallest, 'bare', postgresUrl);
  const bare = await startProcess(['--import', 'tsx', 'bench/bare-server.ts'], { DATABASE_URL: bareDb.url }, PORT + 1);
  let bareResult: LoadResult;
  try {
    log('  bare Fastify route …');
    bareResult = await runLoad({ url: bare.url, seconds: loadSeconds, connections, seed });
    log(`    ${bareResult.perSecond.toFixed(0)} inserts/s`);
  } finally {
    await bare.stop();
    await dropScratch(bareDb, postgresUrl);
  }
  return { intake: result, bare: bareResult, reportPageResult: page };
}

/** Waits (at most two minutes) until no job is waiting or running; returns the seconds waited. */
async function waitForJobs(database: BenchDatabase): Promise<number> {
  const started = performance.now();
  const handle = openDatabase({ url: database.url, dataDir: database.dataDir });
  try {
    for (;;) {
      const row = await handle.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'not in', ['done', 'failed']).executeTakeFirstOrThrow();
      if (row.n === 0 || performance.now() - started > 120_000) break;
      await sleep(250);
    }
  } finally {
    await handle.close();
  }
  return (performance.now() - started) / 1000;
}

async function reads(database: BenchDatabase): Promise<SizeResult> {
  const plan = await prepareReads(database, seed, readCount);
  const server = await startHaven({ databaseUrl: database.url, dataDir: database.dataDir, secretKey: database.secretKey, port: PORT });
  try {
    await sleep(1000);
    const idle = memoryOf(server.pid).rss;
    const cookie = await signIn(server.url);
    log(`  ${database.label}: reads …`);
    const queue = await timeGets(server.url, cookie, queuePaths(), readCount);
    // With several desks, the same queue for someone on all of them: one walk per desk, merged.
    const queueEveryDesk = database.desks > 1 ? await timeGets(server.url, await signIn(server.url, BENCH_ADMIN), queuePaths(), readCount) : undefined;
    const casePage = await timeGets(server.url, cookie, (i) => `/api/v1/cases/${plan.references[i % plan.references.length]!}`, readCount);
    // The generated data's promises lie in its past, so the list is as long as it can be: the worst case.
    const brokenPromises = await timeGets(server.url, cookie, () => '/api/v1/cases?promise=broken', readCount);
    const search: SizeResult['search'] = {};
    for (const [name, url] of Object.entries(searches(plan))) search[name] = await timeGets(server.url, cookie, () => url, Math.ceil(readCount / 3));
    const counts: SizeResult['counts'] = {};
    for (const [name, paths] of Object.entries(countPaths())) counts[name] = await timeGets(server.url, cookie, paths, Math.ceil(readCount / 3));
    log(`    counts p95 ${Object.entries(counts).map(([name, l]) => `${name} ${l.p95.toFixed(1)} ms`).join(', ')}`);
    if (queueEveryDesk !== undefined) log(`    queue p95 for an admin of all ${database.desks} desks ${queueEveryDesk.p95.toFixed(1)} ms`);
    log(`    broken-promises list p95 ${brokenPromises.p95.toFixed(1)} ms`);
    log(`    queue p95 ${queue.p95.toFixed(1)} ms, case p95 ${casePage.p95.toFixed(1)} ms, search p95 ${Math.max(...Object.values(search).map((s) => s.p95)).toFixed(1)} ms`);
    return {
      label: database.label, cases: database.size, desks: database.desks, ...(queueEveryDesk === undefined ? {} : { queueEveryDesk }), generatedInSeconds: database.generatedInSeconds, startupMs: server.startupMs,
      idleRssBytes: idle, peakRssBytes: memoryOf(server.pid).peak, queue, casePage, brokenPromises, search, counts,
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  if (!values['no-build']) {
    log('Building (npm run build) …');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const info = await machine();
  log(`Ceiling: durable single-row commits on ${dialect} …`);
  const commits = await durableCommitsPerSecond({ dialect, scratchDir: DATA_DIR, postgresUrl, seconds: 3 });
  log(`  ${commits.toFixed(0)} commits/s`);
  const databases: BenchDatabase[] = [];
  for (const label of labels) databases.push(await ensureDatabase({ dialect, label, seed, postgresUrl, log }));

  let intake: BenchResult['intake'] = null;
  let bare: LoadResult | null = null;
  let page: BenchResult['footprint']['reportPage'] = null;
  // Intake posts reports that name no desk, as a one-desk Haven takes them: it runs on the first one-desk size.
  const oneDesk = databases.find((d) => d.desks === 1);
  if (!values['skip-intake'] && oneDesk === undefined) log('No one-desk size given: intake not measured.');
  if (!values['skip-intake'] && oneDesk !== undefined) {
    const runs = await intakeRuns(oneDesk);
    intake = runs.intake;
    bare = runs.bare;
    page = runs.reportPageResult;
  }
  // The flood runs on the smallest one-desk size: what it shows is the desk's work beside a flood.
  const flood = values['skip-flood'] || oneDesk === undefined ? null
    : await floodRun(oneDesk, { port: PORT + 2, seed, seconds: loadSeconds, connections, readCount, postgresUrl, log });
  const sizes: SizeResult[] = [];
  if (!values['skip-reads']) for (const database of databases) sizes.push(await reads(database));
  const first = sizes[0];
  const last = sizes.at(-1);
  const worst = (group: Record<string, { p95: number }>) => Math.max(...Object.values(group).map((s) => s.p95));
  const growth = first !== undefined && last !== undefined && sizes.length > 1
    ? { queue: last.queue.p95 / first.queue.p95, casePage: last.casePage.p95 / first.casePage.p95,
      search: worst(last.search) / worst(first.search), counts: worst(last.counts) / worst(first.counts) }
    : null;
  const partial = {
    startedAt, dialect, quick, machine: info, ceilings: { durableCommitsPerSecond: commits, bareRoute: bare }, intake, flood,
    footprint: { reportPage: page, consoleJs: consoleJs() }, sizes, growth,
  };
  info.loadAverageAtEnd = os.loadavg()[0]!.toFixed(2);
  const result: BenchResult = { ...partial, targets: judge(partial) };
  log('');
  log(render(result));
  const dir = path.join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.replace(/[:.]/g, '-')}-${dialect}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`\nWritten to ${path.relative(ROOT, file)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
