import { statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '../../tests/support/test-app.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { DialectName } from '../db/dialect-name.js';
import { auditEntryHash, KEYED_FROM_COUNTER } from '../db/repositories/audit-log.js';
import { toDate } from '../db/schema.js';
import { emptyTarget, runCli, type Target } from './cli.test-helpers.js';

async function unguard(handle: DatabaseHandle, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(handle.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(handle.db);
  } else {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(handle.db);
  }
}

/** What someone holding the database but not the secret key can do: relink every entry from `from` on with plain SHA-256. */
async function recomputeWithoutKey(handle: DatabaseHandle, from: number): Promise<void> {
  const rows = await handle.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = rows.find((r) => r.seq === from - 1)?.hash ?? '0'.repeat(64);
  for (const r of rows.filter((row) => row.seq >= from)) {
    const hash = auditEntryHash(prev, r.seq, {
      at: toDate(r.at).toISOString(), actorKind: r.actor_kind, actorId: r.actor_id, action: r.action, caseId: r.case_id, detail: r.detail,
    });
    await handle.db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
    prev = hash;
  }
}

describe.each(testDialects())('the keyed audit chain and its exported head on %s', (dialect) => {
  let target: Target;
  let headFile: string;
  beforeEach(async () => {
    target = await emptyTarget(dialect);
    headFile = path.join(target.env.HAVEN_DATA_DIR ?? '', 'audit-head.json');
    expect((await runCli(['seed-demo'], target.env)).code).toBe(0);
    const exported = await runCli(['audit', 'export-head'], target.env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
  }, 180_000);
  afterEach(async () => { await target.dispose(); }, 60_000);

  it('keys every entry of a new install, exports the head owner-only, and verifies against it', async () => {
    const handle = target.open();
    try {
      const mark = await handle.db.selectFrom('counters').select('value').where('name', '=', KEYED_FROM_COUNTER).executeTakeFirst();
      expect(mark?.value).toBe(1);
    } finally {
      await handle.close();
    }
    expect(statSync(headFile).mode & 0o777).toBe(0o600);
    const head = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(headFile, 'utf8'))) as { entries: number; hash: string };
    expect(head.entries).toBeGreaterThan(3);
    const verified = await runCli(['audit', 'verify'], target.env);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`matches the head exported at`);
  }, 180_000);

  it('detects an edited entry whose later links were recomputed without the key, and a chain relinked whole', async () => {
    const handle = target.open();
    try {
      await unguard(handle, dialect);
      await handle.db.updateTable('audit_log').set({ detail: '{"forged":true}' }).where('seq', '=', 2).execute();
      await recomputeWithoutKey(handle, 2);
    } finally {
      await handle.close();
    }
    const edited = await runCli(['audit', 'verify'], target.env);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('broken at entry 2');

    // Drop the keyed mark and relink everything by the old, unkeyed rule: every link holds, but the head does not.
    const again = target.open();
    try {
      await again.db.deleteFrom('counters').where('name', '=', KEYED_FROM_COUNTER).execute();
      await recomputeWithoutKey(again, 1);
    } finally {
      await again.close();
    }
    const relinked = await runCli(['audit', 'verify'], target.env);
    expect(relinked.code).toBe(1);
    expect(relinked.stderr).toContain('does not match the head exported at');
    expect(relinked.stderr).toContain('was rewritten');
  }, 180_000);

  it('detects the newest entries removed, which leave every remaining link intact', async () => {
    const handle = target.open();
    try {
      await unguard(handle, dialect);
      const last = await handle.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
      await handle.db.deleteFrom('audit_log').where('seq', '>', last.seq - 3).execute();
    } finally {
      await handle.close();
    }
    const truncated = await runCli(['audit', 'verify'], target.env);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain('entries were removed from the end');
    // Against a copy of the head kept elsewhere, the same.
    const elsewhere = await runCli(['audit', 'verify', '--head', headFile], target.env);
    expect(elsewhere.code).toBe(1);
  }, 180_000);
});
