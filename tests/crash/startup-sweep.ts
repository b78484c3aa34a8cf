import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckList } from './harness/checks.js';
import { freePort, launchHaven } from './harness/haven-process.js';
import { describeEnd, killedByHarness } from './harness/lives.js';

/**
 * Kills the very first start of Haven on fresh SQLite data folders at points spread over
 * its start-up (so some land inside the migrations), then starts each again. Before the
 * migrations ran in one transaction, a kill there left a database that never started again.
 */
export async function runStartupSweep(checks: CheckList, points: number): Promise<void> {
  const port = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), 'haven-startup-sweep-'));
  try {
    // How long a first start takes here, to spread the kills over it.
    const probe = launchHaven({ HAVEN_DATA_DIR: path.join(root, 'probe'), HAVEN_WORKER: 'off' }, port);
    const t0 = Date.now();
    await probe.ready();
    const firstStartMs = Date.now() - t0;
    await probe.kill('SIGTERM');

    const broken: string[] = [];
    for (let i = 0; i < points; i += 1) {
      const delay = Math.round((firstStartMs * (i + 1)) / (points + 1));
      const env = { HAVEN_DATA_DIR: path.join(root, `point-${i}`), HAVEN_WORKER: 'off' };
      const first = launchHaven(env, port);
      await new Promise((resolve) => setTimeout(resolve, delay));
      const killed = await first.kill('SIGKILL');
      // A first start that ended before the kill crashed by itself: that is a failure too, not a kill.
      if (!killedByHarness(killed)) {
        broken.push(`first start at point ${i}: ${describeEnd({ index: i, phase: 'starting', acknowledged: 0, ...killed })}`);
      }
      const again = launchHaven(env, port);
      try {
        await again.ready(20_000);
      } catch (error) {
        broken.push(`killed at ${delay} ms: ${(error instanceof Error ? error.message : String(error)).split('\n').slice(0, 2).join(' ')}`);
      } finally {
        await again.kill('SIGTERM');
      }
    }
    checks.check(`sqlite: a first start killed at ${points} points of its ${firstStartMs} ms start-up always starts again`, broken.length === 0,
      broken.length === 0 ? 'every database came up' : broken.slice(0, 3).join('; '));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
