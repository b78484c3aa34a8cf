// The flood run (issue 14): intake is flooded from many addresses while a handler works. Haven
// runs with its shipped intake limits; the run shows the queue, the case page and sign-in
// against their targets during the flood, and checks that every report answered 201 is stored.
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/db/connection.js';
import { countCases } from '../src/db/repositories/cases.js';
import type { BenchDatabase } from './generate.js';
import { dropScratch, runLoad, scratchCopy, type LoadResult } from './intake.js';
import { prepareReads, queuePaths, signIn, timeGets } from './reads.js';
import { startHaven } from './server.js';
import { summarize, type Latency } from './stats.js';

/** Latencies of the desk's own work, measured one request at a time. */
export interface DeskWork { queue: Latency; casePage: Latency; signIn: Latency }

export interface FloodResult {
  flood: LoadResult;
  calm: DeskWork;
  flooded: DeskWork;
  /** Reports answered 201 during the flood, and the cases that were added: equal when none was lost. */
  accepted: number;
  stored: number;
}

async function timeSignIns(url: string, count: number): Promise<Latency> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await signIn(url);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function deskWork(url: string, references: string[], count: number): Promise<DeskWork> {
  const cookie = await signIn(url);
  return {
    queue: await timeGets(url, cookie, queuePaths(), count),
    casePage: await timeGets(url, cookie, (i) => `/api/v1/cases/${references[i % references.length]!}`, count),
    signIn: await timeSignIns(url, Math.max(5, Math.ceil(count / 10))),
  };
}

async function casesIn(database: BenchDatabase): Promise<number> {
  const handle = openDatabase({ url: database.url, dataDir: database.dataDir });
  try {
    return await countCases(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * Floods a scratch copy of `source` for `seconds` from many made-up addresses (the server trusts
 * X-Forwarded-For here, as behind a proxy), and times the desk's work before and during it.
 */
export async function floodRun(source: BenchDatabase, input: {
  port: number; seed: string; seconds: number; connections: number; readCount: number; postgresUrl: string | undefined; log: (line: string) => void;
}): Promise<FloodResult> {
  const scratch = await scratchCopy(source, 'flood', input.postgresUrl);
  const plan = await prepareReads(scratch, input.seed, input.readCount);
  const server = await startHaven({
    databaseUrl: scratch.url, dataDir: scratch.dataDir, secretKey: scratch.secretKey, port: input.port, limits: 'default',
    env: { HAVEN_TRUST_PROXY: 'true' },
  });
  try {
    await sleep(500);
    input.log('  flood: the desk\'s work while calm …');
    const calm = await deskWork(server.url, plan.references, input.readCount);
    const before = await casesIn(scratch);
    input.log(`  flood: ${input.seconds} s of reports at ${input.connections} connections from many addresses …`);
    const flooding = runLoad({ url: server.url, seconds: input.seconds, connections: input.connections, seed: input.seed, spreadSources: true });
    await sleep(1000);
    const flooded = await deskWork(server.url, plan.references, input.readCount);
    const flood = await flooding;
    const stored = (await casesIn(scratch)) - before;
    input.log(`    ${flood.created} accepted, ${stored} stored; refused ${Object.entries(flood.statuses).filter(([s]) => s !== '201').map(([s, n]) => `${n}×${s}`).join(', ') || 'none'}`);
    input.log(`    queue p95 ${flooded.queue.p95.toFixed(1)} ms, case p95 ${flooded.casePage.p95.toFixed(1)} ms, sign-in p95 ${flooded.signIn.p95.toFixed(0)} ms (calm ${calm.signIn.p95.toFixed(0)} ms)`);
    return { flood, calm, flooded, accepted: flood.created, stored };
  } finally {
    await server.stop();
    await dropScratch(scratch, input.postgresUrl);
  }
}
