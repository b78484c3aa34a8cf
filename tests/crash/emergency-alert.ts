import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { CheckList } from './harness/checks.js';
import { freePort, launchHaven, runHavenCommand } from './harness/haven-process.js';
import { killedByHarness } from './harness/lives.js';
import { createScratchDatabase } from './harness/scratch-postgres.js';
import type { DialectName } from '../../src/db/dialect-name.js';

const ESCALATION = 'on-call@example.org';

/**
 * An SMTP server that can hold a message after its last byte arrived and before it answers
 * (a real server takes responsibility only with its answer): the sender is then between the
 * claim of its job and the delivery. Held messages are never counted; accepted ones are.
 */
async function startHoldingSmtp(): Promise<{ url: string; accepted: string[]; holding: () => number; hold: { on: boolean }; close(): Promise<void> }> {
  const accepted: string[] = [];
  const hold = { on: true };
  let held = 0;
  const server = new SMTPServer({
    authOptional: true, hideSTARTTLS: true, disableReverseLookup: true, logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (hold.on) {
          held += 1; // never answered: the client dies waiting
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        accepted.push(`${session.envelope.rcptTo.map((r) => r.address).join(',')} ${/^X-Haven-Case:\s*(\S+)/im.exec(raw)?.[1] ?? ''} ${/^Subject:\s*(.*)$/im.exec(raw)?.[1] ?? ''}`);
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `smtp://127.0.0.1:${address.port}?pool=false`, accepted, holding: () => held, hold, close: () => new Promise((r) => server.close(() => r())) };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Kills the worker between the alert job's claim and its delivery: an emergency report is
 * filed, the alert email to the escalation member reaches the SMTP server, which holds it
 * unanswered; the server is killed with SIGKILL there. After a restart (and the lease), the
 * alert goes, and only once.
 */
export async function runEmergencyAlertCrash(checks: CheckList, dialect: DialectName): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `haven-crash-emergency-${dialect}-`));
  const scratch = dialect === 'postgres' ? await createScratchDatabase('haven_crash_emergency') : null;
  const smtp = await startHoldingSmtp();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    HAVEN_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', SMTP_URL: smtp.url,
    HAVEN_SECRET_KEY: randomBytes(32).toString('base64'), HAVEN_JOB_LEASE_SECONDS: '2',
  };
  try {
    const migrated = await runHavenCommand(['migrate'], env);
    if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
    const added = await runHavenCommand(['user', 'add', '--username', 'on-call', '--role', 'escalation', '--email', ESCALATION, '--password-stdin'], env,
      { input: 'a long enough password for the crash test\n' });
    if (added.code !== 0) throw new Error(`user add failed: ${added.stderr}`);

    const first = launchHaven(env, port);
    await first.ready();
    const filed = await fetch(`${first.baseUrl}/api/v1/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        reporterRole: 'third_party', reportedAccounts: ['Someone'], links: [], category: 'threat_of_violence', immediateDanger: true,
        description: 'A user wrote that they will come to the target\'s house tonight.', language: 'en',
      }),
    });
    if (filed.status !== 201) throw new Error(`report refused: ${filed.status} ${await filed.text()}`);
    const { reference } = await filed.json() as { reference: string };
    await waitFor('the alert email to reach the SMTP server', () => smtp.holding() > 0, 15_000);
    const killed = await first.kill('SIGKILL');
    checks.check(`${dialect}: emergency: the worker was killed between the alert's claim and its delivery`, killedByHarness(killed) && smtp.accepted.length === 0,
      `held ${smtp.holding()}, accepted ${smtp.accepted.length}`);

    smtp.hold.on = false;
    const second = launchHaven(env, port);
    await second.ready();
    await waitFor('the alert to be delivered after the restart', () => smtp.accepted.some((m) => m.includes(reference)), 20_000);
    // Time for a duplicate to show, were there one: more than a lease and a few worker rounds.
    await sleep(4000);
    await second.kill('SIGTERM');
    const alerts = smtp.accepted.filter((m) => m.startsWith(ESCALATION) && m.includes(reference));
    checks.check(`${dialect}: emergency: after the restart the alert goes, once`, alerts.length === 1, smtp.accepted.join(' | ') || 'nothing accepted');
  } finally {
    await smtp.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
