import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import type { AuditTrailResponse } from '../../../shared/api/audit.js';

describe.each(testDialects())('the audit console API on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  let handler: SignedIn;
  let kase: MadeCase;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signInAs(t, 'admin');
    handler = await signInAs(t, 'handler');
    kase = await makeCase(t);
  });
  afterAll(async () => { await t.close(); });

  function get(who: SignedIn | null, url: string) {
    return t.app.inject({ method: 'GET', url, headers: who === null ? {} : { cookie: who.cookie } });
  }
  async function read(who: SignedIn, url: string): Promise<AuditTrailResponse> {
    const response = await get(who, url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditTrailResponse>();
  }
  const viewAs = async (who: SignedIn, reference: string) => {
    expect((await get(who, `/api/v1/cases/${reference}`)).statusCode).toBe(200);
  };

  it('walks 401, 400, 403 and 404 before an admin reads a case\'s trail', async () => {
    expect((await get(null, `/api/v1/cases/${kase.reference}/audit`)).statusCode).toBe(401);
    expect((await get(admin, `/api/v1/cases/${kase.reference}/audit?before=abc`)).statusCode).toBe(400);
    expect((await get(admin, `/api/v1/cases/${kase.reference}/audit?limit=0`)).statusCode).toBe(400);
    expect((await get(handler, `/api/v1/cases/${kase.reference}/audit`)).statusCode).toBe(403);
    expect((await get(admin, '/api/v1/cases/HV-2026-999999/audit')).statusCode).toBe(404);
  });

  it('shows who viewed the case and when, newest first, and the chain intact', async () => {
    await viewAs(handler, kase.reference);
    const page = await read(admin, `/api/v1/cases/${kase.reference}/audit`);
    expect(page.chain).toMatchObject({ ok: true });
    const actions = page.entries.map((e) => e.action);
    expect(actions).toContain('case.reported');
    const viewed = page.entries.find((e) => e.action === 'case.viewed');
    expect(viewed?.actor).toEqual({ kind: 'staff', id: handler.userId, username: handler.username });
    expect(viewed?.caseReference).toBe(kase.reference);
    const seqs = page.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('audits each reading of the trail, so the next reader sees who looked', async () => {
    await read(admin, `/api/v1/cases/${kase.reference}/audit`);
    const page = await read(admin, `/api/v1/cases/${kase.reference}/audit`);
    expect(page.entries[0]).toMatchObject({ action: 'audit.case_trail_read', actor: { id: admin.userId } });
  });

  it('pages by cursor without gaps or repeats, the chain given with the first page only', async () => {
    for (let i = 0; i < 4; i += 1) await viewAs(handler, kase.reference);
    const seen: number[] = [];
    let url = `/api/v1/cases/${kase.reference}/audit?limit=3`;
    let first = true;
    for (;;) {
      const page = await read(admin, url);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      expect(page.chain === null).toBe(!first);
      seen.push(...page.entries.map((e) => e.seq));
      if (page.next === null) break;
      url = `/api/v1/cases/${kase.reference}/audit?limit=3&before=${page.next}`;
      first = false;
    }
    const all = await t.ctx.db.selectFrom('audit_log').select('seq').where('case_id', '=', kase.id).orderBy('seq', 'desc').execute();
    // Every entry about the case but the reads this walk itself appended after its first page.
    const expected = all.map((r) => r.seq).filter((seq) => seq <= (seen[0] ?? 0));
    expect(seen).toEqual(expected);
  });

  it('answers 404 for a restricted case to an admin outside its group, as for no case', async () => {
    const restricted = await makeCase(t, { restrictedToGroup: 'escalation-team' });
    const response = await get(admin, `/api/v1/cases/${restricted.reference}/audit`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual((await get(admin, '/api/v1/cases/HV-2026-999998/audit')).json());
  });

  it('shows what one staff member did, only on cases the reader may open', async () => {
    const restricted = await makeCase(t, { restrictedToGroup: 'escalation-team' });
    const member = await makeStaff(t, { role: 'handler', username: 'group-member' });
    await t.ctx.db.insertInto('staff_group_members').values({ group_id: 'escalation-team', user_id: member.id, added_at: t.ctx.now().toISOString() }).execute();
    const memberSession = await signInStaff(t, member);
    await viewAs(memberSession, kase.reference);
    await viewAs(memberSession, restricted.reference);
    const page = await read(admin, `/api/v1/audit/staff/${member.id}`);
    const viewed = page.entries.filter((e) => e.action === 'case.viewed').map((e) => e.caseReference);
    expect(viewed).toEqual([kase.reference]);
    expect(page.entries.map((e) => e.action)).toContain('staff.signed_in');
    expect(page.chain).toMatchObject({ ok: true });
  });

  it('refuses a staff trail to non-admins (403) and to admins of other desks (404)', async () => {
    expect((await get(null, `/api/v1/audit/staff/${handler.userId}`)).statusCode).toBe(401);
    expect((await get(admin, '/api/v1/audit/staff/not-a-uuid')).statusCode).toBe(400);
    expect((await get(handler, `/api/v1/audit/staff/${admin.userId}`)).statusCode).toBe(403);
    const otherDesk = await makeDesk(t, { slug: 'other-desk' });
    const otherAdmin = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: otherDesk }));
    expect((await get(otherAdmin, `/api/v1/audit/staff/${handler.userId}`)).statusCode).toBe(404);
  });

  it('reports a broken chain and where it breaks', async () => {
    const victim = await t.ctx.db.selectFrom('audit_log').select('seq').where('case_id', '=', kase.id).orderBy('seq').executeTakeFirstOrThrow();
    // Someone with the database in hand lifts the append-only guard and edits an entry.
    if (dialect === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(t.ctx.db);
    else await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(t.ctx.db);
    await t.ctx.db.updateTable('audit_log').set({ actor_id: 'someone-else' }).where('seq', '=', victim.seq).execute();
    const page = await read(admin, `/api/v1/cases/${kase.reference}/audit`);
    expect(page.chain).toMatchObject({ ok: false, brokenAt: victim.seq });
  });
});
