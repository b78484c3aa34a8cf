// Emergency speed (issue 9): `npx tsx bench/emergency.ts [--dialects sqlite,postgres] [--rate N] [--seconds N] [--samples N]`.
// Needs the build (`npm run build`). Runs the built server as deployed, with a real SMTP server
// on loopback, and measures three things:
//  1. from an emergency report's commit to its alert email accepted by the SMTP server, while
//     ordinary intake runs at a paced rate (--rate, meant to be half the measured maximum);
//  2. the automatic forward's lateness after its due time (the desk's first wait set to 1 minute);
//  3. (PostgreSQL, two instances) from the commit to the alarm visible in a console in Chromium
//     on each instance.
// The commit time is not visible from outside, so every figure counts from when the request was
// sent, which is earlier: the figures are upper bounds. Results go to bench/results/<ts>-emergency.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, requireBuild, runHavenCommand, startHaven, type HavenProcess } from '../tests/crash/harness/haven-process.js';
import { startSmtpSink, type SmtpSink } from '../tests/crash/harness/smtp-sink.js';
import { createScratchDatabase } from '../tests/crash/harness/scratch-postgres.js';
import { launchChromium } from '../tests/support/browser.js';
import { authenticatorCode } from '../tests/support/totp-code.js';
import { pacedLoad } from './paced.js';
import { summarize, type Latency } from './stats.js';

const { values } = parseArgs({
  options: {
    dialects: { type: 'string', default: 'sqlite,postgres' },
    rate: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    samples: { type: 'string', default: '20' },
  },
});

const PASSWORD = 'a long enough passphrase for the bench';
const ON_CALL = 'on-call@example.org';
const CONTACT = 'crisis-line@example.org';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const words = (): string => Array.from({ length: 8 }, () => Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('')).join(' ');

interface Sent { reference: string; sentAt: number; answeredAt: number }

async function fileEmergency(baseUrl: string): Promise<Sent> {
  const sentAt = Date.now();
  const response = await fetch(`${baseUrl}/api/v1/reports`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      reporterRole: 'third_party', reportedAccounts: ['Bench Account'], links: [], language: 'en', category: 'threat_of_violence',
      immediateDanger: true, description: `A threat, written differently each time: ${words()}`,
    }),
  });
  if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
  const { reference } = await response.json() as { reference: string };
  return { reference, sentAt, answeredAt: Date.now() };
}

async function signIn(baseUrl: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: (await response.json() as { csrfToken: string }).csrfToken };
}

async function prepare(env: NodeJS.ProcessEnv): Promise<void> {
  const migrated = await runHavenCommand(['migrate'], env);
  if (migrated.code !== 0) throw new Error(`migrate: ${migrated.stderr}`);
  for (const [username, role, email] of [['on-call', 'escalation', ON_CALL], ['boss', 'admin', null], ['hana', 'handler', null]] as const) {
    const added = await runHavenCommand(['user', 'add', '--username', username, '--role', role, ...(email === null ? [] : ['--email', email]), '--password-stdin'], env, { input: `${PASSWORD}\n` });
    if (added.code !== 0) throw new Error(`user add: ${added.stderr}`);
  }
}

/** Admins set up a second factor before they change a desk's settings; the bench does it as an authenticator app would. */
async function enrolSecondFactor(baseUrl: string, session: { cookie: string; csrf: string }): Promise<void> {
  const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
  const begun = await fetch(`${baseUrl}/api/v1/session/totp`, { method: 'POST', headers, body: '{}' });
  if (!begun.ok) throw new Error(`second factor answered ${begun.status}`);
  const { secret } = await begun.json() as { secret: string };
  const done = await fetch(`${baseUrl}/api/v1/session/totp/confirm`, {
    method: 'POST', headers, body: JSON.stringify({ code: authenticatorCode(secret, new Date()) }),
  });
  if (!done.ok) throw new Error(`second factor confirmation answered ${done.status}`);
}

