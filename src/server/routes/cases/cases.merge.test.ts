import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { auditDetails } from '../../../../tests/support/audit-details.js';
import { makeCase, makeDesk, makeMessage, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { findCase } from '../../../db/repositories/cases.js';
import type { ReporterCaseResponse } from '../../../shared/api/reporter.js';
import { HOUR, missingReference, type CaseBody, type ErrorBody } from './cases.test-helpers.js';
import { sealEvidenceFiles, sha256Hex } from '../../../services/evidence-file-sealing.js';
import { insertEvidenceFiles } from '../../../db/repositories/evidence-files.js';
import { pdfDocument } from '../../../../tests/support/evidence-fixtures.js';
import { newId } from '../../../shared/ids.js';

describe.each(testDialects())('POST /api/v1/cases/:reference/merge on %s', (dialect) => {
  const start = new Date('2026-04-06T09:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let outsider: SignedIn;

  const send = (method: 'GET' | 'POST', url: string, who: SignedIn | null, payload?: object) => t.app.inject({
    method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload === undefined ? {} : { payload }),
  });
  const merge = (kase: { reference: string }, payload: object, who: SignedIn | null = handler) => send('POST', `/api/v1/cases/${kase.reference}/merge`, who, payload);
  const view = async (reference: string) => (await send('GET', `/api/v1/cases/${reference}`, handler)).json<CaseBody>().case;
  async function asReporter(kase: MadeCase) {
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: kase.accessCode } });
    const cookie = session.cookies.find((c) => c.name === 'haven_reporter');
    return (await t.app.inject({ method: 'GET', url: '/api/v1/reporter/case', headers: { cookie: `haven_reporter=${cookie?.value ?? ''}` } })).json<ReporterCaseResponse>().case;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
    const other = await makeDesk(t, { slug: 'other', name: 'Other desk', reporterName: 'Another community' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  it('walks 401, 400, 403, 404, refuses merging into itself, another desk\'s or a closed case, and changes nothing', async () => {
    const duplicate = await makeCase(t, { desk: 'main' });
    const survivor = await makeCase(t, { desk: 'main' });
    const elsewhere = await makeCase(t, { desk: 'other' });
    const closed = await makeCase(t, { desk: 'main', status: 'closed' });
    const good = { into: survivor.reference, reason: 'The same edits, reported twice.' };
    const before = await tableCounts(t);
    expect((await merge(duplicate, good, null)).statusCode).toBe(401);
    for (const [payload, field] of [[{ ...good, into: 'HV-1' }, 'into'], [{ ...good, reason: ' ' }, 'reason'], [{ into: survivor.reference }, 'reason']] as const) {
      const refused = await merge(duplicate, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json<ErrorBody>().error.fields?.map((f) => f.path)).toContain(field);
    }
    expect((await merge(duplicate, good, reviewer)).statusCode).toBe(403);
    const hidden = await merge(duplicate, good, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<ErrorBody>()).toEqual((await merge({ reference: await missingReference(t) }, good, outsider)).json<ErrorBody>());
    for (const into of [duplicate.reference, elsewhere.reference, closed.reference, await missingReference(t)]) {
      const refused = await merge(duplicate, { ...good, into });
      expect(refused.statusCode, into).toBe(400);
      expect(refused.json<ErrorBody>().error.fields?.[0]?.path).toBe('into');
    }
    expect(await tableCounts(t)).toEqual(before);
    expect((await findCase(t.ctx.db, { id: duplicate.id }))?.status).toBe('new');
  });

  it('moves parties, evidence, messages, timeline and the promise; both references and the reporter\'s code keep working', async () => {
    const duplicate = await makeCase(t, {
      desk: 'main', contactEmail: 'second-reporter@example.org', description: 'The same user reverted all my edits again today.', reportedAccounts: ['Repeat_Account', 'Only_Here'],
    });
    const survivor = await makeCase(t, { desk: 'main', reportedAccounts: ['repeat account'] });
    const reporterParty = (await view(duplicate.reference)).parties.find((p) => p.role === 'reporter')?.id ?? '';
    const promised = new Date(start.getTime() + 5 * HOUR);
    const replied = await send('POST', `/api/v1/cases/${duplicate.reference}/replies`, handler, {
      partyId: reporterParty, body: 'Thank you; we are looking at it and will write again by this afternoon.', promiseUpdateBy: promised.toISOString(),
    });
    expect(replied.statusCode).toBe(201);
    await makeMessage(t, duplicate, { from: 'reporter', body: 'One more diff I forgot.' });
    // With bytes that are not UTF-8 (as in any real PDF or image), so a merge that opened the file as text would corrupt it.
    const bytes = Buffer.concat([Buffer.from(pdfDocument('An email the reporter received')), Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0xff, 0x80, 0xfe, 0x00])]);
    const fileId = newId(start.getTime());
    await insertEvidenceFiles(t.ctx.db, sealEvidenceFiles(t.ctx, duplicate.id, reporterParty, [
      { id: fileId, name: 'email.pdf', type: 'application/pdf', bytes, sha256: sha256Hex(bytes) },
    ], start));
    const survivorBefore = await view(survivor.reference);
    const duplicateBefore = await view(duplicate.reference);

    const reason = 'The same edits, reported twice.';
    const merged = await merge(duplicate, { into: survivor.reference, reason });
    expect(merged.statusCode).toBe(200);
    const body = merged.json<CaseBody>().case;
    expect(body.reference).toBe(survivor.reference);
    // Everything of both cases is on the survivor, and a person both name is listed once.
    const repeated = duplicateBefore.parties.find((p) => p.username === 'Repeat_Account');
    expect(body.parties.map((p) => p.id).sort()).toEqual([...survivorBefore.parties, ...duplicateBefore.parties].filter((p) => p !== repeated).map((p) => p.id).sort());
    expect(body.parties.filter((p) => p.role === 'reported').map((p) => p.username).sort()).toEqual(['Only_Here', 'repeat account']);
    expect(body.evidence.map((e) => e.id).sort()).toEqual([...survivorBefore.evidence, ...duplicateBefore.evidence].map((e) => e.id).sort());
    const eventIds = new Set(body.timeline.map((e) => e.id));
    for (const e of [...survivorBefore.timeline, ...duplicateBefore.timeline]) expect(eventIds.has(e.id), e.type).toBe(true);
    expect(body.timeline.find((e) => e.type === 'case_merged_in')?.detail).toEqual({ reference: duplicate.reference, reason });
    expect(body.nextUpdateDueAt).toBe(promised.toISOString());
    // The file moved, sealed again for the survivor: it opens there with the same bytes.
    expect(body.files.map((f) => f.id)).toEqual([fileId]);
    const opened = await send('GET', `/api/v1/cases/${survivor.reference}/files/${fileId}`, handler);
    expect(opened.statusCode).toBe(200);
    expect(Buffer.compare(opened.rawPayload, Buffer.from(bytes))).toBe(0);
    expect(body.notes.map((n) => n.body).join('\n')).toContain('The same user reverted all my edits again today.');

    // The old reference resolves to the survivor for staff.
    expect((await view(duplicate.reference)).reference).toBe(survivor.reference);
    const stored = await findCase(t.ctx.db, { id: duplicate.id });
    expect(stored).toMatchObject({ status: 'closed', outcome: 'duplicate', mergedIntoId: survivor.id });
    const ownEvents = await t.ctx.db.selectFrom('case_events').select('type').where('case_id', '=', duplicate.id).execute();
    expect(ownEvents.map((e) => e.type).sort()).toEqual(['case_merged_into', 'status_changed']);
    expect(await auditDetails(t, duplicate.id, 'case.merged')).toEqual([{ from: duplicate.id, into: survivor.id, parties: 2, evidence: 1, messages: 2, events: duplicateBefore.timeline.length, files: 1, repeatedReported: 1 }]);
    expect(await auditDetails(t, survivor.id, 'case.merged')).toHaveLength(1);

    // The duplicate's reporter still reads their own thread, and only theirs.
    const reporterView = await asReporter(duplicate);
    expect(reporterView.messages.map((m) => m.body)).toEqual([
      'Thank you; we are looking at it and will write again by this afternoon.', expect.stringContaining('One more diff I forgot.'),
    ]);
    const survivorReporter = await asReporter(survivor);
    expect(survivorReporter.messages).toEqual([]);

    // Merging it again is refused: its reference now leads to the survivor itself.
    expect((await merge(duplicate, { into: survivor.reference, reason })).statusCode).toBe(400);
  });

  it('keeps a merge from showing anyone what they were kept from: a restricted case only into the same group, and recusals carried over', async () => {
    const groupOf = async (deskSlug: string) => {
      const desk = await t.ctx.db.selectFrom('desks').select('id').where('slug', '=', deskSlug).executeTakeFirstOrThrow();
      return (await t.ctx.db.selectFrom('staff_groups').select('id').where('desk_id', '=', desk.id).where('escalation', '=', 1).executeTakeFirstOrThrow()).id;
    };
    const escalation = await groupOf('main');
    const member = await signInAs(t, 'escalation');
    await t.ctx.db.insertInto('staff_group_members').values({ group_id: escalation, user_id: member.userId, added_at: start.toISOString() }).onConflict((oc) => oc.doNothing()).execute();
    const restricted = await makeCase(t, { desk: 'main' });
    const open = await makeCase(t, { desk: 'main' });
    await t.ctx.db.updateTable('cases').set({ restricted_to_group: escalation }).where('id', '=', restricted.id).execute();
    const reason = 'One incident, two reports.';
    const before = await tableCounts(t);
    const refused = await merge(restricted, { into: open.reference, reason }, member);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorBody>().error.fields?.map((f) => f.path)).toEqual(['into']);
    expect(await tableCounts(t)).toEqual(before);

    // A handler recused from the duplicate is recused from the survivor it merges into.
    const recused = await signInAs(t, 'handler');
    const duplicate = await makeCase(t, { desk: 'main' });
    const survivor = await makeCase(t, { desk: 'main' });
    await t.ctx.db.insertInto('case_recusals').values({ case_id: duplicate.id, user_id: recused.userId, source: 'linked_account', created_at: start.toISOString() }).execute();
    expect((await send('GET', `/api/v1/cases/${survivor.reference}`, recused)).statusCode).toBe(200);
    expect((await merge(duplicate, { into: survivor.reference, reason })).statusCode).toBe(200);
    const missing = await send('GET', `/api/v1/cases/${await missingReference(t)}`, recused);
    const hidden = await send('GET', `/api/v1/cases/${survivor.reference}`, recused);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<ErrorBody>()).toEqual(missing.json<ErrorBody>());
    const carried = await t.ctx.db.selectFrom('case_recusals').select(['user_id', 'source']).where('case_id', '=', survivor.id).execute();
    expect(carried).toEqual([{ user_id: recused.userId, source: 'linked_account' }]);
  });
});
