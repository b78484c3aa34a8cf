import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/connection.js';
import type { DialectName } from '../../src/db/dialect-name.js';
import { checkDatabaseIntegrity } from '../../src/db/integrity.js';
import { verifyAuditChain } from '../../src/db/repositories/audit-log.js';
import type { CheckList } from './harness/checks.js';
import { freePort, launchHaven } from './harness/haven-process.js';
import { seededRandom } from './harness/random.js';
import { createScratchDatabase, installAmcheck } from './harness/scratch-postgres.js';
import { startSmtpSink } from './harness/smtp-sink.js';
import { runIntakeLoad, type SentReport } from './intake-load.js';
import { loadStoredCases, verifyReports } from './verify-reports.js';
import { loadReceiptJobs, verifyEmails, waitForJobsToSettle } from './verify-email.js';

export interface CrashOptions {
  dialect: DialectName;
  kills: number;
  seed: number;
  clients: number;
  minLifeMs: number;
  maxLifeMs: number;
  leaseSeconds: number;
  /** The share of reports that leave an address and so queue a receipt email. */
  contactShare: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One database's run: kill and restart `kills` times under load, then settle and check. */
export async function runCrashScenario(options: CrashOptions, checks: CheckList): Promise<void> {
  const label = options.dialect;
  const schedule = seededRandom(options.seed + (options.dialect === 'sqlite' ? 1 : 2));
  const inputs = seededRandom(options.seed * 31 + 7);
  const dataDir = mkdtempSync(path.join(tmpdir(), `haven-crash-${label}-`));
  const scratch = options.dialect === 'postgres' ? await createScratchDatabase('haven_crash') : null;
  const sink = await startSmtpSink();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    HAVEN_DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url ?? '',
    // SQLite runs deliver over a pooled SMTP connection, PostgreSQL runs over one connection per message.
    SMTP_URL: options.dialect === 'sqlite' ? `${sink.url}?pool=true` : sink.url,
    HAVEN_SECRET_KEY: randomBytes(32).toString('base64'),
    HAVEN_JOB_LEASE_SECONDS: String(options.leaseSeconds),
  };
  const sent: SentReport[] = [];
  const started = Date.now();
  let kills = 0;
  let startupKills = 0;
  let readyMs = 600;
  const readyTimes: number[] = [];
  try {
    for (let life = 0; life < options.kills; life += 1) {
      const server = launchHaven(env, port);
      // The first start migrates a fresh database; some later ones die before they are ready.
      if (life === 0 || schedule.chance(0.15)) {
        await sleep(schedule.int(0, readyMs));
        await server.kill('SIGKILL');
        kills += 1;
        startupKills += 1;
        continue;
      }
      const t0 = Date.now();
      await server.ready();
      readyMs = Date.now() - t0;
      readyTimes.push(readyMs);
      const load = runIntakeLoad({ baseUrl: server.baseUrl, clients: options.clients, rng: inputs, tagPrefix: `${label}/${life}`, contactShare: options.contactShare, sent });
      await sleep(schedule.int(options.minLifeMs, options.maxLifeMs));
      await server.kill('SIGKILL');
      kills += 1;
      load.stop();
      await load.done;
    }

    // The last life: no kill; let the worker finish every job, then stop cleanly.
    const last = launchHaven(env, port);
    await last.ready();
    const handle = openDatabase({ url: env.DATABASE_URL, dataDir });
    try {
      const settle = await waitForJobsToSettle(handle, { stallMs: options.leaseSeconds * 1000 + 30_000, maxMs: 600_000 });
      await last.kill('SIGTERM');
      const acknowledged = sent.filter((s) => s.outcome === 'acknowledged').length;
      process.stdout.write(`${label}: ${kills} kills (${startupKills} while starting) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${sent.length} requests, ${acknowledged} acknowledged; restarts ready in ${Math.round(readyTimes.reduce((a, b) => a + b, 0) / Math.max(1, readyTimes.length))} ms ` +
        `on average (slowest ${Math.max(0, ...readyTimes)} ms); jobs settled after ${settle.waitedMs} ms\n`);

      checks.check(`${label}: the server was killed with SIGKILL at least ${options.kills} times and came back each time`, kills >= options.kills, `${kills} kills`);
      checks.check(`${label}: after the last restart every job settled`, settle.settled, `${settle.waitedMs} ms`);
      if (scratch !== null) await installAmcheck(scratch.url);
      const integrity = await checkDatabaseIntegrity(handle);
      checks.check(`${label}: the database passes its integrity check`, integrity.ok,
        integrity.ok ? integrity.checks.join('; ') : integrity.problems.slice(0, 5).join('; '));
      const chain = await verifyAuditChain(handle.db);
      checks.check(`${label}: the audit chain verifies`, chain.ok, chain.ok ? `${chain.entries} entries` : `broken at ${chain.brokenAt}: ${chain.reason}`);

      const stored = await loadStoredCases(handle);
      verifyReports(checks, label, sent, stored);

      const bySentTag = new Map(sent.map((s) => [s.tag, s]));
      const casesWithContact = new Map<string, string>();
      for (const c of stored) {
        const email = bySentTag.get(/^\[([^\]]+)\]/.exec(c.text)?.[1] ?? '')?.input.contactEmail;
        if (c.hasContact && email !== undefined) casesWithContact.set(c.id, email);
      }
      verifyEmails(checks, label, { sent, jobs: await loadReceiptJobs(handle), sink, casesWithContact });
    } finally {
      await handle.close();
    }
  } finally {
    await sink.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
