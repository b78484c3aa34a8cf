// The crash test: `npm run test:crash` (add `-- --short` for the CI form, `-- --emergency-only` for the emergency scenario alone).
// It runs the built server, files reports from several clients, kills the server with
// SIGKILL at seeded random moments (some while it starts), restarts it, and checks on
// SQLite and on PostgreSQL that nothing acknowledged was lost, duplicated or damaged,
// that the database and its audit chain are sound, and that no queued email was lost
// or sent twice. An emergency scenario kills the worker between an alert job's claim and its
// delivery and checks that the alert still goes, once. A kill counts only when the server was running and died by SIGKILL; a
// server that exits on its own fails the run, and so does a life under load that
// acknowledged too few reports. A self-test runs first and shows that such a server does
// fail it (`-- --self-test` runs only that). Before the kills, a second server is started on
// the port the first holds (it must exit non-zero within seconds) and `haven user add` runs
// while intake is under load (it must succeed; `-- --reliability-only` runs only that). It ends with the line `N passed, N failed`.
import { parseArgs } from 'node:util';
import { CheckList } from './harness/checks.js';
import { requireBuild } from './harness/haven-process.js';
import { postgresAvailable, postgresBaseUrl } from './harness/scratch-postgres.js';
import { runCrashScenario, type CrashOptions } from './crash-scenario.js';
import { runSelfTest } from './self-test.js';
import { runStartupSweep } from './startup-sweep.js';
import { runEmergencyAlertCrash } from './emergency-alert.js';
import { runReliability } from './reliability.js';
import type { DialectName } from '../../src/db/dialect-name.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    kills: { type: 'string' },
    seed: { type: 'string' },
    clients: { type: 'string' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    'min-acks': { type: 'string' },
    'self-test': { type: 'boolean', default: false },
    'emergency-only': { type: 'boolean', default: false },
    'reliability-only': { type: 'boolean', default: false },
  },
});

const short = values.short;
const options: Omit<CrashOptions, 'dialect'> = {
  kills: Number(values.kills ?? (short ? 20 : 50)),
  seed: Number(values.seed ?? 20261125),
  clients: Number(values.clients ?? 6),
  minLifeMs: short ? 150 : 200,
  maxLifeMs: short ? 1200 : 3000,
  leaseSeconds: 2,
  // SMTP hand-over is far slower than intake (a new connection and greeting per message),
  // so only some reports leave an address: enough to keep the worker busy at every kill
  // without a backlog that takes minutes to drain after the last one.
  contactShare: 0.1,
  minAcknowledgedPerLife: Number(values['min-acks'] ?? 1),
};

async function main(): Promise<number> {
  requireBuild();
  const checks = new CheckList();
  const dialects = (values.dialects ?? '').split(',').filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
  if (!values['reliability-only']) {
    await checks.attempt('self-test ran to the end', () => runSelfTest(checks));
    if (values['self-test']) return checks.finish();
  }
  for (const dialect of dialects) {
    if (dialect === 'postgres' && !(await postgresAvailable())) continue;
    await checks.attempt(`${dialect}: reliability checks ran to the end`, () => runReliability(checks, dialect, short ? 4 : 8));
  }
  if (values['reliability-only']) return checks.finish();
  process.stdout.write(`crash test: ${options.kills} kills per database, ${options.clients} clients, seed ${options.seed} (${dialects.join(', ')})\n`);
  if (dialects.includes('sqlite') && !values['emergency-only']) await checks.attempt('sqlite: start-up sweep ran to the end', () => runStartupSweep(checks, short ? 8 : 20));
  for (const dialect of dialects) {
    if (dialect === 'postgres' && !(await postgresAvailable())) {
      checks.check('postgres: a server answers', false, `nothing at ${postgresBaseUrl()}; set HAVEN_TEST_DATABASE_URL or pass --dialects sqlite`);
      continue;
    }
    if (!values['emergency-only']) await checks.attempt(`${dialect}: crash scenario ran to the end`, () => runCrashScenario({ ...options, dialect }, checks));
    await checks.attempt(`${dialect}: emergency alert crash ran to the end`, () => runEmergencyAlertCrash(checks, dialect));
  }
  return checks.finish();
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
