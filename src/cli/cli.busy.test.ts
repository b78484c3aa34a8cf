import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWriteLockElsewhere } from '../../tests/support/sqlite-lock-holder.js';
import { DATABASE_BUSY_SENTENCE } from '../services/errors.js';
import { emptyTarget, runCli, type Target } from './cli.test-helpers.js';

describe('a command while another process holds the SQLite write lock', () => {
  let target: Target;
  beforeAll(async () => {
    target = await emptyTarget('sqlite');
    expect((await runCli(['migrate'], target.env)).code).toBe(0);
  });
  afterAll(async () => { await target.dispose(); });

  it('waits for a short lock and succeeds', async () => {
    const holder = await holdWriteLockElsewhere(path.join(target.env.HAVEN_DATA_DIR ?? '', 'haven.sqlite'), 500);
    const result = await runCli(['user', 'add', '--username', 'patient', '--role', 'handler', '--password-stdin'], target.env, 'a password long enough\n');
    await holder.done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('says in one sentence, without a stack trace, that the database stayed busy', async () => {
    const holder = await holdWriteLockElsewhere(path.join(target.env.HAVEN_DATA_DIR ?? '', 'haven.sqlite'), 12_000);
    const result = await runCli(['user', 'add', '--username', 'blocked', '--role', 'handler', '--password-stdin'], target.env, 'a password long enough\n');
    holder.process.kill('SIGKILL');
    await holder.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`haven: ${DATABASE_BUSY_SENTENCE}\n`);
  });
});
