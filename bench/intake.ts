import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DATA_DIR, type BenchDatabase } from './generate.js';
import { ROOT } from './server.js';

export interface LoadResult {
  seconds: number; connections: number; rate: number | null; created: number; perSecond: number;
  errors: number; timeouts: number; statuses: Record<string, number>; p50: number; p95: number; p99: number; max: number;
}

/** Runs the load generator in its own process against `url` and returns what it measured. */
export function runLoad(options: { url: string; seconds: number; connections: number; rate?: number; warmupSeconds?: number; seed: string; spreadSources?: boolean }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/load.ts'), JSON.stringify(options)], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`load generator failed (${code}): ${err}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** A throwaway copy of a generated database for write-heavy runs, so the cache stays as generated. */
export async function scratchCopy(source: BenchDatabase, name: string, postgresUrl?: string): Promise<BenchDatabase> {
  if (source.dialect === 'sqlite') {
    const dataDir = path.join(DATA_DIR, `scratch-${name}`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'haven.sqlite');
    copyFileSync(source.url.replace(/^sqlite:/, ''), file);
    return { ...source, url: `sqlite:${file}`, dataDir };
  }
  const database = `haven_bench_scratch_${name.replace(/[^a-z0-9]/g, "_")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${new URL(source.url).pathname.slice(1)}`);
  await admin.end();
  const url = new URL(source.url);
  url.pathname = `/${database}`;
  const dataDir = path.join(DATA_DIR, `scratch-${name}`);
  mkdirSync(dataDir, { recursive: true });
  return { ...source, url: url.toString(), dataDir };
}

/** Removes a scratch copy. */
export async function dropScratch(scratch: BenchDatabase, postgresUrl?: string): Promise<void> {
  rmSync(scratch.dataDir, { recursive: true, force: true });
  if (scratch.dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(scratch.url).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
}
