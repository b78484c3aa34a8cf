import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DialectName } from '../../src/db/dialect-name.js';
import type { CheckList } from './harness/checks.js';
import { freePort, launchHaven, runHavenCommand } from './harness/haven-process.js';
import { seededRandom } from './harness/random.js';
import { createScratchDatabase } from './harness/scratch-postgres.js';
import { runIntakeLoad, type SentReport } from './intake-load.js';

/** A second `haven serve` on a taken port must be gone within this long. */
const SECOND_SERVER_LIMIT_MS = 10_000;

/**
 * The two reliability faults of issue 14, on one database:
 * - a second `haven serve` on the port the first one holds exits by itself, non-zero, within
 *   seconds, with a sentence naming the port (it used to stay alive running the job worker);
 * - `haven user add` run while the server takes reports under load succeeds every time (on
 *   SQLite it used to fail with "database is locked" and a stack trace), and intake answers
 *   no 500 meanwhile.
 */
export async function runReliability(checks: CheckList, dialect: DialectName, commands: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `haven-reliability-${dialect}-`));
  const scratch = dialect === 'postgres' ? await createScratchDatabase('haven_reliability') : null;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    HAVEN_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', HAVEN_SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn',
  };
  const server = launchHaven(env, port);
  try {
    await server.ready();

    const second = launchHaven(env, port);
    const t0 = Date.now();
    const code = await Promise.race([second.exited, new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), SECOND_SERVER_LIMIT_MS))]);
    const tookMs = Date.now() - t0;
    if (code === 'alive') await second.kill('SIGKILL');
    const said = second.output();
    checks.check(`${dialect}: a second server on a taken port exits non-zero within ${SECOND_SERVER_LIMIT_MS / 1000} s`,
      code !== 'alive' && code !== 0 && code !== null, code === 'alive' ? `still running after ${tookMs} ms` : `exit ${String(code)} after ${tookMs} ms`);
    checks.check(`${dialect}: it says the port is in use, without a stack trace`,
      said.includes(`Cannot listen on 127.0.0.1:${port}`) && !/\n\s+at /.test(said), said.split('\n').slice(0, 3).join(' | '));

    const sent: SentReport[] = [];
    const load = runIntakeLoad({ baseUrl: server.baseUrl, clients: 6, rng: seededRandom(14), tagPrefix: `${dialect}/cli`, contactShare: 0, sent });
    // Let intake get going before the first command.
    while (sent.length < 20 && Date.now() - t0 < 60_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const failures: string[] = [];
    for (let i = 0; i < commands; i += 1) {
      const result = await runHavenCommand(['user', 'add', '--username', `load-${i}`, '--role', 'handler', '--password-stdin'], env, { input: 'a password long enough\n' });
      if (result.code !== 0) failures.push(`user add ${i}: exit ${String(result.code)}: ${result.stderr.split('\n').slice(0, 2).join(' ')}`);
    }
    const duringCommands = sent.length;
    load.stop();
    await load.done;
    const errors = sent.filter((s) => s.outcome !== 'acknowledged');
    checks.check(`${dialect}: ${commands} \`haven user add\` during intake load all succeed`, failures.length === 0,
      failures.length === 0 ? `${duringCommands} reports sent meanwhile` : failures.slice(0, 3).join('; '));
    checks.check(`${dialect}: intake answered every report meanwhile`, errors.length === 0 && sent.length > 20,
      `${sent.length} sent, not acknowledged: ${errors.map((e) => e.status ?? e.outcome).slice(0, 5).join(', ') || 'none'}`);
  } finally {
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
}
