import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../tests/support/test-app.js';
import { listDeskRolesOf } from '../db/repositories/staff-desk-roles.js';
import { verifyAuditChain } from '../db/repositories/audit-log.js';
import { emptyTarget, runCli, type Target } from './cli.test-helpers.js';

const PASSWORD = 'a perfectly long password\n';

describe.each(testDialects())('desks and roles from the haven command on %s', (dialect) => {
  let target: Target;
  beforeAll(async () => { target = await emptyTarget(dialect); });
  afterAll(async () => { await target.dispose(); });

  async function inDatabase<T>(read: (handle: ReturnType<Target['open']>) => Promise<T>): Promise<T> {
    const handle = target.open();
    try {
      return await read(handle);
    } finally {
      await handle.close();
    }
  }
  const rolesOf = (username: string) => inDatabase(async (handle) => {
    const user = await handle.db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return (await listDeskRolesOf(handle.db, user.id)).map((r) => [r.slug, r.role]);
  });
  const auditActions = () => inDatabase(async (handle) => (await handle.db.selectFrom('audit_log').select(['action', 'detail']).orderBy('seq').execute())
    .map((row) => ({ action: row.action, detail: JSON.parse(row.detail) as Record<string, unknown> })));

  it('adds desks and lists them, the default first', async () => {
    const added = await runCli(['desk', 'add', '--slug', 'events', '--name', 'Events team', '--reporter-name', 'Community events'], target.env);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('events');
    expect((await runCli(['desk', 'add', '--slug', 'arbcom', '--name', 'Arbitration committee'], target.env)).code).toBe(0);
    const listed = await runCli(['desk', 'list'], target.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 3))).toEqual([
      ['main', 'Haven', 'reporters see: Haven'],
      ['arbcom', 'Arbitration committee', 'reporters see: Arbitration committee'],
      ['events', 'Events team', 'reporters see: Community events'],
    ]);
    const created = (await auditActions()).filter((a) => a.action === 'desk.created').map((a) => a.detail.slug);
    expect(created).toEqual(['events', 'arbcom']);
  });

  it.each([
    ['a slug that is taken', ['--slug', 'events', '--name', 'Again'], /already a desk events/],
    ['a slug with capitals', ['--slug', 'Events', '--name', 'Events'], /slug/],
    ['an empty name', ['--slug', 'blank', '--name', '  '], /name/],
  ])('refuses %s with a clear message, adding nothing', async (_label, args, message) => {
    const before = (await runCli(['desk', 'list'], target.env)).stdout;
    const result = await runCli(['desk', 'add', ...args], target.env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^haven: /);
    expect(result.stderr).toMatch(message);
    expect((await runCli(['desk', 'list'], target.env)).stdout).toBe(before);
  });

  it('creates accounts on the default desk or the one named', async () => {
    expect((await runCli(['user', 'add', '--username', 'dana', '--role', 'handler', '--password-stdin'], target.env, PASSWORD)).code).toBe(0);
    const onEvents = await runCli(['user', 'add', '--username', 'eve', '--role', 'admin', '--desk', 'events', '--password-stdin'], target.env, PASSWORD);
    expect(onEvents.code).toBe(0);
    expect(onEvents.stdout).toContain('events');
    expect(await rolesOf('dana')).toEqual([['main', 'handler']]);
    expect(await rolesOf('eve')).toEqual([['events', 'admin']]);
    const unknown = await runCli(['user', 'add', '--username', 'nobody', '--role', 'handler', '--desk', 'nowhere', '--password-stdin'], target.env, PASSWORD);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no desk "nowhere"/);
    expect((await auditActions()).filter((a) => a.action === 'staff.created').map((a) => a.detail.username)).toEqual(['dana', 'eve']);
  });

  it('grants, changes and takes away roles desk by desk, each change audited', async () => {
    const grant = (username: string, desk: string, role: string) => runCli(['user', 'grant', '--username', username, '--desk', desk, '--role', role], target.env);
    expect((await grant('dana', 'events', 'reviewer')).code).toBe(0);
    expect((await grant('dana', 'events', 'escalation')).stdout).toContain('was reviewer');
    expect(await rolesOf('dana')).toEqual([['main', 'handler'], ['events', 'escalation']]);
    const revoked = await runCli(['user', 'revoke', '--username', 'dana', '--desk', 'main'], target.env);
    expect(revoked.code).toBe(0);
    expect(await rolesOf('dana')).toEqual([['events', 'escalation']]);
    // Nothing to take away: nothing changes, nothing is audited.
    expect((await runCli(['user', 'revoke', '--username', 'dana', '--desk', 'main'], target.env)).stdout).toContain('nothing changed');
    const changes = (await auditActions()).filter((a) => a.action.startsWith('staff.role_')).map((a) => [a.action, a.detail.role, a.detail.previous ?? null]);
    expect(changes).toEqual([['staff.role_granted', 'reviewer', null], ['staff.role_granted', 'escalation', 'reviewer'], ['staff.role_revoked', 'handler', null]]);
    expect(await inDatabase((handle) => verifyAuditChain(handle.db))).toMatchObject({ ok: true });
  });

  it.each([
    ['an unknown role', ['grant', '--username', 'dana', '--desk', 'main', '--role', 'owner'], /role must be one of/],
    ['an unknown account', ['grant', '--username', 'nobody', '--desk', 'main', '--role', 'handler'], /no account named nobody/],
    ['an unknown desk', ['revoke', '--username', 'dana', '--desk', 'nowhere'], /no desk "nowhere"/],
  ])('refuses %s, changing nothing', async (_label, args, message) => {
    const before = await rolesOf('dana');
    const result = await runCli(['user', ...args], target.env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(await rolesOf('dana')).toEqual(before);
  });

  it('sets a desk\'s limits on evidence files, audited, and refuses limits beyond the ceiling', async () => {
    const limitsOf = (slug: string) => inDatabase(async (handle) => handle.db.selectFrom('desks')
      .select(['evidence_file_limit', 'evidence_file_max_bytes']).where('slug', '=', slug).executeTakeFirstOrThrow());
    expect(await limitsOf('events')).toEqual({ evidence_file_limit: 5, evidence_file_max_bytes: 10 * 1024 * 1024 });
    const set = await runCli(['desk', 'files', '--slug', 'events', '--max-files', '3', '--max-mb', '2'], target.env);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(await limitsOf('events')).toEqual({ evidence_file_limit: 3, evidence_file_max_bytes: 2 * 1024 * 1024 });
    expect((await auditActions()).filter((a) => a.action === 'desk.evidence_file_limits_set').map((a) => [a.detail.maxFiles, a.detail.maxBytes]))
      .toEqual([[3, 2 * 1024 * 1024]]);
    for (const args of [['--max-files', '50', '--max-mb', '2'], ['--max-files', '3', '--max-mb', '500'], ['--max-files', 'many', '--max-mb', '2']]) {
      const refused = await runCli(['desk', 'files', '--slug', 'events', ...args], target.env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/^haven: /);
    }
    expect(await limitsOf('events')).toEqual({ evidence_file_limit: 3, evidence_file_max_bytes: 2 * 1024 * 1024 });
    expect(await inDatabase((handle) => verifyAuditChain(handle.db))).toMatchObject({ ok: true });
  });
});
