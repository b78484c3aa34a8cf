import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExitInfo } from './lives.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HAVEN_BIN = path.join(REPO_ROOT, 'bin/haven.js');

/** Fails early, with the fix, when the compiled server these suites run is missing. */
export function requireBuild(): void {
  if (!existsSync(path.join(REPO_ROOT, 'dist/cli/haven.js'))) {
    throw new Error('dist/ is missing: run `npm run build:server` first.');
  }
}

/** A free TCP port on loopback, found by letting the kernel choose one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface HavenProcess {
  port: number;
  baseUrl: string;
  pid: number;
  /** The last lines the process printed, for failure messages. */
  output(): string;
  /** Sends a signal (only if the process still runs) and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<KillResult>;
  exited: Promise<number | null>;
}

/** What a kill found and how the process ended. */
export interface KillResult {
  /** False when the process had already exited by itself: no signal was sent. */
  aliveWhenKilled: boolean;
  exit: ExitInfo;
}

/** Runs `haven <args>` to completion with the given environment and standard input. */
export async function runHavenCommand(
  args: string[], env: NodeJS.ProcessEnv, options: { input?: string; fromSource?: boolean } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, havenArgs(args, options.fromSource), { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  child.stdin.end(options.input ?? '');
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}

/** A `haven serve` process that has been spawned; `ready()` waits for /healthz. */
export interface LaunchedHaven extends HavenProcess {
  ready(timeoutMs?: number): Promise<void>;
}

/** How to run `haven`: the compiled build (as deployed), or the TypeScript sources through tsx (no build needed). */
export function havenArgs(args: string[], fromSource = false): string[] {
  return fromSource ? ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/haven.ts'), ...args] : [HAVEN_BIN, ...args];
}

/**
 * Spawns `haven serve` on `port` without waiting for it (to kill it while it starts).
 * `preload` is a module node loads first (`--import`), for the crash test's self-test.
 */
export function launchHaven(env: NodeJS.ProcessEnv, port: number, options: { fromSource?: boolean; preload?: string } = {}): LaunchedHaven {
  const preload = options.preload === undefined ? [] : ['--import', pathToFileURL(options.preload).href];
  const child: ChildProcess = spawn(process.execPath, [...preload, ...havenArgs(['serve'], options.fromSource)], {
    cwd: REPO_ROOT,
    // Crash runs file thousands of reports from one address: intake limits are not what they test.
    env: { ...process.env, LOG_LEVEL: 'warn', HAVEN_INTAKE_PER_SOURCE: '1000000', HAVEN_INTAKE_PER_MINUTE: '1000000', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let dead = false;
  const exit = new Promise<ExitInfo>((resolve) => child.once('exit', (code, signal) => { dead = true; resolve({ code, signal }); }));
  const exited = exit.then((e) => e.code);
  if (child.pid === undefined) throw new Error('haven serve could not be spawned');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    port, baseUrl, pid: child.pid, exited,
    output: () => lines.join('\n'),
    async kill(signal) {
      // `dead` is set by the exit event, so a process that ended by itself is never counted as killed.
      const aliveWhenKilled = !dead;
      if (aliveWhenKilled) child.kill(signal);
      return { aliveWhenKilled, exit: await exit };
    },
    async ready(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (dead) throw new Error(`haven serve exited before it was ready:\n${lines.join('\n')}`);
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`haven serve was not ready within ${timeoutMs} ms:\n${lines.join('\n')}`);
        }
        try {
          const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** Starts `haven serve` on `port` and waits until /healthz answers. */
export async function startHaven(env: NodeJS.ProcessEnv, port: number, options: { fromSource?: boolean; readyTimeoutMs?: number } = {}): Promise<HavenProcess> {
  const launched = launchHaven(env, port, options);
  await launched.ready(options.readyTimeoutMs);
  return launched;
}
