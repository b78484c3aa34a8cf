import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { makeDesk, makeStaff, signInStaff, type MadeDesk } from '../../../../tests/support/factories.js';
import { tableCounts } from '../../../../tests/support/intake.js';
import type { TemplateResponse, TemplatesResponse } from '../../../shared/api/templates.js';
import type { ErrorResponse as ErrorBody } from '../../../shared/api/errors.js';

const GOOD = { desk: 'main', name: 'Thanks for the diffs', language: 'en', purpose: 'update', body: 'Hello {recipientName}, I looked at [what you looked at].' } as const;

describe.each(testDialects())('/api/v1/templates on %s', (dialect) => {
  let t: TestApp;
  let other: MadeDesk;
  let admin: SignedIn;
  let handler: SignedIn;
  let outsider: SignedIn;

  const call = (who: SignedIn | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, csrf = true) => {
    const headers: Record<string, string> = {};
    if (who !== null) headers.cookie = who.cookie;
    if (who !== null && csrf) headers['x-csrf-token'] = who.csrfToken;
    return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  };
  const templateAudit = async () => (await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id as actorId', 'detail'])
    .where('action', 'like', 'template.%').orderBy('seq').execute());

  beforeAll(async () => {
    t = await createTestApp(dialect);
    other = await makeDesk(t, { slug: 'elsewhere' });
    admin = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: 'main' }));
    handler = await signInStaff(t, await makeStaff(t, { role: 'handler', desk: 'main' }));
    outsider = await signInStaff(t, await makeStaff(t, { role: 'admin', desk: other }));
  });
  afterAll(async () => { await t.close(); });

  it('ships the starter templates on the install\'s desk and on a desk added later', async () => {
    const mine = (await call(handler, 'GET', '/api/v1/templates')).json<TemplatesResponse>().templates;
    const theirs = (await call(outsider, 'GET', '/api/v1/templates')).json<TemplatesResponse>().templates;
    for (const list of [mine, theirs]) {
      expect(list.length).toBeGreaterThanOrEqual(7);
      expect(new Set(list.map((x) => x.purpose))).toEqual(new Set(['acknowledgement', 'request_for_information', 'update', 'non_actionable_next_steps',
        'closing_after_action', 'advice_to_reported_person', 'other']));
      // Every shipped template asks the handler to write something of their own.
      for (const x of list) expect(x.blanks.length, x.name).toBeGreaterThan(0);
    }
    expect(mine.every((x) => x.desk.slug === 'main')).toBe(true);
    expect(theirs.every((x) => x.desk.slug === 'elsewhere')).toBe(true);
  });

  it('walks 401 → 400 → 403/404 → 201 for a new template, storing nothing on refusal', async () => {
    const before = await tableCounts(t);
    expect((await call(null, 'POST', '/api/v1/templates', GOOD)).statusCode).toBe(401);
    expect((await call(admin, 'POST', '/api/v1/templates', GOOD, false)).statusCode).toBe(403);
    for (const [payload, field] of [
      [{ ...GOOD, purpose: 'scolding' }, 'purpose'], [{ ...GOOD, body: 'Hello {reporterEmail}' }, 'body'], [{ ...GOOD, name: ' ' }, 'name'],
      [{ ...GOOD, language: 'English' }, 'language'], [{ ...GOOD, desk: 'Not A Slug' }, 'desk'], [{ ...GOOD, extra: 1 }, ''],
    ] as const) {
      const response = await call(admin, 'POST', '/api/v1/templates', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      if (field !== '') expect(response.json<ErrorBody>().error.fields?.map((f) => f.path)).toContain(field);
    }
    const byHandler = await call(handler, 'POST', '/api/v1/templates', GOOD);
    expect(byHandler.statusCode).toBe(403);
    expect((await call(outsider, 'POST', '/api/v1/templates', GOOD)).statusCode).toBe(404);
    expect((await call(admin, 'POST', '/api/v1/templates', { ...GOOD, desk: 'nowhere' })).statusCode).toBe(404);
    expect(await tableCounts(t)).toEqual(before);

    const created = await call(admin, 'POST', '/api/v1/templates', GOOD);
    expect(created.statusCode).toBe(201);
    const template = created.json<TemplateResponse>().template;
    expect(template).toMatchObject({ name: GOOD.name, purpose: 'update', desk: { slug: 'main' }, blanks: ['[what you looked at]'], retiredAt: null });
    expect((await templateAudit()).filter((a) => a.action === 'template.created').map((a) => a.actorId)).toEqual([admin.userId]);
  });

  it('edits and retires: admins of the desk only, 404 for another desk, audited, and retired ones leave the list', async () => {
    const { template } = (await call(admin, 'POST', '/api/v1/templates', { ...GOOD, name: 'To edit' })).json<TemplateResponse>();
    const url = `/api/v1/templates/${template.id}`;
    expect((await call(null, 'PATCH', url, { name: 'x' })).statusCode).toBe(401);
    expect((await call(admin, 'PATCH', url, {})).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', url, { body: 'Hi {nickname}' })).statusCode).toBe(400);
    expect((await call(handler, 'PATCH', url, { name: 'x' })).statusCode).toBe(403);
    expect((await call(outsider, 'PATCH', url, { name: 'x' })).statusCode).toBe(404);
    expect((await call(outsider, 'POST', `${url}/retire`)).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', '/api/v1/templates/no-such-id', { name: 'x' })).statusCode).toBe(404);

    const edited = await call(admin, 'PATCH', url, { name: 'Edited', purpose: 'acknowledgement' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<TemplateResponse>().template).toMatchObject({ name: 'Edited', purpose: 'acknowledgement', body: GOOD.body });
    expect((await call(handler, 'POST', `${url}/retire`)).statusCode).toBe(403);
    const retired = await call(admin, 'POST', `${url}/retire`);
    expect(retired.statusCode).toBe(200);
    expect(retired.json<TemplateResponse>().template.retiredAt).not.toBeNull();
    expect((await call(admin, 'PATCH', url, { name: 'Again' })).statusCode).toBe(409);

    const listed = (await call(handler, 'GET', '/api/v1/templates')).json<TemplatesResponse>().templates.map((x) => x.id);
    expect(listed).not.toContain(template.id);
    const withRetired = (await call(admin, 'GET', '/api/v1/templates?retired=include')).json<TemplatesResponse>().templates.map((x) => x.id);
    expect(withRetired).toContain(template.id);
    const actions = (await templateAudit()).filter((a) => a.detail.includes(template.id)).map((a) => a.action);
    expect(actions).toEqual(['template.created', 'template.updated', 'template.retired']);
  });

  it('lists only the actor\'s desks: another desk by slug answers 404, a bad slug 400', async () => {
    expect((await call(null, 'GET', '/api/v1/templates')).statusCode).toBe(401);
    expect((await call(handler, 'GET', '/api/v1/templates?desk=Bad%20Slug')).statusCode).toBe(400);
    expect((await call(handler, 'GET', '/api/v1/templates?desk=elsewhere')).statusCode).toBe(404);
    const own = await call(outsider, 'GET', '/api/v1/templates?desk=elsewhere');
    expect(own.statusCode).toBe(200);
    expect(own.json<TemplatesResponse>().templates.every((x) => x.desk.slug === 'elsewhere')).toBe(true);
  });
});
