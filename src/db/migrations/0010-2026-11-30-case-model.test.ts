import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../tests/support/test-app.js';
import { makeReportInput } from '../../../tests/support/factories.js';
import { newId } from '../../shared/ids.js';
import { createStaffUser } from '../../services/create-staff-user.js';
import { submitReport } from '../../services/submit-report.js';
import { FieldCipher } from '../../services/security/field-cipher.js';
import type { ServiceContext } from '../../services/context.js';
import { migrateTo, migrateToLatest } from '../migrate.js';
import { findCase } from '../repositories/cases.js';
import { listEvents } from '../repositories/case-events.js';

const BEFORE = '0009-2026-11-26-reporter-access-by-party';
const start = Date.parse('2026-03-02T10:00:00.000Z');
const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();

describe.each(testDialects())('migration 0010 (event details as data) on %s', (dialect) => {
  let database: TestDatabase;
  let caseId: string;
  let alice: string;
  let messageId: string;
  // The timeline as Haven wrote it before 0010, English sentences and all.
  let oldEvents: { type: string; detail: string | null }[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const ctx: ServiceContext = {
      db: database.handle.db, dialect, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(start), sessionHours: 12, groupCommit: false,
    };
    alice = (await createStaffUser(ctx, { username: 'alice', role: 'handler', password: 'a long enough password' }, null)).id;
    await createStaffUser(ctx, { username: 'bob', role: 'handler', password: 'a long enough password' }, null);
    const report = await submitReport(ctx, makeReportInput(), 'api');
    const kase = await findCase(ctx.db, { reference: report.reference });
    if (kase === null) throw new Error('no case');
    caseId = kase.id;
    const reporter = await ctx.db.selectFrom('case_parties').select('id').where('case_id', '=', caseId).where('role', '=', 'reporter').executeTakeFirstOrThrow();

    // Back to the schema before 0010, then the rows the services of that version wrote.
    await migrateTo(database.handle, BEFORE);
    const text = 'Two more messages overnight → same account.\n{not JSON}';
    messageId = newId(start + 60 * 60_000);
    await ctx.db.insertInto('messages').values({
      id: messageId, case_id: caseId, audience: `party:${reporter.id}`, body: text, author_kind: 'reporter', author_id: reporter.id,
      created_at: at(60), promised_update_by: null,
    }).execute();
    await ctx.db.insertInto('evidence').values([1, 2].map((n) => ({
      id: newId(start + 60 * 60_000), case_id: caseId, kind: 'link', url: `https://wiki.example.org/diff=${n}`, supplied_by: 'reporter', added_at: at(60),
    }))).execute();
    const rows: [number, string, string, string | null, string | null][] = [
      [10, 'case_assigned', 'staff', alice, null],
      [20, 'status_changed', 'staff', alice, 'new → acknowledged'],
      [20, 'reply_sent', 'staff', alice, 'reporter'],
      [20, 'update_promised', 'staff', alice, at(3000)],
      [30, 'case_taken_over', 'staff', null, 'from alice'],
      [3000, 'promised_update_due', 'system', null, at(3000)],
      [4440, 'reply_owed_overdue', 'system', null, at(3000)],
      [60, 'reporter_added_information', 'reporter', reporter.id, text],
      [60, 'status_changed', 'reporter', reporter.id, 'closed → investigating'],
    ];
    await ctx.db.insertInto('case_events').values(rows.map(([minutes, type, actorKind, actorId, detail]) => ({
      id: newId(start + minutes * 60_000), case_id: caseId, type, at: at(minutes), actor_kind: actorKind, actor_id: actorId, detail,
    }))).execute();
    oldEvents = await storedEvents();
  });
  afterAll(async () => { await database.dispose(); });

  async function storedEvents() {
    return database.handle.db.selectFrom('case_events').select(['type', 'detail']).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
  }

  it('turns every old detail into the data of its type, so the case reads as before', async () => {
    // Later migrations follow it; this one runs first on a database the previous version made.
    expect((await migrateToLatest(database.handle))[0]).toBe('0010-2026-11-30-case-model');
    const events = await listEvents(database.handle.db, caseId);
    expect(events.map(({ type, detail }) => ({ type, detail }))).toEqual([
      { type: 'report_received', detail: null },
      { type: 'case_assigned', detail: null },
      { type: 'status_changed', detail: { from: 'new', to: 'acknowledged' } },
      { type: 'reply_sent', detail: { partyRole: 'reporter' } },
      { type: 'update_promised', detail: { promisedBy: at(3000) } },
      { type: 'case_taken_over', detail: { from: { id: alice, username: 'alice' } } },
      { type: 'reporter_added_information', detail: { messageId, links: 2 } },
      { type: 'status_changed', detail: { from: 'closed', to: 'investigating' } },
      { type: 'promised_update_due', detail: { dueAt: at(3000) } },
      { type: 'reply_owed_overdue', detail: { dueAt: at(3000) } },
    ]);
    const kase = await findCase(database.handle.db, { id: caseId });
    expect([kase?.requiresReview, kase?.requiredSignOffs]).toEqual([false, 2]);
  });

  it('gives the words back when rolled back, and the data again when run again', async () => {
    await migrateTo(database.handle, BEFORE);
    expect(await storedEvents()).toEqual(oldEvents);
    await migrateToLatest(database.handle);
    expect((await listEvents(database.handle.db, caseId)).find((e) => e.type === 'case_taken_over')?.detail).toEqual({ from: { id: alice, username: 'alice' } });
  });

  it('refuses to upgrade when an old event names a staff member who is not there', async () => {
    await migrateTo(database.handle, BEFORE);
    await database.handle.db.insertInto('case_events').values({
      id: newId(start), case_id: caseId, type: 'case_taken_over', at: at(5000), actor_kind: 'staff', actor_id: null, detail: 'from nobody',
    }).execute();
    await expect(migrateToLatest(database.handle)).rejects.toThrow(/0010-2026-11-30-case-model.*staff account/s);
    // Nothing of the failed run is left half done.
    expect(await storedEvents()).toEqual([...oldEvents, { type: 'case_taken_over', detail: 'from nobody' }]);
  });
});
