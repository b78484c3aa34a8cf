// Shared by the CLI tests (cli.test.ts, desk-commands.test.ts): running the command from
// source, and an empty place for it to work in. Not a test file itself.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import type { DialectName } from '../db/dialect-name.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Whether every source file of the build has its compiled file, written after it. */
function buildIsCurrent(dir = path.join(ROOT, 'src')): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!buildIsCurrent(file)) return false;
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.includes('.test-')) {
      const built = path.join(ROOT, 'dist', path.relative(path.join(ROOT, 'src'), file)).replace(/\.ts$/, '.js');
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs) return false;
    }
  }
  return true;
}

let command: string[] | undefined;

/**
 * How the tests run `haven`: the build, as `npx haven` runs it, when it is newer than every
 * source file (`npm test` builds first), which starts in half the time; otherwise the sources
 * through tsx, so a test never runs code older than the code it tests.
 */
export function havenCommand(): string[] {
  command ??= buildIsCurrent() ? [path.join(ROOT, 'bin/haven.js')] : ['--import', 'tsx', path.join(ROOT, 'src/cli/haven.ts')];
  return command;
}

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** Runs the haven command: the build when it is current, else the sources (havenCommand). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...havenCommand(), ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => { resolve({ code, stdout, stderr }); });
    if (input !== undefined) child.stdin.write(input);
    child.stdin.end();
  });
}

export interface Target { env: NodeJS.ProcessEnv; open(): DatabaseHandle; dispose(): Promise<void> }

/** An empty place for the CLI to work in: a data folder, and on PostgreSQL an empty schema. */
export async function emptyTarget(dialect: DialectName): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'haven-cli-'));
  // Only what the test sets: no database, mail or key settings leak in from the outer environment.
  const stripped = ['DATABASE_URL', 'SMTP_URL', 'HAVEN_SECRET_KEY', 'HAVEN_PREVIOUS_SECRET_KEYS', 'NODE_OPTIONS'];
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !stripped.includes(name)));
  const base: NodeJS.ProcessEnv = { ...inherited, HAVEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (dialect === 'sqlite') {
    return {
      env: base,
      open: () => openDatabase({ dataDir }),
      dispose: async () => { rmSync(dataDir, { recursive: true, force: true }); },
    };
  }
  const url = process.env.HAVEN_TEST_DATABASE_URL ?? '';
  const schema = `c_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try { await client.query(statement); } finally { await client.end(); }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { ...base, DATABASE_URL: scoped.toString() },
    open: () => openDatabase({ url, dataDir, pgSchema: schema, poolSize: 2 }),
    dispose: async () => {
      await admin(`DROP SCHEMA ${schema} CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

