import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../tests/support/test-app.js';
import { fileReport, tableCounts } from '../../../tests/support/intake.js';
import { makeDesk, makeStaff, signInStaff } from '../../../tests/support/factories.js';
import { rawDatabaseText } from '../../../tests/support/raw-database-text.js';
import { auditDetails } from '../../../tests/support/audit-details.js';
import { multipartForm, type FormFile } from '../../../tests/support/multipart.js';
import { fakePng, jpegWithGps, MARKERS, pdfDocument, pngImage } from '../../../tests/support/evidence-fixtures.js';
import { listAuditForCase } from '../../db/repositories/audit-log.js';
import { findCase } from '../../db/repositories/cases.js';
import { listEvents } from '../../db/repositories/case-events.js';
import { setDeskFileLimits } from '../../services/set-desk-file-limits.js';
import { EVIDENCE_FILE_CEILING } from '../../domain/evidence-files.js';
import type { CaseDetail } from '../../shared/api/cases.js';
import { escaped, freshFormToken, t_ } from './public-pages.test-helpers.js';

const REPORT = {
  reporterRole: 'target', reportedAccounts: 'Reported-with-files', targetAccount: '', links: '',
  description: 'They sent me these messages privately; the screenshots are attached.', category: 'hounding',
  immediateDanger: 'no', contactEmail: '', language: 'en', desk: 'main',
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(testDialects())('evidence files on %s', (dialect) => {
  let t: TestApp;
  let handler: SignedIn;
  let outsider: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    handler = await signInAs(t, 'handler');
    const other = await makeDesk(t, { slug: 'elsewhere', name: 'Another desk', reporterName: 'Another community' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  const staffGet = (url: string, who: SignedIn | null) => t.app.inject({ method: 'GET', url, headers: who === null ? {} : { cookie: who.cookie } });

  /** Sends the report form with files, follows it to the receipt; the receipt page and the case as a handler sees it. */
  async function reportWithFiles(files: FormFile[], fields: Record<string, string> = {}) {
    const formToken = await freshFormToken(t.app);
    const { payload, headers } = multipartForm({ ...REPORT, ...fields, formToken }, files);
    const posted = await t.app.inject({ method: 'POST', url: '/report', payload, headers });
    expect(posted.statusCode).toBe(303);
    const cookie = posted.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const receipt = await t.app.inject({ method: 'GET', url: '/report/receipt', headers: { cookie } });
    expect(receipt.statusCode).toBe(200);
    const reference = /<strong class="reference">([^<]+)<\/strong>/.exec(receipt.body)?.[1] ?? '';
    const kase = (await staffGet(`/api/v1/cases/${reference}`, handler)).json<{ case: CaseDetail }>().case;
    return { receipt: receipt.body, reference, kase };
  }

  it('files a report with a JPEG whose GPS position, camera and comments are gone, refuses a fake PNG kindly on the receipt, and keeps the rest', async () => {
    const jpeg = jpegWithGps();
    const pdf = pdfDocument();
    const { receipt, reference, kase } = await reportWithFiles([
      { name: 'IMG_0042.jpg', type: 'image/jpeg', bytes: jpeg },
      { name: 'not-really.png', type: 'image/png', bytes: fakePng() },
      { name: 'email from them.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    // The receipt names the file not kept and says why, kindly; the report itself was filed.
    expect(receipt).toContain(escaped(t_('files.refused.heading')));
    expect(receipt).toContain('<strong>not-really.png</strong>');
    expect(receipt).toContain(escaped(t_('files.refused.not_supported')));
    expect(receipt).not.toContain('IMG_0042.jpg');
    expect(kase.reportText).toBe(REPORT.description);

    expect(kase.files.map((f) => [f.name, f.mediaType, f.isImage, f.fromRole])).toEqual([
      ['IMG_0042.jpg', 'image/jpeg', true, 'reporter'], ['email from them.pdf', 'application/pdf', false, 'reporter'],
    ]);
    const [image, document] = kase.files;
    if (image === undefined || document === undefined) throw new Error('files missing');

    // Opening the image: the stored bytes, stripped, as the type read from them, sandboxed, audited.
    const shown = await staffGet(`/api/v1/cases/${reference}/files/${image.id}`, handler);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/jpeg');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(String(shown.headers['content-security-policy'])).toMatch(/^sandbox;/);
    expect(String(shown.headers['content-disposition'])).toMatch(/^inline; filename="HV-[0-9-]+-[A-Za-z0-9_-]+\.jpg"$/);
    expect(shown.headers['cache-control']).toBe('private, no-store');
    const stored = shown.rawPayload;
    for (const marker of [MARKERS.gps, MARKERS.camera, MARKERS.comment, MARKERS.xmp, 'Exif']) expect(stored.toString('latin1')).not.toContain(marker);
    expect(stored.toString('latin1')).toContain('SCAN-DATA-KEPT');
    expect(stored.length).toBeLessThan(jpeg.length);
    expect(sha256(stored)).toBe(image.sha256);
    expect(image.byteSize).toBe(stored.length);

    // A PDF is a download, never shown inline; it is kept as it came.
    const downloaded = await staffGet(`/api/v1/cases/${reference}/files/${document.id}`, handler);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(String(downloaded.headers['content-disposition'])).toMatch(/^attachment; filename="[^"]+\.pdf"$/);
    expect(downloaded.rawPayload.equals(Buffer.from(pdf))).toBe(true);
    expect(document.sha256).toBe(sha256(pdf));

    const caseRow = await findCase(t.ctx.db, { reference });
    const opened = (await listAuditForCase(t.ctx.db, caseRow?.id ?? '')).filter((a) => a.action === 'case.evidence_file_opened');
    expect(opened.map((a) => a.actorId)).toEqual([handler.userId, handler.userId]);
    expect(await auditDetails(t, caseRow?.id ?? '', 'case.evidence_file_opened')).toEqual([
      { fileId: image.id, mediaType: 'image/jpeg' }, { fileId: document.id, mediaType: 'application/pdf' },
    ]);
  });

  it('answers 401 without a session, and 404 to staff of another desk exactly as for a case or file that does not exist', async () => {
    const { reference, kase } = await reportWithFiles([{ name: 'shot.png', type: 'image/png', bytes: pngImage() }]);
    const fileId = kase.files[0]?.id ?? '';
    const before = await tableCounts(t);
    expect((await staffGet(`/api/v1/cases/${reference}/files/${fileId}`, null)).statusCode).toBe(401);
    const hidden = await staffGet(`/api/v1/cases/${reference}/files/${fileId}`, outsider);
    expect(hidden.statusCode).toBe(404);
    const missingCase = await staffGet(`/api/v1/cases/HV-2026-999999/files/${fileId}`, outsider);
    expect(hidden.json<{ error: { code: string } }>()).toEqual(missingCase.json<{ error: { code: string } }>());
    expect((await staffGet(`/api/v1/cases/${reference}/files/no-such-file`, handler)).statusCode).toBe(404);
    // Nobody saw anything, so nothing was logged.
    expect(await tableCounts(t)).toEqual(before);
  });

  it('keeps the files sealed: neither their content nor their names are in the database file or a dump, and a sealed file moved to another row does not open', async () => {
    const marker = `SEALED-CONTENT-MARKER-${dialect}-7c1f`;
    const nameMarker = `name-marker-${dialect}-99ab`;
    const { reference, kase } = await reportWithFiles([
      { name: `${nameMarker}.pdf`, bytes: pdfDocument(marker) },
      { name: 'second.png', bytes: pngImage({ metadata: false }) },
    ]);
    const raw = await rawDatabaseText(t);
    expect(raw).not.toContain(marker);
    expect(raw).not.toContain(nameMarker);
    // The hash is kept in clear, as it should be: it is what proves the file later.
    expect(raw).toContain(kase.files[0]?.sha256 ?? 'missing');

    const [first, second] = kase.files;
    if (first === undefined || second === undefined) throw new Error('files missing');
    const sealed = await t.ctx.db.selectFrom('evidence_files').select('content_enc').where('id', '=', first.id).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('evidence_files').set({ content_enc: sealed.content_enc }).where('id', '=', second.id).execute();
    expect((await staffGet(`/api/v1/cases/${reference}/files/${second.id}`, handler)).statusCode).toBe(500);
    expect((await staffGet(`/api/v1/cases/${reference}/files/${first.id}`, handler)).statusCode).toBe(200);
  });

  it('holds each desk to its own limits on number and size, explaining each file it did not keep', async () => {
    await setDeskFileLimits(t.ctx, 'elsewhere', { maxFiles: 1, maxBytes: 2048 }, null);
    const page = await t.app.inject({ method: 'GET', url: '/report?desk=elsewhere' });
    expect(page.body).toContain(escaped(t_('report.files.hint', { count: '1', size: '0' })));
    const big = new Uint8Array(3000);
    big.set(pdfDocument());
    const { payload, headers } = multipartForm({ ...REPORT, desk: 'elsewhere', formToken: await freshFormToken(t.app) }, [
      { name: 'big.pdf', bytes: big }, { name: 'first.png', bytes: pngImage({ metadata: false }) }, { name: 'second.png', bytes: pngImage({ metadata: false }) },
    ]);
    const posted = await t.app.inject({ method: 'POST', url: '/report', payload, headers });
    expect(posted.statusCode).toBe(303);
    const receipt = await t.app.inject({ method: 'GET', url: '/report/receipt', headers: { cookie: posted.cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
    expect(receipt.body).toContain(`<strong>big.pdf</strong>: ${escaped(t_('files.refused.too_large', { size: '0', count: '1' }))}`);
    expect(receipt.body).toContain(`<strong>second.png</strong>: ${escaped(t_('files.refused.too_many', { size: '0', count: '1' }))}`);
    expect(receipt.body).not.toContain('<strong>first.png</strong>');
    const reference = /<strong class="reference">([^<]+)<\/strong>/.exec(receipt.body)?.[1] ?? '';
    const caseRow = await findCase(t.ctx.db, { reference });
    const rows = await t.ctx.db.selectFrom('evidence_files').select('id').where('case_id', '=', caseRow?.id ?? '').execute();
    expect(rows).toHaveLength(1);

    // Beyond the ceiling every desk is under, the request itself is refused, as a page, and nothing is stored.
    const before = await tableCounts(t);
    const many = multipartForm({ ...REPORT, formToken: await freshFormToken(t.app) },
      Array.from({ length: EVIDENCE_FILE_CEILING.maxFiles + 1 }, (_, i) => ({ name: `shot-${i}.png`, bytes: pngImage({ metadata: false }) })));
    const refused = await t.app.inject({ method: 'POST', url: '/report', payload: many.payload, headers: { ...many.headers, accept: 'text/html' } });
    expect(refused.statusCode).toBe(413);
    expect(String(refused.headers['content-type'])).toMatch(/^text\/html/);
    expect(await tableCounts(t)).toEqual(before);

    // The limits are checked when they are set.
    await expect(setDeskFileLimits(t.ctx, 'elsewhere', { maxFiles: 1000, maxBytes: 2048 }, null)).rejects.toThrow(/maxFiles/);
    await expect(setDeskFileLimits(t.ctx, 'no-such-desk', { maxFiles: 1, maxBytes: 2048 }, null)).rejects.toThrow(/no desk/);
  });

  it('keeps a report sent without a file as before, and a form that comes back asks for its files again and stores nothing', async () => {
    const empty = await reportWithFiles([{ name: '', bytes: new Uint8Array(0) }]);
    expect(empty.kase.files).toEqual([]);
    expect(empty.receipt).not.toContain(escaped(t_('files.refused.heading')));

    const before = await tableCounts(t);
    const { payload, headers } = multipartForm({ ...REPORT, category: '', formToken: await freshFormToken(t.app) }, [{ name: 'shot.png', bytes: pngImage() }]);
    const back = await t.app.inject({ method: 'POST', url: '/report', payload, headers });
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain(escaped(t_('report.files.again')));
    expect(back.body).toContain(escaped(REPORT.description));
    expect(await tableCounts(t)).toEqual(before);
  });

  it('lets the reporter add files on /status: kept ones commit with the update, refused ones are listed once on the page that follows', async () => {
    const report = await fileReport(t, { desk: 'main' });
    const signIn = await t.app.inject({ method: 'GET', url: `/status?code=${encodeURIComponent(report.accessCode)}` });
    const reporterCookie = signIn.cookies.find((c) => c.name === 'haven_reporter');
    const cookie = `haven_reporter=${reporterCookie?.value ?? ''}`;
    const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie } });
    expect(page.body).toMatch(/<form method="post" action="\/status\/updates" enctype="multipart\/form-data"/);
    const csrf = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(page.body)?.[1] ?? '';

    // Without the session's token nothing is stored, multipart or not.
    const before = await tableCounts(t);
    const forged = multipartForm({ csrf: 'wrong', text: 'More.', links: '' }, [{ name: 'shot.png', bytes: pngImage() }]);
    expect((await t.app.inject({ method: 'POST', url: '/status/updates', payload: forged.payload, headers: { ...forged.headers, cookie } })).statusCode).toBe(403);
    expect(await tableCounts(t)).toEqual(before);

    const { payload, headers } = multipartForm({ csrf, text: 'Two more screenshots from today.', links: '' }, [
      { name: 'today.png', bytes: pngImage() }, { name: 'notes.txt.png', bytes: fakePng() },
    ]);
    const posted = await t.app.inject({ method: 'POST', url: '/status/updates', payload, headers: { ...headers, cookie } });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/status?added=1');
    const filesCookie = posted.cookies.find((c) => c.name === 'haven_status_files');
    const next = await t.app.inject({ method: 'GET', url: '/status?added=1', headers: { cookie: `${cookie}; haven_status_files=${filesCookie?.value ?? ''}` } });
    expect(next.body).toContain('<strong>notes.txt.png</strong>');
    expect(next.body).toContain(escaped(t_('files.refused.not_supported')));
    expect(next.body).toContain(escaped(t_('files.refused.again')));
    expect(next.cookies.find((c) => c.name === 'haven_status_files')?.value).toBe('');

    const kase = (await staffGet(`/api/v1/cases/${report.reference}`, handler)).json<{ case: CaseDetail }>().case;
    expect(kase.files.map((f) => [f.name, f.fromRole])).toEqual([['today.png', 'reporter']]);
    const caseRow = await findCase(t.ctx.db, { reference: report.reference });
    const events = await listEvents(t.ctx.db, caseRow?.id ?? '');
    expect(events.filter((e) => e.type === 'evidence_files_added').map((e) => e.detail)).toEqual([{ files: 1 }]);
    const stored = await staffGet(`/api/v1/cases/${report.reference}/files/${kase.files[0]?.id ?? ''}`, handler);
    expect(stored.rawPayload.toString('latin1')).not.toContain(MARKERS.text);
    expect(stored.rawPayload.equals(Buffer.from(pngImage({ metadata: false })))).toBe(true);
  });

  it('parses multipart only where files are taken: elsewhere it is still refused as before', async () => {
    const { payload, headers } = multipartForm({ code: 'whatever' });
    expect((await t.app.inject({ method: 'POST', url: '/status', payload, headers })).statusCode).toBe(415);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload, headers })).statusCode).toBe(415);
  });
});
