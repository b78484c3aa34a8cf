import path from 'node:path';
import { CheckList } from './harness/checks.js';
import { REPO_ROOT } from './harness/haven-process.js';
import { runCrashScenario } from './crash-scenario.js';

/** Makes every killed life's server exit by itself shortly after it starts listening. */
const EXIT_ON_ITS_OWN = path.join(REPO_ROOT, 'tests/crash/harness/exit-on-its-own.mjs');

/** The check that must catch a server exiting on its own (crash-scenario.ts names it so). */
const CATCHING_CHECK = 'no server exited on its own';

/**
 * Proves the crash test can fail: a short SQLite run whose servers exit by themselves
 * (status 0) before each kill. Before lives were judged, such a run passed, every death
 * counted as a kill. It passes only if the crash test fails that run for that reason; the
 * inner run's own lines are printed with a `self-test |` prefix.
 */
export async function runSelfTest(checks: CheckList): Promise<void> {
  const inner = new CheckList('  self-test | ');
  await inner.attempt('self-test: crash scenario ran to the end', () => runCrashScenario({
    dialect: 'sqlite', label: 'self-test', kills: 4, seed: 7, clients: 2, minLifeMs: 400, maxLifeMs: 500,
    leaseSeconds: 2, contactShare: 0, minAcknowledgedPerLife: 1, preload: EXIT_ON_ITS_OWN,
  }, inner));
  const caught = inner.failedChecks.filter((name) => name.includes(CATCHING_CHECK));
  checks.check('self-test: the crash test fails a run whose server exits on its own', caught.length === 1,
    `failed in that run: ${inner.failedChecks.join('; ') || 'nothing'}`);
}
