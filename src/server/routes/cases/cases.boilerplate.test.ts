import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { fileReport, tableCounts } from '../../../../tests/support/intake.js';
import { fillTemplate, replyTemplateValues } from '../../../domain/reply-templates.js';
import type { CaseResponse as CaseBody } from '../../../shared/api/cases.js';
import type { TemplatesResponse } from '../../../shared/api/templates.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

const DAY = 86_400_000;

describe.each(testDialects())('replies from a template, and the boilerplate check, on %s', (dialect) => {
  const start = new Date('2026-04-06T09:00:00.000Z');
  let t: TestApp;
  let handler: SignedIn;
  let ack: TemplatesResponse['templates'][number];

  const post = (reference: string, payload: object, who = handler) => t.app.inject({
    method: 'POST', url: `/api/v1/cases/${reference}/replies`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, payload,
  });
  const view = async (reference: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: { cookie: handler.cookie } })).json<CaseBody>().case;
  /** The template as the console starts it: an anonymous reader is greeted with "there". */
  async function started(reference: string, promise: Date | null, anonymousAs: string | null = 'there') {
    const kase = await view(reference);
    const party = kase.parties.find((p) => p.role === 'reporter');
    if (party === undefined) throw new Error('no reporter');
    const filled = fillTemplate(ack.body, replyTemplateValues({
      recipientName: party.username ?? anonymousAs, caseReference: reference, handlerName: handler.username, promiseUpdateBy: promise, language: kase.language,
    }));
    return { partyId: party.id, filled };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    handler = await signInAs(t, 'handler');
    const templates = (await t.app.inject({ method: 'GET', url: '/api/v1/templates', headers: { cookie: handler.cookie } })).json<TemplatesResponse>().templates;
    const found = templates.find((x) => x.purpose === 'acknowledgement');
    if (found === undefined) throw new Error('no acknowledgement template');
    ack = found;
  });
  afterAll(async () => { await t.close(); });

  it('refuses an unchanged template with 409 boilerplate, storing nothing, and sends it on confirmation, on the message and the timeline', async () => {
    const report = await fileReport(t);
    const promise = new Date(start.getTime() + 2 * DAY);
    const { partyId, filled } = await started(report.reference, promise);
    expect(filled).toContain(report.reference);
    const before = await tableCounts(t);
    const refused = await post(report.reference, { partyId, body: filled, promiseUpdateBy: promise.toISOString(), templateId: ack.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('boilerplate');
    expect(await tableCounts(t)).toEqual(before);

    const sent = await post(report.reference, { partyId, body: filled, promiseUpdateBy: promise.toISOString(), templateId: ack.id, confirmBoilerplate: true });
    expect(sent.statusCode).toBe(201);
    const kase = sent.json<CaseBody>().case;
    expect(kase.messages).toEqual([expect.objectContaining({ templateId: ack.id, boilerplateConfirmed: true, promise: 'pending' })]);
    expect(kase.timeline.filter((e) => e.type === 'boilerplate_confirmed')).toEqual([expect.objectContaining({ detail: { messageId: kase.messages[0]?.id } })]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'case.boilerplate_confirmed').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('sends a personalised reply from the template without any confirmation', async () => {
    const report = await fileReport(t);
    const { partyId, filled } = await started(report.reference, null);
    const body = filled
      .replace('[what you understood from the report, in a sentence or two]', 'Someone has been reverting your edits to the river articles and commenting on you.')
      .replace('[what you will look at first]', 'the history of the three articles you named')
      .replace('{promiseDate}', 'Thursday');
    const sent = await post(report.reference, { partyId, body, templateId: ack.id });
    expect(sent.statusCode).toBe(201);
    expect(sent.json<CaseBody>().case.messages[0]).toMatchObject({ templateId: ack.id, boilerplateConfirmed: false });
  });

  it('refuses a templated reply that still holds a variable, as a field error on the body', async () => {
    const report = await fileReport(t);
    const { partyId, filled } = await started(report.reference, null, null);
    // An anonymous reporter has no username: filled without a stand-in, {recipientName} stays.
    expect(filled).toContain('{recipientName}');
    const body = filled.replace('[what you understood from the report, in a sentence or two]', 'You were followed to three articles after the deletion debate.')
      .replace('[what you will look at first]', 'the history of those articles').replace(/\{promiseDate\}/g, 'Friday');
    const response = await post(report.reference, { partyId, body, templateId: ack.id });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.fields?.[0]?.path).toBe('body');
    expect((await post(report.reference, { partyId, body: body.replace('{recipientName}', 'there'), templateId: ack.id })).statusCode).toBe(201);
  });

  it('never flags a reply written from scratch, even when it is short', async () => {
    const report = await fileReport(t);
    const { partyId } = await started(report.reference, null);
    expect((await post(report.reference, { partyId, body: 'Thanks!' })).statusCode).toBe(201);
  });

  it('refuses a template of another desk as a field error (400)', async () => {
    const other = await makeDesk(t);
    const admin = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
    const theirs = (await t.app.inject({ method: 'GET', url: `/api/v1/templates?desk=${other.slug}`, headers: { cookie: admin.cookie } })).json<TemplatesResponse>().templates[0];
    const report = await fileReport(t, { desk: 'main' });
    const { partyId } = await started(report.reference, null);
    for (const templateId of [theirs?.id, 'no-such-template']) {
      const response = await post(report.reference, { partyId, body: 'A reply of my own about your report, written for you.', templateId });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.fields?.[0]?.path).toBe('templateId');
    }
  });
});
