import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH_DIR } from './generate.js';

export const ROOT = path.resolve(BENCH_DIR, '..');

/** A Haven server process started from the build, as `node bin/haven.js serve`. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startupMs: number;
  stop(): Promise<void>;
}

/** Starts a server process (Haven or the bare ceiling route) and waits until /healthz answers. */
export async function startProcess(args: string[], env: Record<string, string>, port: number): Promise<ServerProcess> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready: ${stderr}`);
    await sleep(5);
  }
  const startupMs = performance.now() - started;
  return {
    url, pid: child.pid!, startupMs,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timeout = sleep(10_000).then(() => child.kill('SIGKILL'));
      await Promise.race([exited, timeout]);
    },
  };
}

/** Starts Haven from the build against a generated database. */
// The intake runs measure throughput from one client address, so they lift the limits; the
// flood run (flood.ts) passes `limits: 'default'` to measure Haven as it ships.
export function startHaven(input: {
  databaseUrl: string; dataDir: string; secretKey: string; port: number; groupCommit?: boolean; limits?: 'lifted' | 'default'; env?: Record<string, string>;
}): Promise<ServerProcess> {
  const lifted: Record<string, string> = input.limits !== 'default' ? { HAVEN_INTAKE_PER_SOURCE: '1000000', HAVEN_INTAKE_PER_MINUTE: '1000000' } : {};
  return startProcess(['bin/haven.js', 'serve'], {
    DATABASE_URL: input.databaseUrl, HAVEN_DATA_DIR: input.dataDir, HAVEN_SECRET_KEY: input.secretKey,
    LOG_LEVEL: 'warn', HAVEN_WORKER: 'on', HAVEN_INTAKE_GROUP_COMMIT: input.groupCommit === false ? 'off' : 'on',
    HAVEN_PUBLIC_URL: `http://127.0.0.1:${input.port}`, ...lifted, ...input.env,
  }, input.port);
}

/** Resident and peak resident memory of a process, in bytes, from /proc. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
