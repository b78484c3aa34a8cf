// Intake only, repeated: `npx tsx bench/intake-run.ts [--runs 3] [--seconds 10] [--port 38200] [--rate N] [--cpu-prof DIR]`
// (PostgreSQL when DATABASE_URL=postgres://… is set). Uses the built server (`npm run build:server` first)
// and the cached 10k database. Each run: a fresh scratch copy, the max load (64 connections), the
// email backlog drained, then the paced load at half that rate (or at --rate, to compare two builds
// at the same offered load). Besides throughput and latency it
// prints the CPU the server process (and, on PostgreSQL, the backends of its database) spent per
// report: on a machine shared with other work that figure moves far less than throughput does.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { verifyAuditChain } from '../src/db/repositories/audit-log.js';
import { ensureDatabase, type BenchDatabase } from './generate.js';
import { dropScratch, runLoad, scratchCopy, type LoadResult } from './intake.js';
import { startProcess } from './server.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' }, seconds: { type: 'string', default: '10' }, port: { type: 'string', default: '38200' },
    connections: { type: 'string', default: '64' }, 'cpu-prof': { type: 'string' }, 'skip-half': { type: 'boolean', default: false },
    seed: { type: 'string', default: 'haven' }, rate: { type: 'string' }, env: { type: 'string', multiple: true, default: [] },
  },
});
const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') === true ? process.env.DATABASE_URL : undefined;
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const port = Number(values.port);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return r.rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

async function waitForJobs(database: BenchDatabase): Promise<number> {
  const handle = openDatabase({ url: database.url, dataDir: database.dataDir });
  const started = performance.now();
  try {
    for (;;) {
      const row = await handle.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'not in', ['done', 'failed']).executeTakeFirstOrThrow();
      if (row.n === 0 || performance.now() - started > 600_000) return (performance.now() - started) / 1000;
      await sleep(250);
    }
  } finally {
    await handle.close();
  }
}

async function measured(server: { pid: number }, scratch: BenchDatabase, load: () => Promise<LoadResult>) {
  const backends = postgresUrl === undefined ? [] : await backendPids(scratch.url);
  const before = cpuSeconds(server.pid);
  const beforePg = backends.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const result = await load();
  const nodeMs = ((cpuSeconds(server.pid) - before) * 1000) / Math.max(1, result.created);
  const afterBackends = postgresUrl === undefined ? [] : await backendPids(scratch.url);
  const pgMs = ((afterBackends.filter((p) => backends.includes(p)).reduce((sum, pid) => sum + cpuSeconds(pid), 0) - beforePg) * 1000) / Math.max(1, result.created);
  return { ...result, nodeMs, pgMs };
}

const fmt = (r: LoadResult & { nodeMs: number; pgMs: number }) =>
  `${r.perSecond.toFixed(0)}/s  p50 ${r.p50.toFixed(1)}  p95 ${r.p95.toFixed(1)}  p99 ${r.p99.toFixed(1)}  max ${r.max.toFixed(1)} ms  ` +
  `cpu/report node ${r.nodeMs.toFixed(2)} ms${postgresUrl === undefined ? '' : ` pg ${r.pgMs.toFixed(2)} ms`}  non-201 ${r.created === 0 ? '-' : JSON.stringify(r.statuses)}`;

async function main(): Promise<void> {
  const dialect = postgresUrl === undefined ? 'sqlite' : 'postgres';
  const source = await ensureDatabase({ dialect, label: '10k', seed: values.seed, postgresUrl, log });
  const extraEnv = Object.fromEntries(values.env.map((pair) => pair.split('=') as [string, string]));
  for (let run = 1; run <= Number(values.runs); run += 1) {
    const scratch = await scratchCopy(source, `intake-run-${port}`, postgresUrl);
    const profile = values['cpu-prof'] === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']];
    const server = await startProcess([...profile, 'bin/haven.js', 'serve'], {
      DATABASE_URL: scratch.url, HAVEN_DATA_DIR: scratch.dataDir, HAVEN_SECRET_KEY: scratch.secretKey, LOG_LEVEL: 'warn',
      HAVEN_WORKER: 'on', HAVEN_PUBLIC_URL: `http://127.0.0.1:${port}`, ...extraEnv,
    }, port);
    try {
      await sleep(1000);
      await runLoad({ url: server.url, seconds: 2, connections, seed: values.seed });
      const max = await measured(server, scratch, () => runLoad({ url: server.url, seconds, connections, seed: values.seed }));
      log(`run ${run} load ${(await import('node:os')).loadavg()[0]!.toFixed(2)}  max:  ${fmt(max)}`);
      if (!values['skip-half']) {
        log(`run ${run}        email backlog delivered in ${(await waitForJobs(scratch)).toFixed(1)} s`);
        const rate = values.rate === undefined ? Math.max(1, Math.floor(max.perSecond / 2)) : Number(values.rate);
        const half = await measured(server, scratch, () => runLoad({ url: server.url, seconds, connections, rate, warmupSeconds: 3, seed: values.seed }));
        log(`run ${run}        half: ${fmt(half)}`);
      }
    } finally {
      await server.stop();
    }
    const handle = openDatabase({ url: scratch.url, dataDir: scratch.dataDir });
    const chain = await verifyAuditChain(handle.db);
    await handle.close();
    log(`run ${run}        audit chain: ${JSON.stringify(chain)}`);
    await dropScratch(scratch, postgresUrl);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
