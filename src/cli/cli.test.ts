import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../tests/support/test-app.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { DialectName } from '../db/dialect-name.js';
import { buildApp } from '../server/app.js';
import { FieldCipher } from '../services/security/field-cipher.js';
import { MIN_PASSWORD_LENGTH } from '../services/create-staff-user.js';
import { STAFF_ROLES } from '../domain/access-policy.js';
import { emptyTarget, runCli, type Target } from './cli.test-helpers.js';

async function countRows(handle: DatabaseHandle, table: 'cases' | 'staff_users' | 'audit_log'): Promise<number> {
  const row = await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** Staff accounts, or 0 when nothing has created the table yet; any other database error fails the test. */
async function countStaffIfMigrated(handle: DatabaseHandle, dialect: DialectName): Promise<number> {
  // Asked of this database (SQLite) or this schema (PostgreSQL's search path), not of its neighbours.
  const found = dialect === 'sqlite'
    ? await sql<{ name: string | null }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'staff_users'`.execute(handle.db)
    : await sql<{ name: string | null }>`SELECT to_regclass('staff_users')::text AS name`.execute(handle.db);
  return (found.rows[0]?.name ?? null) === null ? 0 : countRows(handle, 'staff_users');
}

describe.each(testDialects())('the haven command on %s', (dialect) => {
  describe('migrate', () => {
    let target: Target;
    beforeAll(async () => { target = await emptyTarget(dialect); });
    afterAll(async () => { await target.dispose(); });

    it('applies the migrations once, then reports the database is up to date', async () => {
      const first = await runCli(['migrate'], target.env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Applied: 0001-/);
      const second = await runCli(['migrate'], target.env);
      expect(second.code).toBe(0);
      expect(second.stdout).toBe('The database is up to date.\n');
      const handle = target.open();
      try {
        const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
        expect(tables).toEqual(expect.arrayContaining(['cases', 'audit_log', 'staff_users', 'jobs']));
      } finally {
        await handle.close();
      }
    });
  });

  describe('user add', () => {
    let target: Target;
    beforeAll(async () => { target = await emptyTarget(dialect); });
    afterAll(async () => { await target.dispose(); });

    async function signIn(username: string, password: string): Promise<number> {
      const handle = target.open();
      try {
        const app = await buildApp({
          config: { publicUrl: 'http://localhost:3000', secureCookies: false, trustProxy: false, logLevel: 'silent' },
          ctx: { db: handle.db, dialect, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(), sessionHours: 12 },
        });
        try {
          const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
          return response.statusCode;
        } finally {
          await app.close();
        }
      } finally {
        await handle.close();
      }
    }

    it('creates an account from a password on standard input, and it can sign in', async () => {
      const username = `first-admin-${dialect}`;
      const password = 'correct horse battery staple';
      const result = await runCli(['user', 'add', '--username', username, '--role', 'admin', '--password-stdin'], target.env, `${password}\n`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(username);
      expect(result.stdout).not.toContain(password);
      expect(await signIn(username, password)).toBe(200);
      expect(await signIn(username, `${password}!`)).toBe(401);
    });

    it('takes a password without a final newline', async () => {
      const password = 'no newline at the end of this one';
      const result = await runCli(['user', 'add', '--username', 'piped-handler', '--role', 'handler', '--password-stdin'], target.env, password);
      expect(result.code).toBe(0);
      expect(await signIn('piped-handler', password)).toBe(200);
    });

    it.each([
      ['a too-short password', ['--username', 'short-pass', '--role', 'handler'], 'x'.repeat(MIN_PASSWORD_LENGTH - 1), new RegExp(`at least ${MIN_PASSWORD_LENGTH} characters`)],
      ['an unknown role', ['--username', 'bad-role', '--role', 'superuser'], 'a perfectly long password', new RegExp(STAFF_ROLES.join(', '))],
      ['an invalid username', ['--username', 'has spaces in it', '--role', 'handler'], 'a perfectly long password', /username/i],
      ['an empty password', ['--username', 'empty-pass', '--role', 'handler'], '\n', new RegExp(`at least ${MIN_PASSWORD_LENGTH} characters`)],
      ['an invalid reminder address', ['--username', 'bad-mail', '--role', 'handler', '--email', 'not an address'], 'a perfectly long password', /email address for reminders/],
    ])('refuses %s with a clear message and a failing exit code', async (_label, args, input, message) => {
      const handle = target.open();
      let before: number;
      try {
        before = await countStaffIfMigrated(handle, dialect);
      } finally {
        await handle.close();
      }
      const result = await runCli(['user', 'add', ...args, '--password-stdin'], target.env, input);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^haven: /);
      expect(result.stderr).toMatch(message);
      // A clear message, not a stack trace.
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const after = target.open();
      try {
        expect(await countStaffIfMigrated(after, dialect)).toBe(before);
      } finally {
        await after.close();
      }
    });

    it('keeps a reminder address sealed, never in clear in the database', async () => {
      const address = `reminders-${dialect}@example.org`;
      const result = await runCli(['user', 'add', '--username', `with-mail-${dialect}`, '--role', 'handler', '--email', address, '--password-stdin'], target.env, 'a perfectly long password\n');
      expect(result.code).toBe(0);
      const handle = target.open();
      try {
        const row = await handle.db.selectFrom('staff_users').select('email_enc').where('username', '=', `with-mail-${dialect}`).executeTakeFirstOrThrow();
        expect(row.email_enc).not.toBeNull();
        expect(row.email_enc).not.toContain(address);
        expect(row.email_enc).not.toContain('example.org');
      } finally {
        await handle.close();
      }
    });

    it('refuses a username that is taken, keeping the first password', async () => {
      const first = await runCli(['user', 'add', '--username', 'taken-name', '--role', 'handler', '--password-stdin'], target.env, 'the first long password\n');
      expect(first.code).toBe(0);
      const second = await runCli(['user', 'add', '--username', 'taken-name', '--role', 'admin', '--password-stdin'], target.env, 'the second long password\n');
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/already an account named taken-name/);
      expect(await signIn('taken-name', 'the first long password')).toBe(200);
      expect(await signIn('taken-name', 'the second long password')).toBe(401);
    });

    it('refuses to take the password from anywhere but standard input', async () => {
      const result = await runCli(['user', 'add', '--username', 'no-stdin', '--role', 'handler'], target.env, 'a perfectly long password\n');
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('--password-stdin');
      const unknown = await runCli(['user', 'add', '--username', 'x1', '--role', 'handler', '--password', 'on the command line'], target.env);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toMatch(/Unknown option '--password'/);
    });
  });

  describe('seed-demo', () => {
    let target: Target;
    beforeAll(async () => { target = await emptyTarget(dialect); });
    afterAll(async () => { await target.dispose(); });

    it('fills an empty database with cases, then refuses to seed again', async () => {
      const first = await runCli(['seed-demo'], target.env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const references = first.stdout.match(/HV-\d{4}-\d{6}/g) ?? [];
      expect(references.length).toBeGreaterThan(0);
      const handle = target.open();
      let count: number;
      try {
        count = await countRows(handle, 'cases');
        expect(count).toBe(references.length);
        const stored = await handle.db.selectFrom('cases').select('reference').execute();
        expect(stored.map((r) => r.reference).sort()).toEqual([...references].sort());
      } finally {
        await handle.close();
      }

      const second = await runCli(['seed-demo'], target.env);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/already has cases/);
      const after = target.open();
      try {
        expect(await countRows(after, 'cases')).toBe(count);
      } finally {
        await after.close();
      }
    });
  });
  describe('audit verify', () => {
    let target: Target;
    beforeAll(async () => { target = await emptyTarget(dialect); });
    afterAll(async () => { await target.dispose(); });

    it('passes on an intact chain and names the first broken entry after tampering', async () => {
      expect((await runCli(['seed-demo'], target.env)).code).toBe(0);
      const handle = target.open();
      let entries: number;
      try {
        entries = await countRows(handle, 'audit_log');
      } finally {
        await handle.close();
      }
      const intact = await runCli(['audit', 'verify'], target.env);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain(`${entries} entries`);

      // Forge the detail of the second entry behind the append-only guard's back.
      const forged = target.open();
      try {
        if (dialect === 'sqlite') {
          await sql`DROP TRIGGER audit_log_no_update`.execute(forged.db);
        } else {
          await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(forged.db);
        }
        await forged.db.updateTable('audit_log').set({ detail: '{"forged":true}' }).where('seq', '=', 2).execute();
      } finally {
        await forged.close();
      }
      const broken = await runCli(['audit', 'verify'], target.env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('broken at entry 2');
    });
  });
});