async function setContact(baseUrl: string): Promise<void> {
  const admin = await signIn(baseUrl, 'boss');
  await enrolSecondFactor(baseUrl, admin);
  const response = await fetch(`${baseUrl}/api/v1/desks/main/emergency-settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    body: JSON.stringify({ contactEmail: CONTACT, fallbackEmail: null, forwardAfterMinutes: 1, fallbackAfterMinutes: 60, anyRoleOnDuty: false, rota: [] }),
  });
  if (!response.ok) throw new Error(`settings answered ${response.status}`);
}

const acceptedAt = (sink: SmtpSink, reference: string, to: string): number | undefined =>
  sink.messages.find((m) => m.caseReference === reference && m.to.includes(to))?.receivedAt;

/** Figures 1 and 2: alert emails under paced intake, and the automatic forward's lateness. */
async function alertsUnderLoad(server: HavenProcess, sink: SmtpSink, rate: number, seconds: number): Promise<{
  alert: Latency; alertFromAnswer: Latency; forwardLate: Latency; intake: Latency; missing: number;
}> {
  const load = pacedLoad({
    url: server.baseUrl, path: '/api/v1/reports', rate, seconds, warmupSeconds: 2,
    body: (i) => JSON.stringify({
      reporterRole: 'target', reportedAccounts: [`Load ${i}`], links: [], language: 'en', category: 'hounding', immediateDanger: false,
      description: `Ordinary report ${i} filed by the bench to keep intake busy.`,
    }),
  });
  const sent: Sent[] = [];
  await sleep(2500);
  const deadline = Date.now() + (seconds - 1) * 1000;
  while (Date.now() < deadline) {
    sent.push(await fileEmergency(server.baseUrl));
    await sleep(400);
  }
  const intake = await load;
  // Wait for the alerts, then for the forwards (due a minute after each report).
  await sleep(5000);
  const lastDue = Math.max(...sent.map((s) => s.sentAt)) + 60_000;
  while (Date.now() < lastDue + 10_000) await sleep(500);
  const alert: number[] = [];
  const fromAnswer: number[] = [];
  const forward: number[] = [];
  let missing = 0;
  for (const s of sent) {
    const a = acceptedAt(sink, s.reference, ON_CALL);
    const f = acceptedAt(sink, s.reference, CONTACT);
    if (a === undefined || f === undefined) missing += 1;
    if (a !== undefined) alert.push(a - s.sentAt);
    // The commit comes before the answer: counted from the answer, the figure is a lower bound.
    if (a !== undefined) fromAnswer.push(a - s.answeredAt);
    // Lateness after the due time; the due time is a minute after the report's arrival, which is after sentAt.
    if (f !== undefined) forward.push(f - (s.sentAt + 60_000));
  }
  return { alert: summarize(alert), alertFromAnswer: summarize(fromAnswer), forwardLate: summarize(forward), intake: summarize(intake.latencies), missing };
}

/** Figure 3: two instances on one PostgreSQL database, a console open on each; the alarm's time to show in both. */
async function alarmInConsoles(servers: HavenProcess[], samples: number): Promise<Latency> {
  const browser = await launchChromium();
  try {
    const pages = await Promise.all(servers.map(async (server) => {
      const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto('/desk/');
      await page.getByLabel('Username').fill('hana');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      return page;
    }));
    const times: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const sentAt = Date.now();
      const { reference } = await fileEmergency(servers[0]?.baseUrl ?? '');
      const shown = await Promise.all(pages.map(async (page) => {
        await page.getByRole('link', { name: `Open ${reference}` }).waitFor({ timeout: 20_000 });
        return Date.now();
      }));
      times.push(Math.max(...shown) - sentAt);
      await sleep(300);
    }
    return summarize(times);
  } finally {
    await browser.close();
  }
}

async function runDialect(dialect: 'sqlite' | 'postgres', rate: number, seconds: number, samples: number): Promise<Record<string, unknown>> {
  const root = mkdtempSync(path.join(tmpdir(), `haven-bench-emergency-${dialect}-`));
  const scratch = dialect === 'postgres' ? await createScratchDatabase('haven_bench_emergency') : null;
  const sink = await startSmtpSink();
  const shared: NodeJS.ProcessEnv = {
    DATABASE_URL: scratch?.url ?? '', SMTP_URL: `${sink.url}?pool=true`, HAVEN_SECRET_KEY: randomBytes(32).toString('base64'),
    HAVEN_PUBLIC_URL: 'http://localhost:8080', LOG_LEVEL: 'warn',
  };
  const servers: HavenProcess[] = [];
  try {
    // On SQLite the database lives in the data folder, so the commands use the first instance's.
    await prepare({ ...shared, HAVEN_DATA_DIR: path.join(root, 'a') });
    servers.push(await startHaven({ ...shared, HAVEN_DATA_DIR: path.join(root, 'a') }, await freePort()));
    const first = servers[0];
    if (first === undefined) throw new Error('no server');
    await setContact(first.baseUrl);
    const underLoad = await alertsUnderLoad(first, sink, rate, seconds);
    const result: Record<string, unknown> = { dialect, rate, seconds, ...underLoad };
    if (dialect === 'postgres') {
      servers.push(await startHaven({ ...shared, HAVEN_DATA_DIR: path.join(root, 'b') }, await freePort()));
      result.alarmTwoInstances = await alarmInConsoles(servers, samples);
    } else {
      result.alarmOneInstance = await alarmInConsoles(servers, samples);
    }
    return result;
  } finally {
    for (const server of servers) await server.kill('SIGTERM');
    await sink.close();
    await scratch?.drop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  requireBuild();
  const dialects = (values.dialects ?? '').split(',').filter((d): d is 'sqlite' | 'postgres' => d === 'sqlite' || d === 'postgres');
  const seconds = Number(values.seconds);
  const samples = Number(values.samples);
  const results: Record<string, unknown>[] = [];
  const load = { start: loadavg() };
  for (const dialect of dialects) {
    // Half the maximum intake measured in docs/PERFORMANCE.md, unless told otherwise.
    const rate = Number(values.rate ?? (dialect === 'sqlite' ? 600 : 400));
    const result = await runDialect(dialect, rate, seconds, samples);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    results.push(result);
  }
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}-emergency.json`);
  writeFileSync(file, JSON.stringify({ results, load: { ...load, end: loadavg() } }, null, 2));
  process.stdout.write(`written ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
