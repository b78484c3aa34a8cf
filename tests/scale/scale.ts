// The scale-out proof: `npm run test:scale`. Several Haven processes (different ports,
// one PostgreSQL database, one HAVEN_SECRET_KEY, no shared disk) serve clients that
// alternate between them. It checks that sessions work on every instance; that intake,
// claims, take-overs and replies through one instance are seen through the others; that
// only one of two simultaneous claims wins; and that each reminder and each email job runs
// exactly once although every instance runs a worker. Ends with `N passed, N failed`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/connection.js';
import { checkDatabaseIntegrity } from '../../src/db/integrity.js';
import { verifyAuditChain } from '../../src/db/repositories/audit-log.js';
import { CheckList } from '../crash/harness/checks.js';
import { freePort, requireBuild, runHavenCommand, startHaven, type HavenProcess } from '../crash/harness/haven-process.js';
import { createScratchDatabase, installAmcheck, postgresAvailable, postgresBaseUrl } from '../crash/harness/scratch-postgres.js';
import { startSmtpSink } from '../crash/harness/smtp-sink.js';
import { checkClaims, checkConsistentReads, checkIntake, checkJobsRanOnce, checkSessions, STAFF } from './scale-steps.js';
import { checkReminders, checkReplies } from './scale-replies.js';
import { checkClosing } from './scale-closing.js';
import { checkStatusMoves } from './scale-status.js';

const { values } = parseArgs({ options: { instances: { type: 'string', default: '3' }, reports: { type: 'string', default: '300' } } });
const instanceCount = Math.max(2, Number(values.instances));
const reportCount = Number(values.reports);

async function main(): Promise<number> {
  requireBuild();
  const checks = new CheckList();
  if (!(await postgresAvailable())) {
    checks.check('a PostgreSQL server answers', false, `nothing at ${postgresBaseUrl()}; set HAVEN_TEST_DATABASE_URL`);
    return checks.finish();
  }
  const scratch = await createScratchDatabase('haven_scale');
  const sink = await startSmtpSink();
  const root = mkdtempSync(path.join(tmpdir(), 'haven-scale-'));
  const shared = {
    DATABASE_URL: scratch.url,
    HAVEN_SECRET_KEY: randomBytes(32).toString('base64'),
    SMTP_URL: sink.url,
    HAVEN_PUBLIC_URL: 'http://localhost:8080', // the address a load balancer would have
  };
  const instances: HavenProcess[] = [];
  const handle = openDatabase({ url: scratch.url, dataDir: root });
  try {
    process.stdout.write(`scale-out test: ${instanceCount} instances on ${scratch.name}, ${reportCount} reports\n`);
    // Migrate once before the instances start together, as docs/OPERATIONS.md says to.
    const migrated = await runHavenCommand(['migrate'], { ...shared, HAVEN_DATA_DIR: path.join(root, 'cli') });
    checks.check('haven migrate prepares the shared database once', migrated.code === 0, migrated.stdout.trim() || migrated.stderr.trim());
    for (const s of STAFF) {
      const added = await runHavenCommand(['user', 'add', '--username', s.username, '--role', 'handler', '--email', s.email, '--password-stdin'],
        { ...shared, HAVEN_DATA_DIR: path.join(root, 'cli') }, { input: `${s.password}\n` });
      if (added.code !== 0) throw new Error(`user add failed: ${added.stderr}`);
    }
    const ports = await Promise.all(Array.from({ length: instanceCount }, () => freePort()));
    // Each instance has its own data folder: nothing on disk is shared, only the database.
    instances.push(...await Promise.all(ports.map((port, i) => startHaven({ ...shared, HAVEN_DATA_DIR: path.join(root, `instance-${i}`) }, port))));
    const urls = instances.map((i) => i.baseUrl);
    process.stdout.write(`instances: ${urls.join(', ')} (pids ${instances.map((i) => i.pid).join(', ')})\n`);

    const sessions = await checkSessions(checks, urls);
    const filed = await checkIntake(checks, urls, handle, reportCount);
    await checkClaims(checks, urls, sessions, filed);
    // The first 30 cases are alice's after the claims step; 50 onwards nobody holds.
    const replied = { assigned: filed.slice(0, 30), unassigned: filed.slice(50, 80) };
    await checkReplies(checks, urls, sessions, replied);
    await checkReminders(checks, { handle, instances, ...replied, staffCount: STAFF.length });
    await checkConsistentReads(checks, urls, sessions.alice);
    await checkJobsRanOnce(checks, { handle, sink, instances, filed });
    // After the job count, which the closing messages' notices would change.
    await checkClosing(checks, urls, sessions, filed.slice(80, 100));
    await checkStatusMoves(checks, urls, sessions.alice, replied.assigned);
    await sessions.signOutEverywhere(checks);
    const chain = await verifyAuditChain(handle.db);
    checks.check('the audit chain, appended to by every instance, verifies', chain.ok, chain.ok ? `${chain.entries} entries` : `broken at ${chain.brokenAt}`);
    await installAmcheck(scratch.url);
    const integrity = await checkDatabaseIntegrity(handle);
    checks.check('the database passes its integrity check', integrity.ok, integrity.ok ? integrity.checks.join('; ') : integrity.problems.join('; '));
  } finally {
    await Promise.all(instances.map((i) => i.kill('SIGTERM')));
    await handle.close();
    await sink.close();
    await scratch.drop();
    rmSync(root, { recursive: true, force: true });
  }
  return checks.finish();
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
