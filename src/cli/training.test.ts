import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { havenCommand } from './cli.test-helpers.js';

// `haven training check` works on files alone: it must run where no configuration would be
// valid, and it is what CI runs over the modules Haven ships.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function haven(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A configuration that would stop any other command: training must not read it.
    const env = { ...process.env, PORT: 'not-a-port', DATABASE_URL: 'mysql://nowhere', NODE_OPTIONS: '' };
    const child = spawn(process.execPath, [...havenCommand(), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => { resolve({ code, stdout, stderr }); });
  });
}

describe('haven training check', () => {
  it('passes every module Haven ships, without any configuration', async () => {
    const result = await haven(['training', 'check', 'content/training']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^content\/training: 4 modules ready \(handling-harassment-reports, /);
  });

  it('refuses a broken module with each problem on its file and line, and exits 1', async () => {
    const result = await haven(['training', 'check', 'tests/fixtures/training/broken/no-best']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('tests/fixtures/training/broken/no-best/module.yaml:7: section "outro" has no file: add outro.md\n');
    expect(result.stderr).toContain('tests/fixtures/training/broken/no-best/intro.md:5: question "no-best": the best option is missing');
    expect(result.stderr).toContain('2 problems found.');
  });

  it('imports a module from each format into a folder and checks it, and exports it back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-cli-training-'));
    try {
      for (const format of ['wikiedu', 'dashboard']) {
        const imported = await haven(['training', 'import', format, `tests/fixtures/training/${format}`, 'answering-reports', '--into', path.join(dir, format)]);
        expect(imported.code, imported.stderr).toBe(0);
        expect(imported.stdout).toContain(`${path.join(dir, format, 'answering-reports')}: 1 module ready (answering-reports)`);
        const exported = await haven(['training', 'export', format, path.join(dir, format, 'answering-reports'), path.join(dir, `${format}-out`), '--id', '42']);
        expect(exported.code, exported.stderr).toBe(0);
      }
      expect(existsSync(path.join(dir, 'wikiedu-out', 'modules', 'answering-reports.yml'))).toBe(true);
      expect(existsSync(path.join(dir, 'dashboard-out', 'Training modules', 'dashboard', 'modules', 'answering-reports.json'))).toBe(true);
      // Never over an existing module.
      const again = await haven(['training', 'import', 'wikiedu', 'tests/fixtures/training/wikiedu', 'answering-reports', '--into', path.join(dir, 'wikiedu')]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists and is not empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Seven CLI processes in a row, each starting tsx: a loaded machine needs more than the default.
  }, 120_000);

  it('shows the usage for a training command it does not know', async () => {
    const result = await haven(['training', 'frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('training check DIR');
  });
});
