import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../services/security/field-cipher.js';
import { SEALED } from '../services/context.js';
import { emptyTarget, runCli, type Target } from './cli.test-helpers.js';

// The key-file flow end to end through the command: a new key made current with the old one
// kept, then every sealed value moved onto it.
describe('haven rotate-key with the key file', () => {
  let target: Target;
  beforeEach(async () => { target = await emptyTarget('sqlite'); });
  afterEach(async () => { await target.dispose(); });

  const keyIn = (file: string) => Buffer.from(readFileSync(file, 'utf8').split('\n')[0]?.trim() ?? '', 'base64');

  it('makes a new key current, keeps the old one, and re-seals what the old one sealed', async () => {
    const dataDir = target.env.HAVEN_DATA_DIR ?? '';
    expect((await runCli(['migrate'], target.env)).code).toBe(0);
    const added = await runCli(['user', 'add', '--username', 'admin-1', '--role', 'admin', '--email', 'admin-1@mail.example.org', '--password-stdin'],
      target.env, 'a long enough passphrase\n');
    expect(added.code, added.stderr).toBe(0);
    const oldKey = keyIn(path.join(dataDir, 'secret.key'));

    const made = await runCli(['rotate-key', '--new-key'], target.env);
    expect(made.code, made.stderr).toBe(0);
    const newKey = keyIn(path.join(dataDir, 'secret.key'));
    expect(newKey.equals(oldKey)).toBe(false);
    expect(keyIn(path.join(dataDir, 'previous.keys')).equals(oldKey)).toBe(true);
    expect(statSync(path.join(dataDir, 'previous.keys')).mode & 0o777).toBe(0o600);

    const rotated = await runCli(['rotate-key'], target.env);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain('1 values re-sealed');
    expect(rotated.stdout).toContain('No stored value uses an older key now');
    // Not a terminal here: one plain line per step instead of a bar.
    expect(rotated.stderr).toContain('staff_users.email_enc: 1 done');

    const handle = target.open();
    try {
      const row = await handle.db.selectFrom('staff_users').select(['id', 'email_enc']).executeTakeFirstOrThrow();
      // Re-sealed under the new key and bound to its row on the way.
      expect(new FieldCipher(newKey).open(row.email_enc ?? '', `${SEALED.staffEmail}:${row.id}`)).toBe('admin-1@mail.example.org');
      expect(() => new FieldCipher(oldKey).open(row.email_enc ?? '', `${SEALED.staffEmail}:${row.id}`)).toThrow();
    } finally {
      await handle.close();
    }
  });
});
