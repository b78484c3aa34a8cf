import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../tests/support/test-app.js';
import { newId } from '../../shared/ids.js';
import type { HavenDb } from '../connection.js';
import { insertEventsQuery, type NewEvent } from './case-events.js';
import { insertCasesQuery, type NewCaseRow } from './cases.js';
import { insertTogether } from './insert-together.js';

const at = new Date('2026-03-02T10:00:00.000Z');

function caseRow(reference: string, deskId: string): NewCaseRow {
  return {
    id: newId(at.getTime()), reference, desk_id: deskId, status: 'new', is_open: 1, category: 'hounding', severity: 'normal', venue: null,
    reporter_role: 'target', immediate_danger: 0, language: 'en', report_text: 'text', source: 'api', assignee_id: null,
    restricted_to_group: null, outcome: null, received_at: at, first_response_due_at: at, urgent_at: at,
  };
}

function event(caseId: string): NewEvent {
  return { id: newId(at.getTime()), caseId, type: 'report_received', at, actorKind: 'reporter', actorId: null, detail: null };
}

describe.each(testDialects())('insertTogether on %s', (dialect) => {
  let database: TestDatabase;
  let db: HavenDb;
  let deskId: string;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.handle.db;
    deskId = (await db.selectFrom('desks').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => { await database.dispose(); });

  const count = async (reference: string) => (await db.selectFrom('cases').select('id').where('reference', '=', reference).execute()).length;

  it('inserts rows that refer to each other, skipping the empty inserts', async () => {
    const kase = caseRow('HV-2026-900001', deskId);
    await db.transaction().execute((trx) => insertTogether(trx, dialect, [
      insertCasesQuery(trx, [kase]), insertEventsQuery(trx, []), insertEventsQuery(trx, [event(kase.id), event(kase.id)]),
    ]));
    expect(await count(kase.reference)).toBe(1);
    const events = await db.selectFrom('case_events').select('id').where('case_id', '=', kase.id).execute();
    expect(events).toHaveLength(2);
    await insertTogether(db, dialect, [null, insertEventsQuery(db, [])]);
  });

  it('fails as a whole when one row breaks a foreign key, and the transaction stores nothing', async () => {
    const kase = caseRow('HV-2026-900002', deskId);
    await expect(db.transaction().execute((trx) => insertTogether(trx, dialect, [
      insertCasesQuery(trx, [kase]), insertEventsQuery(trx, [event(kase.id), event('no-such-case')]),
    ]))).rejects.toThrow(/foreign key/i);
    expect(await count(kase.reference)).toBe(0);
  });
});
