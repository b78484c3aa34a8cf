import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../tests/support/test-app.js';
import { verifyPassword } from '../services/security/passwords.js';
import { emptyTarget, runCli, type Target } from './cli.test-helpers.js';

describe.each(testDialects())('haven user list, reset-password and disable on %s', (dialect) => {
  let target: Target;
  beforeAll(async () => { target = await emptyTarget(dialect); });
  afterAll(async () => { await target.dispose(); });

  const account = async (username: string) => {
    const handle = target.open();
    try {
      return await handle.db.selectFrom('staff_users').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirstOrThrow();
    } finally {
      await handle.close();
    }
  };

  it('lists accounts, resets a password from a pipe (ending sessions), and disables an account', async () => {
    expect((await runCli(['user', 'add', '--username', 'wren', '--role', 'handler', '--password-stdin'], target.env, 'the first long password\n')).code).toBe(0);
    const listed = await runCli(['user', 'list'], target.env);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toBe('wren\tactive\tno-totp\tmain:handler\n');

    const reset = await runCli(['user', 'reset-password', '--username', 'wren'], target.env, 'the second long password\n');
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    const after = await account('wren');
    expect(await verifyPassword(after.password_hash, 'the second long password')).toBe(true);
    expect(await verifyPassword(after.password_hash, 'the first long password')).toBe(false);
    const short = await runCli(['user', 'reset-password', '--username', 'wren'], target.env, 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');

    const disabled = await runCli(['user', 'disable', '--username', 'wren'], target.env);
    expect(disabled.code).toBe(0);
    expect((await account('wren')).disabled).toBe(1);
    expect((await runCli(['user', 'list'], target.env)).stdout).toBe('wren\tactive\tno-totp\tmain:handler\n'.replace('active', 'disabled'));
    const unknown = await runCli(['user', 'disable', '--username', 'nobody'], target.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('haven: There is no account named nobody.\n');
  }, 240_000);

  it('explains every command with --help, without touching the database', async () => {
    const help = await runCli(['user', 'reset-password', '--help'], { ...target.env, DATABASE_URL: 'postgres://nowhere.invalid/none' });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('user reset-password --username NAME');
    expect(help.stdout).not.toContain('user disable');
    const backup = await runCli(['backup', '--help'], target.env);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('backup FILE');
  }, 120_000);
});
