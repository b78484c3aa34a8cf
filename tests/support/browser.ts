import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

// Browser tests run the real, built server as a child process and drive Debian's Chromium.
// Nothing here downloads a browser: CHROMIUM_PATH may point elsewhere, nothing else is tried.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.join(ROOT, 'test-results');

/** A phone held upright; the reporter's pages must work there with no script at all. */
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/** Starts Chromium headless, without sandbox (CI runs as root) and without calls home. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface HavenProcess {
  url: string;
  dataDir: string;
  /** Creates a staff account through the `haven user add` command (on the default desk, or `desk`). */
  addStaff(username: string, role: string, password: string, desk?: string): Promise<void>;
  /** Runs another `haven` command (`desk add …`, `user grant …`) against this server's data; fails unless it succeeds. */
  command(args: string[]): Promise<string>;
  /** The text of every .eml file the zero-config mailer has written so far. */
  mailFiles(): string[];
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The browser tests use the zero-configuration defaults: SQLite and .eml files.
  const unset = new Set(['DATABASE_URL', 'SMTP_URL', 'HAVEN_PUBLIC_URL', 'HAVEN_SECRET_KEY', 'HAVEN_WORKER', 'NODE_OPTIONS']);
  return { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !unset.has(key))), ...extra };
}

function run(command: string[], env: NodeJS.ProcessEnv, stdin: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Haven exited with code ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Haven did not answer ${url}/healthz within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts `node bin/haven.js serve` on a free port with a fresh data folder, and waits for /healthz.
 * Intake limits are out of the way unless `env` sets them (browser tests file from one address).
 */
export async function startHaven(env: Record<string, string> = {}): Promise<HavenProcess> {
  if (!existsSync(path.join(ROOT, 'dist/cli/haven.js')) || !existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    throw new Error('The build is missing: run `npm run build` before the browser tests.');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'haven-e2e-'));
  const port = await freePort();
  const serverEnv = cleanEnv({
    HAVEN_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    HAVEN_INTAKE_PER_SOURCE: '1000000', HAVEN_INTAKE_PER_MINUTE: '1000000', ...env,
  });
  const child = spawn(process.execPath, ['bin/haven.js', 'serve'], { cwd: ROOT, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    dataDir,
    async addStaff(username, role, password, desk) {
      const onDesk = desk === undefined ? [] : ['--desk', desk];
      const result = await run(['bin/haven.js', 'user', 'add', '--username', username, '--role', role, ...onDesk, '--password-stdin'], serverEnv, `${password}\n`);
      if (result.code !== 0) throw new Error(`haven user add failed (${result.code}):\n${result.output}`);
    },
    async command(args) {
      const result = await run(['bin/haven.js', ...args], serverEnv, '');
      if (result.code !== 0) throw new Error(`haven ${args.join(' ')} failed (${result.code}):\n${result.output}`);
      return result.output;
    },
    mailFiles() {
      const dir = path.join(dataDir, 'mail');
      if (!existsSync(dir)) return [];
      return readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
    },
    output: () => output,
    stop,
  };
}

function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '').slice(0, 120);
}

/** A handler for Vitest's onTestFailed that keeps a full-page screenshot under test-results/. */
export function failureScreenshot(page: () => Page | undefined, name: string): () => Promise<void> {
  return async () => {
    const current = page();
    if (current === undefined || current.isClosed()) return;
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${fileName(name)}.png`);
    await current.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    process.stderr.write(`Screenshot of the failed test: ${file}\n`);
  };
}

/** With HAVEN_E2E_SCREENSHOTS=1, keeps a screenshot of every step for a person to look at. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.HAVEN_E2E_SCREENSHOTS !== '1') return;
  mkdirSync(path.join(RESULTS_DIR, 'screens'), { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, 'screens', `${fileName(name)}.png`), fullPage: true });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeLike { run(options: axe.RunOptions): Promise<axe.AxeResults> }

/**
 * Runs axe-core on the page as it is now and returns its WCAG 2.1 A/AA violations, one line each.
 * page.evaluate goes through the DevTools protocol, which the page's CSP does not govern, so the
 * strict policy stays on for the page under test.
 */
export async function wcagViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const found = await (globalThis as unknown as { axe: AxeLike }).axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return found.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  }, WCAG_TAGS);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
}

/**
 * Axe needs script, so a page seen with JavaScript off is checked in a script-enabled page:
 * the captured HTML is served at its own address, so its stylesheet and links load as before.
 */
export async function wcagViolationsOfHtml(page: Page, url: string, html: string): Promise<string[]> {
  const target = new URL(url);
  target.searchParams.set('axe-snapshot', String(Date.now()));
  const route = target.toString();
  await page.route(route, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  try {
    await page.goto(route);
    return await wcagViolations(page);
  } finally {
    await page.unroute(route);
  }
}

/** Decodes a quoted-printable body well enough to search it for plain ASCII text. */
export function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
