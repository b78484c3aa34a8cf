import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport, tableCounts, type FiledReport } from '../../../../tests/support/intake.js';
import { findCase } from '../../../db/repositories/cases.js';
import { listParties } from '../../../db/repositories/case-parts.js';
import { insertMessage } from '../../../db/repositories/messages.js';
import { generateAccessCode } from '../../../services/security/access-code.js';
import { newId } from '../../../shared/ids.js';
import { verifyAuditChain } from '../../../db/repositories/audit-log.js';
import type { ReporterCaseResponse as ReporterCaseBody, ReporterSessionResponse } from '../../../shared/api/reporter.js';
import type { CaseResponse } from '../../../shared/api/cases.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

interface ReporterSession { cookie: string; csrfToken: string }

describe.each(testDialects())('reporter routes on %s', (dialect) => {
  let t: TestApp;
  const start = new Date('2026-03-02T10:00:00.000Z');

  function openSession(accessCode: unknown) {
    return t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode } as object });
  }
  async function signInWith(accessCode: string): Promise<ReporterSession> {
    const response = await openSession(accessCode);
    if (response.statusCode !== 200) throw new Error(`reporter sign-in failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'haven_reporter');
    if (cookie === undefined) throw new Error('no reporter cookie');
    return { cookie: `haven_reporter=${cookie.value}`, csrfToken: response.json<ReporterSessionResponse>().csrfToken };
  }
  function readCase(session: ReporterSession | null) {
    return t.app.inject({ method: 'GET', url: '/api/v1/reporter/case', headers: session === null ? {} : { cookie: session.cookie } });
  }
  function addUpdate(session: ReporterSession | null, payload: unknown, csrf: string | null = session?.csrfToken ?? null) {
    const headers: Record<string, string> = {};
    if (session !== null) headers.cookie = session.cookie;
    if (csrf !== null) headers['x-csrf-token'] = csrf;
    return t.app.inject({ method: 'POST', url: '/api/v1/reporter/case/updates', headers, payload: payload as object });
  }
  async function partiesOf(report: FiledReport) {
    const kase = await findCase(t.ctx.db, { reference: report.reference });
    if (kase === null) throw new Error('case missing');
    return { caseId: kase.id, parties: await listParties(t.ctx.db, kase.id) };
  }

  beforeAll(async () => { t = await createTestApp(dialect, { now: start }); });
  afterAll(async () => { await t.close(); });

  describe('POST /api/v1/reporter/session', () => {
    it('answers 401 for a well-formed code that was never issued, and for a malformed one', async () => {
      await fileReport(t);
      for (const code of [generateAccessCode(), 'not a code', '1234', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z']) {
        const response = await openSession(code);
        expect(response.statusCode, code).toBe(401);
        expect(response.json<ErrorBody>().error.code).toBe('invalid_credentials');
        expect(response.cookies.find((c) => c.name === 'haven_reporter')).toBeUndefined();
      }
    });

    it('answers 400 for a missing, mistyped or over-long code, or an extra field', async () => {
      for (const payload of [{}, { accessCode: 42 }, { accessCode: 'A'.repeat(101) }, { accessCode: generateAccessCode(), reference: 'HV-2026-000001' }]) {
        const response = await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
    });

    it('opens a session for the right code, also typed in lower case with spaces', async () => {
      const report = await fileReport(t);
      for (const typed of [report.accessCode, report.accessCode.toLowerCase().replace(/-/g, ' '), ` ${report.accessCode.replace(/-/g, '')} `]) {
        const response = await openSession(typed);
        expect(response.statusCode, typed).toBe(200);
        const body = response.json<ReporterSessionResponse>();
        expect(body.reference).toBe(report.reference);
        expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
        expect(Date.parse(body.expiresAt)).toBeGreaterThan(t.ctx.now().getTime());
        const cookie = response.cookies.find((c) => c.name === 'haven_reporter');
        expect(cookie?.httpOnly).toBe(true);
        expect(cookie?.sameSite).toBe('Lax');
        expect(cookie?.value).not.toContain(report.accessCode.replace(/-/g, ''));
      }
    });
  });

  describe('GET /api/v1/reporter/case', () => {
    it('answers 401 without a cookie or with a forged one', async () => {
      expect((await readCase(null)).statusCode).toBe(401);
      expect((await readCase({ cookie: 'haven_reporter=forged', csrfToken: '' })).statusCode).toBe(401);
    });

    it('shows the status and only the messages of this reporter\'s own thread', async () => {
      const report = await fileReport(t, {
        reporterRole: 'third_party', targetAccount: 'The-target', reportedAccounts: ['Reported-one'],
        description: 'Third-party account of what happened, with details only staff should read.',
      });
      const { caseId, parties } = await partiesOf(report);
      const reporter = parties.find((p) => p.role === 'reporter');
      const target = parties.find((p) => p.role === 'target');
      if (reporter === undefined || target === undefined) throw new Error('parties missing');
      const at = t.ctx.now();
      const mine = 'Thank you for telling us. We are looking into it.';
      const targetsThread = 'To the target only: what happened to you is not acceptable.';
      const staffNote = 'Staff note: check the reported account for earlier blocks.';
      await insertMessage(t.ctx.db, { id: newId(), caseId, audience: `party:${reporter.id}`, body: mine, authorKind: 'staff', authorId: null, createdAt: at });
      await insertMessage(t.ctx.db, { id: newId(), caseId, audience: `party:${target.id}`, body: targetsThread, authorKind: 'staff', authorId: null, createdAt: at });
      await insertMessage(t.ctx.db, { id: newId(), caseId, audience: 'staff', body: staffNote, authorKind: 'staff', authorId: null, createdAt: at });

      const session = await signInWith(report.accessCode);
      const response = await readCase(session);
      expect(response.statusCode).toBe(200);
      const body = response.json<ReporterCaseBody>();
      expect(body.case.reference).toBe(report.reference);
      expect(body.case.status).toBe('new');
      expect(body.case.receivedAt).toBe(at.toISOString());
      expect(body.case.messages.map((m) => [m.from, m.body])).toEqual([['staff', mine]]);
      for (const secret of [targetsThread, staffNote, report.input.description, 'The-target', 'Reported-one', reporter.id, target.id]) {
        expect(response.body).not.toContain(secret);
      }
    });

    it('audits every read, and the audit chain holds when reads arrive at once', async () => {
      const report = await fileReport(t);
      const session = await signInWith(report.accessCode);
      const { caseId } = await partiesOf(report);
      const reads = () => t.ctx.db.selectFrom('audit_log').select('seq').where('case_id', '=', caseId).where('action', '=', 'case.viewed_by_reporter').execute();
      const before = (await reads()).length;
      const responses = await Promise.all(Array.from({ length: 12 }, () => readCase(session)));
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
      expect((await reads()).length).toBe(before + responses.length);
      expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
    });

    it('never shows one reporter another reporter\'s case', async () => {
      const first = await fileReport(t);
      const second = await fileReport(t);
      const firstSession = await signInWith(first.accessCode);
      const secondSession = await signInWith(second.accessCode);
      expect((await readCase(firstSession)).json<ReporterCaseBody>().case.reference).toBe(first.reference);
      expect((await readCase(secondSession)).json<ReporterCaseBody>().case.reference).toBe(second.reference);
      // One reporter's CSRF token is worthless with another reporter's cookie.
      expect((await addUpdate(secondSession, { text: 'cross-session attempt' }, firstSession.csrfToken)).statusCode).toBe(403);
    });

    it('ends the session after its lifetime', async () => {
      const report = await fileReport(t);
      const session = await signInWith(report.accessCode);
      t.setNow(new Date(start.getTime() + 2 * 3_600_000));
      try {
        expect((await readCase(session)).statusCode).toBe(401);
      } finally {
        t.setNow(start);
      }
    });
  });

  describe('POST /api/v1/reporter/case/updates', () => {
    it('walks 401, 403 and 400 without changing anything', async () => {
      const report = await fileReport(t);
      const session = await signInWith(report.accessCode);
      const before = await tableCounts(t);
      const good = { text: 'More happened today.', links: ['https://wiki.example.org/w/index.php?diff=9'] };

      expect((await addUpdate(null, good, null)).statusCode).toBe(401);
      const noCsrf = await addUpdate(session, good, null);
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json<ErrorBody>().error.code).toBe('forbidden');
      expect((await addUpdate(session, good, 'wrong-token')).statusCode).toBe(403);

      const bad: [unknown, string | undefined][] = [
        [{ text: '' }, 'text'],
        [{ text: '   \n  ' }, 'text'],
        [{ text: 'x'.repeat(20_001) }, 'text'],
        [{ text: 'with a link', links: ['javascript:alert(1)'] }, 'links.0'],
        [{ text: 'with a link', links: ['not a url'] }, 'links.0'],
        [{ text: 'with a link', links: 'https://example.org' }, 'links'],
        [{ text: 'with a NUL \u0000' }, 'text'],
        [{ text: 'fine', status: 'closed' }, undefined],
        [{ links: ['https://example.org'] }, 'text'],
      ];
      for (const [payload, field] of bad) {
        const response = await addUpdate(session, payload);
        expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        const body = response.json<ErrorBody>();
        expect(body.error.code).toBe('validation_failed');
        if (field !== undefined) expect(body.error.fields?.map((f) => f.path)).toContain(field);
      }
      const huge = await addUpdate(session, { text: 'x'.repeat(300_000) });
      expect(huge.statusCode).toBe(413);
      expect(huge.json<ErrorBody>().error.code).toBe('payload_too_large');
      expect(await tableCounts(t)).toEqual(before);
    });

    it('adds the information: 201, a timeline event the handler sees, the link as evidence, the message in the reporter\'s thread', async () => {
      const report = await fileReport(t);
      const session = await signInWith(report.accessCode);
      const update = { text: 'Two more messages arrived overnight.\nThe second one names my town.', links: ['https://wiki.example.org/w/index.php?diff=4242'] };
      t.setNow(new Date(start.getTime() + 30 * 60_000));
      try {
        const response = await addUpdate(session, update);
        expect(response.statusCode).toBe(201);
        expect(response.json()).toEqual({ ok: true });

        const mine = (await readCase(session)).json<ReporterCaseBody>();
        expect(mine.case.messages.map((m) => [m.from, m.body])).toEqual([['reporter', update.text]]);

        const handler = await signInAs(t, 'handler');
        const staffView = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${report.reference}`, headers: { cookie: handler.cookie } });
        const kase = staffView.json<CaseResponse>().case;
        const added = kase.timeline.filter((e) => e.type === 'reporter_added_information');
        expect(added).toHaveLength(1);
        expect(added[0]?.actor.kind).toBe('reporter');
        // The event points to the reporter's message, which holds their words.
        const message = kase.messages.find((m) => m.body === update.text);
        expect(message).toBeDefined();
        expect(added[0]?.detail).toEqual({ messageId: message?.id, links: update.links.length });
        expect(added[0]?.at).toBe(t.ctx.now().toISOString());
        expect(kase.evidence.map((e) => e.url)).toEqual([...report.input.links, ...update.links]);
      } finally {
        t.setNow(start);
      }
    });
  });
});
