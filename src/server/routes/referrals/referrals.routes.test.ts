import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import { auditDetails } from '../../../../tests/support/audit-details.js';
import { makeCase, makeDesk, makeStaff, signInStaff, type MadeCase } from '../../../../tests/support/factories.js';
import { startSmtp } from '../../../../tests/support/smtp-server.js';
import { smtpMailer, type Mailer } from '../../../integrations/mail/mailer.js';
import { runDueJobs, type WorkerDeps } from '../../../jobs/worker.js';
import { findCase } from '../../../db/repositories/cases.js';
import { listAuditForCase } from '../../../db/repositories/audit-log.js';
import type { ReferralResponse, VenueAddressesResponse } from '../../../shared/api/referrals.js';
import { missingReference, type CaseBody, type ErrorBody } from '../cases/cases.test-helpers.js';
import { rawDatabaseText } from '../../../../tests/support/raw-database-text.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const VENUE_ADDRESS = 'trust-and-safety@example.org';
const SUMMARY = 'Months of hounding across several pages; beyond what the desk should handle alone.';

describe.each(testDialects())('referral routes on %s', (dialect) => {
  const start = new Date('2026-03-02T10:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;
  let reviewer: SignedIn;
  let admin: SignedIn;
  let outsider: SignedIn;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let deps: WorkerDeps;

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: SignedIn | null, payload?: object) => t.app.inject({
    method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload === undefined ? {} : { payload }),
  });
  const view = async (kase: MadeCase) => (await send('GET', `/api/v1/cases/${kase.reference}`, handler)).json<CaseBody>().case;
  const drain = async () => { while ((await runDueJobs(t.ctx, deps, 'w1')) > 0) { /* drain */ } };
  const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address))
    .map((m) => m.data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));

  /** A case under investigation, routed to trust and safety, with a reporter who left an address. */
  async function referable(): Promise<MadeCase> {
    const kase = await makeCase(t, {
      desk: 'main', status: 'investigating', targetAccount: 'Reporter account', contactEmail: 'reporter-private@example.org',
      links: ['https://wiki.example.org/w/index.php?diff=1', 'https://wiki.example.org/w/index.php?diff=2'],
    });
    const chosen = await send('POST', `/api/v1/cases/${kase.reference}/routing/choice`, handler, { venue: 'trust_and_safety', reason: 'It has gone on for months.' });
    expect(chosen.statusCode).toBe(200);
    return kase;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    smtp = await startSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}?pool=false`, 'haven@localhost');
    deps = { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
    handler = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
    admin = await signInAs(t, 'admin');
    const other = await makeDesk(t, { slug: 'other', name: 'Other desk', reporterName: 'Another community' });
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
  });
  afterAll(async () => { mailer.close(); await smtp.close(); await t.close(); });

  describe('PUT /api/v1/desks/:slug/venue-addresses/:venue', () => {
    it('walks 401, 400, 403 (handler), 404 (another desk), then seals the address and audits without it', async () => {
      const url = '/api/v1/desks/main/venue-addresses/trust_and_safety';
      const before = await tableCounts(t);
      expect((await send('PUT', url, null, { email: VENUE_ADDRESS })).statusCode).toBe(401);
      const bad = await send('PUT', url, admin, { email: 'not an address' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ErrorBody>().error.fields?.[0]?.path).toBe('email');
      const notReferral = await send('PUT', '/api/v1/desks/main/venue-addresses/single_admin', admin, { email: VENUE_ADDRESS });
      expect(notReferral.statusCode).toBe(400);
      expect(notReferral.json<ErrorBody>().error.fields?.[0]?.path).toBe('venue');
      expect((await send('PUT', url, handler, { email: VENUE_ADDRESS })).statusCode).toBe(403);
      expect((await send('PUT', url, outsider, { email: VENUE_ADDRESS })).statusCode).toBe(404);
      expect(await tableCounts(t)).toEqual(before);
      const saved = await send('PUT', url, admin, { email: VENUE_ADDRESS });
      expect(saved.statusCode).toBe(200);
      expect(saved.json<VenueAddressesResponse>().venues).toEqual([
        { venue: 'trust_and_safety', email: VENUE_ADDRESS }, { venue: 'functionaries', email: null },
      ]);
      const stored = await t.ctx.db.selectFrom('desk_venue_addresses').select('email_enc').execute();
      expect(stored.map((r) => r.email_enc).join(' ')).not.toContain(VENUE_ADDRESS);
      expect((await send('GET', '/api/v1/desks/main/venue-addresses', admin)).json<VenueAddressesResponse>().venues[0]?.email).toBe(VENUE_ADDRESS);
      const list = '/api/v1/desks/main/venue-addresses';
      expect((await send('GET', list, null)).statusCode).toBe(401);
      expect((await send('GET', '/api/v1/desks/Not_A_Slug/venue-addresses', admin)).statusCode).toBe(400);
      expect((await send('GET', list, handler)).statusCode).toBe(403);
      expect((await send('GET', list, outsider)).statusCode).toBe(404);
    });
  });

  describe('GET /api/v1/cases/:reference/referral', () => {
    it('walks 401, 400, 404 (another desk, as for a missing case), then shows what the packet holds and what it leaves out', async () => {
      const kase = await referable();
      const url = `/api/v1/cases/${kase.reference}/referral`;
      expect((await send('GET', url, null)).statusCode).toBe(401);
      expect((await send('GET', '/api/v1/cases/HV-1/referral', handler)).statusCode).toBe(400);
      const hidden = await send('GET', url, outsider);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json<ErrorBody>()).toEqual((await send('GET', `/api/v1/cases/${await missingReference(t)}/referral`, outsider)).json<ErrorBody>());
      const evidence = (await view(kase)).evidence;
      const marked = await send('PUT', `/api/v1/cases/${kase.reference}/evidence/${evidence[1]?.id ?? ''}/marking`, handler, { personalInformation: true });
      expect(marked.statusCode).toBe(200);

      const seen = (await send('GET', url, reviewer)).json<ReferralResponse>();
      expect(seen.venue).toBe('trust_and_safety');
      expect(seen.preview).toMatchObject({ audience: 'trust_and_safety', reference: kase.reference, reporterUsername: null, reporterContact: false });
      expect(seen.preview?.evidence.map((e) => e.url)).toEqual(['https://wiki.example.org/w/index.php?diff=1']);
      expect(seen.preview?.leftOut).toEqual([
        { what: 'reporter_identity', why: 'no_consent' }, { what: 'reporter_contact', why: 'no_consent' },
        { what: 'personal_information', why: 'never_shared', count: 1 },
      ]);
      expect(seen.referrals).toEqual([]);
      const reporter = (await view(kase)).parties.find((p) => p.role === 'reporter')?.id ?? '';
      const consent = await send('PUT', `/api/v1/cases/${kase.reference}/consent/${reporter}`, handler, {
        grants: [{ subject: 'identity', audience: 'trust_and_safety' }, { subject: 'contact', audience: 'functionaries' }],
      });
      expect(consent.statusCode).toBe(200);
      const after = (await send('GET', url, handler)).json<ReferralResponse>();
      // Identity is granted to this venue; the address only to another, so it still stays.
      expect(after.preview).toMatchObject({ reporterUsername: 'Reporter account', reporterContact: false });
      expect(after.preview?.leftOut.map((l) => l.what)).toEqual(['reporter_contact', 'personal_information']);
      expect((await listAuditForCase(t.ctx.db, (await findCase(t.ctx.db, { reference: kase.reference }))?.id ?? '')).map((a) => a.action)).toContain('case.referral_viewed');
    });

    it('has no packet for a case routed elsewhere', async () => {
      const kase = await makeCase(t, { desk: 'main' });
      const body = (await send('GET', `/api/v1/cases/${kase.reference}/referral`, handler)).json<ReferralResponse>();
      expect(body).toEqual({ venue: null, addressSet: false, preview: null, referrals: [] });
    });
  });

  describe('POST /api/v1/cases/:reference/referral, then the answer and taking it back', () => {
    it('walks 401, 400, 403, 404, refuses a case routed elsewhere, then sends by email, records it and waits on the venue', async () => {
      const kase = await referable();
      const url = `/api/v1/cases/${kase.reference}/referral`;
      const before = await tableCounts(t);
      expect((await send('POST', url, null, { summary: SUMMARY })).statusCode).toBe(401);
      const empty = await send('POST', url, handler, { summary: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json<ErrorBody>().error.fields?.[0]?.path).toBe('summary');
      expect((await send('POST', url, reviewer, { summary: SUMMARY })).statusCode).toBe(403);
      expect((await send('POST', url, outsider, { summary: SUMMARY })).statusCode).toBe(404);
      expect(await tableCounts(t)).toEqual(before);
      const elsewhere = await makeCase(t, { desk: 'main', status: 'investigating' });
      const beforeElsewhere = await tableCounts(t);
      expect((await send('POST', `/api/v1/cases/${elsewhere.reference}/referral`, handler, { summary: SUMMARY })).statusCode).toBe(409);
      expect(await tableCounts(t)).toEqual(beforeElsewhere);

      const sent = await send('POST', url, handler, { summary: SUMMARY });
      expect(sent.statusCode).toBe(200);
      const body = sent.json<ReferralResponse>();
      expect(body.referrals).toHaveLength(1);
      expect(body.referrals[0]).toMatchObject({ venue: 'trust_and_safety', sentBy: handler.username, answer: null, endedAt: null });
      expect(body.referrals[0]?.packet.summary).toBe(SUMMARY);
      const stored = await findCase(t.ctx.db, { reference: kase.reference });
      expect(stored?.status).toBe('waiting');
      expect(stored?.waiting?.on).toBe('outside_venue');
      const timeline = (await view(kase)).timeline;
      expect(timeline.find((e) => e.type === 'referral_sent')?.detail).toEqual({ venue: 'trust_and_safety', evidence: 2 });
      expect(timeline.find((e) => e.type === 'waiting_started')?.detail).toMatchObject({ waitingOn: 'outside_venue' });
      expect(await auditDetails(t, stored?.id ?? '', 'case.referral_sent')).toEqual([{
        referralId: body.referrals[0]?.id, venue: 'trust_and_safety', evidence: 2, reporterContact: false, leftOut: ['reporter_identity', 'reporter_contact'],
      }]);
      // A second referral while the first is open is refused.
      expect((await send('POST', url, handler, { summary: SUMMARY })).statusCode).toBe(409);

      await drain();
      const mails = mailTo(VENUE_ADDRESS);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain(kase.reference);
      expect(mails[0]).toContain('Months of hounding across several pages');
      expect(mails[0]).toContain('https://wiki.example.org/w/index.php?diff=1');
      expect(mails[0]).not.toContain('reporter-private@example.org');
      expect(mails[0]).not.toContain(kase.input.description);

      const answerUrl = `${url}/answer`;
      const beforeAnswer = await tableCounts(t);
      expect((await send('POST', answerUrl, null, { answer: 'We took it on.' })).statusCode).toBe(401);
      expect((await send('POST', answerUrl, handler, { answer: '' })).statusCode).toBe(400);
      expect((await send('POST', answerUrl, reviewer, { answer: 'We took it on.' })).statusCode).toBe(403);
      expect((await send('POST', answerUrl, outsider, { answer: 'We took it on.' })).statusCode).toBe(404);
      expect(await tableCounts(t)).toEqual(beforeAnswer);
      const answered = await send('POST', answerUrl, handler, { answer: 'We took it on; case T&S-77.' });
      expect(answered.statusCode).toBe(200);
      expect(answered.json<ReferralResponse>().referrals[0]).toMatchObject({ answer: 'We took it on; case T&S-77.', endedAt: null });
      expect((await view(kase)).timeline.filter((e) => e.type === 'referral_answered')).toHaveLength(1);
      expect((await findCase(t.ctx.db, { reference: kase.reference }))?.status).toBe('waiting');

      const backUrl = `${url}/take-back`;
      const beforeBack = await tableCounts(t);
      expect((await send('POST', backUrl, null, { reason: 'They declined.' })).statusCode).toBe(401);
      expect((await send('POST', backUrl, handler, {})).statusCode).toBe(400);
      expect((await send('POST', backUrl, reviewer, { reason: 'They declined.' })).statusCode).toBe(403);
      expect((await send('POST', backUrl, outsider, { reason: 'They declined.' })).statusCode).toBe(404);
      expect(await tableCounts(t)).toEqual(beforeBack);
      const back = await send('POST', backUrl, handler, { reason: 'They asked us to handle it locally.' });
      expect(back.statusCode).toBe(200);
      expect(back.json<ReferralResponse>().referrals[0]).toMatchObject({ endedHow: 'taken_back' });
      const resumed = await findCase(t.ctx.db, { reference: kase.reference });
      expect(resumed?.status).toBe('investigating');
      expect(resumed?.waiting).toBeNull();
      expect((await view(kase)).timeline.find((e) => e.type === 'referral_taken_back')?.detail).toEqual({ venue: 'trust_and_safety', reason: 'They asked us to handle it locally.' });
      expect((await send('POST', backUrl, handler, { reason: 'Again.' })).statusCode).toBe(409);
    });

    it('sends a case routed to the functionaries, and closes it as referred only once its reviewers have signed off', async () => {
      const kase = await makeCase(t, { desk: 'main', status: 'investigating', contactEmail: 'reporter-private@example.org' });
      const chosen = await send('POST', `/api/v1/cases/${kase.reference}/routing/choice`, handler, { venue: 'functionaries', reason: 'A long-standing contributor.' });
      expect(chosen.statusCode).toBe(200);
      expect((await send('PUT', '/api/v1/desks/main/venue-addresses/functionaries', admin, { email: 'functionaries@example.org' })).statusCode).toBe(200);
      const sent = await send('POST', `/api/v1/cases/${kase.reference}/referral`, handler, { summary: SUMMARY });
      expect(sent.statusCode).toBe(200);
      expect(sent.json<ReferralResponse>().referrals[0]).toMatchObject({ venue: 'functionaries', endedAt: null });
      await drain();
      expect(mailTo('functionaries@example.org').some((m) => m.includes(kase.reference))).toBe(true);

      const reporter = (await view(kase)).parties.find((p) => p.role === 'reporter')?.id ?? '';
      const close = () => send('POST', `/api/v1/cases/${kase.reference}/close`, handler, {
        outcome: 'referred', closingRecord: { summary: 'A senior contributor hounding a newcomer.', findings: 'The functionaries took it on.' },
        messages: [{ partyId: reporter, body: 'The functionaries have your case now; they will write to you.' }],
      });
      // Routed to the functionaries, the case needs its review before it closes, referral or not:
      // first through in_review, then two sign-offs.
      const early = await close();
      expect(early.statusCode).toBe(409);
      expect(early.json<ErrorBody>().error.code).toBe('illegal_transition');
      const review = await send('POST', `/api/v1/cases/${kase.reference}/review/start`, handler, {});
      expect(review.statusCode, JSON.stringify(review.json())).toBe(200);
      const unsigned = await close();
      expect(unsigned.statusCode).toBe(409);
      expect(unsigned.json<ErrorBody>().error.code).toBe('review_incomplete');
      for (const who of [reviewer, await signInAs(t, 'reviewer')]) {
        const signed = await send('POST', `/api/v1/cases/${kase.reference}/sign-offs`, who, { decision: 'approve', comment: 'Right venue.' });
        expect(signed.statusCode, JSON.stringify(signed.json())).toBe(201);
      }
      const closed = await close();
      expect(closed.statusCode, JSON.stringify(closed.json())).toBe(200);
      expect((await findCase(t.ctx.db, { reference: kase.reference }))?.outcome).toBe('referred');
      expect((await send('GET', `/api/v1/cases/${kase.reference}/referral`, handler)).json<ReferralResponse>().referrals[0]).toMatchObject({ endedHow: 'closed' });
    });

    it('refuses without an address for the venue, and a case waiting on a referral closes only as referred', async () => {
      const kase = await makeCase(t, { desk: 'main', status: 'investigating' });
      await send('POST', `/api/v1/cases/${kase.reference}/routing/choice`, handler, { venue: 'trust_and_safety', reason: 'Serious.' });
      expect((await send('PUT', '/api/v1/desks/main/venue-addresses/trust_and_safety', admin, { email: null })).statusCode).toBe(200);
      const before = await tableCounts(t);
      const noAddress = await send('POST', `/api/v1/cases/${kase.reference}/referral`, handler, { summary: SUMMARY });
      expect(noAddress.statusCode).toBe(409);
      expect(await tableCounts(t)).toEqual(before);
      expect((await send('PUT', '/api/v1/desks/main/venue-addresses/trust_and_safety', admin, { email: VENUE_ADDRESS })).statusCode).toBe(200);
      expect((await send('POST', `/api/v1/cases/${kase.reference}/referral`, handler, { summary: SUMMARY })).statusCode).toBe(200);

      const reporter = (await view(kase)).parties.find((p) => p.role === 'reporter')?.id ?? '';
      const closing = (outcome: string) => ({
        outcome, closingRecord: { summary: 'Serious hounding.', findings: 'Trust and safety took it on.' },
        nextSteps: 'If it starts again, tell us on your status page.',
        messages: [{ partyId: reporter, body: 'The trust and safety team has your case now; they will be in touch.' }],
      });
      const wrong = await send('POST', `/api/v1/cases/${kase.reference}/close`, handler, closing('non_actionable'));
      expect(wrong.statusCode).toBe(409);
      const closed = await send('POST', `/api/v1/cases/${kase.reference}/close`, handler, closing('referred'));
      expect(closed.statusCode).toBe(200);
      expect((await findCase(t.ctx.db, { reference: kase.reference }))?.outcome).toBe('referred');
      const referral = (await send('GET', `/api/v1/cases/${kase.reference}/referral`, handler)).json<ReferralResponse>().referrals[0];
      expect(referral).toMatchObject({ endedHow: 'closed' });
    });

    it('keeps the packet sealed: the reporter\'s account name their consent let go out is in the email, not in the database', async () => {
      const kase = await referable();
      const reporter = (await view(kase)).parties.find((p) => p.role === 'reporter')?.id ?? '';
      await send('PUT', `/api/v1/cases/${kase.reference}/consent/${reporter}`, handler, { grants: [{ subject: 'identity', audience: 'trust_and_safety' }] });
      const summary = `A sealed summary ${kase.reference}: months of hounding on talk pages.`;
      const sent = await send('POST', `/api/v1/cases/${kase.reference}/referral`, handler, { summary });
      expect(sent.statusCode).toBe(200);
      expect(sent.json<ReferralResponse>().referrals[0]?.packet).toMatchObject({ summary, reporterUsername: 'Reporter account' });
      await drain();
      expect(mailTo(VENUE_ADDRESS).filter((m) => m.includes(kase.reference)).some((m) => m.includes('Reporter account'))).toBe(true);
      const raw = await rawDatabaseText(t);
      expect(raw).toContain(kase.reference);
      expect(raw).not.toContain('Reporter account');
      expect(raw).not.toContain(summary);
    });
  });
});
