import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, type FiledReport } from '../../../../tests/support/intake.js';
import { adjustCase, makeCase, makeParty, staffActor } from '../../../../tests/support/factories.js';
import { findCase } from '../../../db/repositories/cases.js';
import { newId } from '../../../shared/ids.js';
import { listCaseQueue } from '../../../services/list-queue.js';
import type { QueueResponse as QueueBody } from '../../../shared/api/cases.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

describe.each(testDialects())('GET /api/v1/cases?q= (full-text search) on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let heron: FiledReport;
  let kestrel: FiledReport;
  let both: FiledReport;
  let restricted: FiledReport;

  function search(q: string, extra = '', who: SignedIn | null = handler) {
    return t.app.inject({
      method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent(q)}${extra}`, headers: who === null ? {} : { cookie: who.cookie },
    });
  }
  async function found(q: string, extra = ''): Promise<string[]> {
    const response = await search(q, extra);
    expect(response.statusCode).toBe(200);
    return response.json<QueueBody>().cases.map((c) => c.reference);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    handler = await signInAs(t, 'handler');
    heron = await fileReport(t, { description: 'Insults about my heron photographs on the Talk page.', reportedAccounts: ['Grey_Wader'] });
    kestrel = await fileReport(t, { description: 'Repeated reverts of the kestrel article, then personal remarks.', category: 'hate', reportedAccounts: ['Hover-Hawk 7'] });
    both = await fileReport(t, { description: 'They mocked both the heron and the kestrel drawings at the café.', reportedAccounts: ['Grey_Wader', 'Third one'] });
    restricted = await makeCase(t, { description: 'A heron-related threat that only trust and safety may see.', restrictedToGroup: 'trust-and-safety' });
  });
  afterAll(async () => { await t.close(); });

  it('asks for a session first', async () => {
    expect((await search('heron', '', null)).statusCode).toBe(401);
  });

  it.each([['empty', ''], ['only spaces', '   '], ['too long', 'x'.repeat(201)], ['a NUL', 'heron\u0000']])(
    'refuses a query that is %s with a 400 naming q', async (_label, q) => {
      const response = await search(q);
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.fields?.map((f) => f.path)).toContain('q');
    });

  it('finds words of the report text, whole and regardless of case, most urgent first', async () => {
    expect(await found('HERON')).toEqual([heron.reference, both.reference]);
    expect(await found('kestrel')).toEqual([kestrel.reference, both.reference]);
    expect(await found('photograph')).toEqual([]);
    expect(await found('cafe')).toEqual(dialect === 'sqlite' ? [both.reference] : []);
  });

  it('does not match the queue state the index keeps beside the words', async () => {
    expect(await found('open')).toEqual([]);
    expect(await found('new')).toEqual([]);
  });

  it('needs every word to match', async () => {
    expect(await found('heron kestrel')).toEqual([both.reference]);
    expect(await found('heron albatross')).toEqual([]);
  });

  it('finds reported accounts, including names with spaces, underscores and hyphens', async () => {
    expect(await found('Grey_Wader')).toEqual([heron.reference, both.reference]);
    expect(await found('Hover-Hawk')).toEqual([kestrel.reference]);
    const response = await search('Grey_Wader');
    expect(response.json<QueueBody>().cases[1]?.reportedAccounts).toEqual(['Grey_Wader', 'Third one']);
  });

  it('combines with the queue filters and pages with the same cursor', async () => {
    expect(await found('kestrel', '&category=hate')).toEqual([kestrel.reference]);
    expect(await found('heron', '&status=closed')).toEqual([]);
    const first = (await search('heron', '&limit=1')).json<QueueBody>();
    expect(first.cases.map((c) => c.reference)).toEqual([heron.reference]);
    expect(first.nextCursor).not.toBeNull();
    expect(await found('heron', `&limit=1&cursor=${first.nextCursor ?? ''}`)).toEqual([both.reference]);
  });

  it.each([
    'heron" OR "kestrel', 'heron OR kestrel', 'NOT heron', 'NEAR(heron kestrel)', 'report_text:heron', 'accounts : Grey',
    'her*', '^heron', '(heron)', '"', '""', '-', '*', 'AND', '\'; DROP TABLE cases; --', '{report_text accounts}: heron', '+heron',
    'state : open', 'open', 'new', ') OR (kestrel', '{state}: open',
  ])('takes FTS syntax literally, never as operators: %s', async (q) => {
    const response = await search(q);
    expect(response.statusCode).toBe(200);
    const references = response.json<QueueBody>().cases.map((c) => c.reference);
    expect(references).not.toContain(kestrel.reference);
    expect(references).not.toContain(restricted.reference);
  });

  it('leaves out restricted cases for staff outside the group, as the queue does', async () => {
    expect(await found('threat')).toEqual([]);
    const member = { ...(await staffActor(t, handler.userId)), groups: ['trust-and-safety'] };
    const page = await listCaseQueue(t.ctx, member, { q: 'threat', limit: 10 });
    expect(page.cases.map((c) => c.reference)).toEqual([restricted.reference]);
  });

  // Raw writes on purpose: this test is about the index triggers, for rows no service writes.
  it('finds a case inserted outside intake, even one changed before it was indexed', async () => {
    const at = new Date().toISOString();
    const deskId = (await t.ctx.db.selectFrom('desks').select('id').executeTakeFirstOrThrow()).id;
    const row = (id: string, reference: string, text: string) => ({
      id, reference, desk_id: deskId, status: 'new', is_open: 1, category: 'other', severity: 'normal', venue: null, reporter_role: 'target',
      immediate_danger: 0, language: 'en', report_text: text, source: 'api', assignee_id: null, restricted_to_group: null,
      received_at: at, first_response_due_at: at, first_responded_at: null, next_update_due_at: null, urgent_at: at,
      outcome: null, closed_at: null, updated_at: at, search_accounts: '',
    });
    const first = newId();
    await t.ctx.db.insertInto('cases').values(row(first, 'HV-2026-900001', 'An imported report about a cormorant.')).execute();
    await t.ctx.db.insertInto('cases').values(row(newId(), 'HV-2026-900002', 'Another imported one, about a grebe.')).execute();
    await t.ctx.db.updateTable('cases').set({ report_text: 'An imported report about a shag.' }).where('id', '=', first).execute();
    expect(await found('cormorant')).toEqual([]);
    expect(await found('shag')).toEqual(['HV-2026-900001']);
    expect(await found('grebe')).toEqual(['HV-2026-900002']);
    if (dialect === 'sqlite') await sql`INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 1)`.execute(t.ctx.db);
  });

  it('follows changes to the report text and the reported accounts, and forgets deleted cases', async () => {
    const kase = await findCase(t.ctx.db, { reference: kestrel.reference });
    if (kase === null) throw new Error('missing case');
    // No service edits a report's text or deletes parties or cases: these raw writes test the index triggers.
    await t.ctx.db.updateTable('cases').set({ report_text: 'Now about a nightjar instead.' }).where('id', '=', kase.id).execute();
    expect(await found('kestrel')).toEqual([both.reference]);
    expect(await found('nightjar')).toEqual([kestrel.reference]);

    await makeParty(t, kase.id, { role: 'reported', username: 'Late-Addition' });
    expect(await found('Late-Addition')).toEqual([kestrel.reference]);
    await t.ctx.db.deleteFrom('case_parties').where('case_id', '=', kase.id).where('username', '=', 'Hover-Hawk 7').execute();
    expect(await found('Hover-Hawk')).toEqual([]);
    expect(await found('nightjar Late-Addition')).toEqual([kestrel.reference]);

    await adjustCase(t, kase.id, { status: 'closed' });
    expect(await found('nightjar')).toEqual([]);
    expect(await found('nightjar', '&status=closed')).toEqual([kestrel.reference]);
    await adjustCase(t, kase.id, { status: 'investigating' });
    expect(await found('nightjar')).toEqual([kestrel.reference]);
    expect(await found('nightjar', '&status=investigating')).toEqual([kestrel.reference]);
    expect(await found('nightjar', '&status=new')).toEqual([]);

    await t.ctx.db.deleteFrom('cases').where('id', '=', kase.id).execute();
    expect(await found('nightjar')).toEqual([]);
    if (dialect === 'sqlite') {
      // FTS5 compares its index with the content it points at; a stale entry would fail here.
      await sql`INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 1)`.execute(t.ctx.db);
    }
  });
});
