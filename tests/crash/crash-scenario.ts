import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/connection.js';
import type { DialectName } from '../../src/db/dialect-name.js';
import { checkDatabaseIntegrity } from '../../src/db/integrity.js';
import { verifyAuditChain } from '../../src/db/repositories/audit-log.js';
import { FieldCipher } from '../../src/services/security/field-cipher.js';
import type { CheckList } from './harness/checks.js';
import { freePort, launchHaven } from './harness/haven-process.js';
import { describeEnd, judgeLives, type Life } from './harness/lives.js';
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
  /** Each life killed under load must have acknowledged at least this many reports. */
  minAcknowledgedPerLife: number;
  /** Self-test only: a module that makes every killed life's server exit on its own (see crash.ts). */
  preload?: string;
  /** Prefix of the scratch folder and the check names; default: the dialect. */
  label?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One database's run: kill and restart `kills` times under load, then settle and check. */
export async function runCrashScenario(options: CrashOptions, checks: CheckList): Promise<void> {
  const label = options.label ?? options.dialect;
  const schedule = seededRandom(options.seed + (options.dialect === 'sqlite' ? 1 : 2));
  const inputs = seededRandom(options.seed * 31 + 7);
  const dataDir = mkdtempSync(path.join(tmpdir(), `haven-crash-${label}-`));
  const scratch = options.dialect === 'postgres' ? await createScratchDatabase('haven_crash') : null;
  const sink = await startSmtpSink();
  const port = await freePort();
  const secretKey = randomBytes(32);
  const env: NodeJS.ProcessEnv = {
    HAVEN_DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url ?? '',
    // SQLite runs deliver over a pooled SMTP connection, PostgreSQL runs over one connection per message.
    SMTP_URL: options.dialect === 'sqlite' ? `${sink.url}?pool=true` : sink.url,
    HAVEN_SECRET_KEY: secretKey.toString('base64'),
    HAVEN_JOB_LEASE_SECONDS: String(options.leaseSeconds),
  };
  const sent: SentReport[] = [];
  const started = Date.now();
  const lives: Life[] = [];
  let readyMs = 600;
  const readyTimes: number[] = [];
  try {
    for (let life = 0; life < options.kills; life += 1) {
      const server = launchHaven(env, port, options.preload === undefined ? {} : { preload: options.preload });
      // The first start migrates a fresh database; some later ones die before they are ready.
      if (life === 0 || schedule.chance(0.15)) {
        await sleep(schedule.int(0, readyMs));
        lives.push({ index: life, phase: 'starting', acknowledged: 0, ...(await server.kill('SIGKILL')) });
        continue;
      }
      const t0 = Date.now();
      const notReady = await server.ready().then(() => null, (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]);
      if (notReady !== null) {
        // It died (or hung) before it was ready: recorded, and judged below, rather than ending the run.
        lives.push({ index: life, phase: 'starting', acknowledged: 0, note: notReady, ...(await server.kill('SIGKILL')) });
        continue;
      }
      readyMs = Date.now() - t0;
      readyTimes.push(readyMs);
      const tagPrefix = `${label}/${life}`;
      const load = runIntakeLoad({ baseUrl: server.baseUrl, clients: options.clients, rng: inputs, tagPrefix, contactShare: options.contactShare, sent });
      await sleep(schedule.int(options.minLifeMs, options.maxLifeMs));
      const end = await server.kill('SIGKILL');
      load.stop();
      await load.done;
      const acknowledged = sent.filter((s) => s.outcome === 'acknowledged' && s.tag.startsWith(`${tagPrefix}/`)).length;
      lives.push({ index: life, phase: 'serving', acknowledged, ...end });
    }
    const verdict = judgeLives(lives, options.minAcknowledgedPerLife);

    // The last life: no kill; let the worker finish every job, then stop cleanly.
    const last = launchHaven(env, port);
    await last.ready();
    const handle = openDatabase({ url: env.DATABASE_URL, dataDir });
    try {
      // Jobs due later (an emergency's automatic forward, 15 minutes on) are not yet work to settle.
      const settle = await waitForJobsToSettle(handle, { stallMs: options.leaseSeconds * 1000 + 30_000, maxMs: 600_000, dueOnly: true });
      const stopped = await last.kill('SIGTERM');
      const acknowledged = sent.filter((s) => s.outcome === 'acknowledged').length;
      process.stdout.write(`${label}: ${verdict.kills} kills (${verdict.startupKills} while starting) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${sent.length} requests, ${acknowledged} acknowledged; restarts ready in ${Math.round(readyTimes.reduce((a, b) => a + b, 0) / Math.max(1, readyTimes.length))} ms ` +
        `on average (slowest ${Math.max(0, ...readyTimes)} ms); jobs settled after ${settle.waitedMs} ms\n`);

      checks.check(`${label}: the server was killed with SIGKILL at least ${options.kills} times and came back each time`,
        verdict.kills >= options.kills, `${verdict.kills} kills of a live server`);
      checks.check(`${label}: no server exited on its own: every kill found it running, and it died by SIGKILL`,
        verdict.exitedOnTheirOwn.length === 0, verdict.exitedOnTheirOwn.slice(0, 3).map(describeEnd).join('; '));
      checks.check(`${label}: every life killed under load had acknowledged reports (at least ${options.minAcknowledgedPerLife})`,
        verdict.underLoaded.length === 0,
        verdict.underLoaded.length === 0
          ? `fewest in one life: ${verdict.fewestAcknowledged ?? 'none served'}`
          : verdict.underLoaded.slice(0, 3).map((l) => `life ${l.index}: ${l.acknowledged}`).join('; '));
      checks.check(`${label}: the last server was still running when stopped, and stopped cleanly`,
        stopped.aliveWhenKilled && stopped.exit.code === 0, `exit code ${String(stopped.exit.code)}, signal ${String(stopped.exit.signal)}`);
      checks.check(`${label}: after the last restart every job settled`, settle.settled, `${settle.waitedMs} ms`);
      if (scratch !== null) await installAmcheck(scratch.url);
      const integrity = await checkDatabaseIntegrity(handle);
      checks.check(`${label}: the database passes its integrity check`, integrity.ok,
        integrity.ok ? integrity.checks.join('; ') : integrity.problems.slice(0, 5).join('; '));
      const chain = await verifyAuditChain(handle.db);
      checks.check(`${label}: the audit chain verifies`, chain.ok, chain.ok ? `${chain.entries} entries` : `broken at ${chain.brokenAt}: ${chain.reason}`);

      const stored = await loadStoredCases(handle, new FieldCipher(secretKey));
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
