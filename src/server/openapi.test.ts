import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../tests/support/test-app.js';

interface Schema { properties?: Record<string, Schema>; items?: Schema; required?: string[]; description?: string }
interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface OpenApiDocument {
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
  paths: Record<string, Record<string, Operation>>;
}

describe.each(testDialects())('the OpenAPI document on %s', (dialect) => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
  });
  afterAll(async () => { await t.close(); });

  const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));

  it('declares the cookies that sign staff and reporters in', () => {
    expect(doc.components.securitySchemes).toEqual({
      staffCookie: { type: 'apiKey', in: 'cookie', name: 'haven_staff' },
      reporterCookie: { type: 'apiKey', in: 'cookie', name: 'haven_reporter' },
    });
  });

  it('marks exactly the operations that refuse a caller without a session, with the cookie that opens them', async () => {
    const found = [];
    for (const { path, method, operation } of operations()) {
      const url = path.replace('{reference}', 'HV-2026-000001');
      const anonymous = await t.app.inject({ method: method as 'GET', url });
      let needs: string | null = null;
      if (anonymous.statusCode === 401) {
        // A fresh session each time: one of these operations is signing out.
        const staff = await signInAs(t, 'handler');
        const asStaff = await t.app.inject({ method: method as 'GET', url, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrfToken } });
        needs = asStaff.statusCode === 401 ? 'reporterCookie' : 'staffCookie';
      }
      found.push({ operation: `${method} ${path}`, needs, declared: operation.security?.flatMap((s) => Object.keys(s))[0] ?? null });
    }
    // Both kinds of session really guard something, so the comparison below is not vacuous.
    expect(new Set(found.map((f) => f.needs))).toEqual(new Set([null, 'staffCookie', 'reporterCookie']));
    expect(found.filter((f) => f.needs !== f.declared)).toEqual([]);
  });

  it('says which fields name a desk: the queue filter, each case, the session\'s desks and the report\'s', () => {
    const json = (operation: Operation | undefined, status: string) => operation?.responses[status]?.content?.['application/json']?.schema;
    const queue = doc.paths['/api/v1/cases']?.get;
    expect(queue?.parameters?.find((p) => p.name === 'desk')).toMatchObject({ in: 'query', required: false });
    const row = json(queue, '200')?.properties?.cases?.items;
    const kase = json(doc.paths['/api/v1/cases/{reference}']?.get, '200')?.properties?.case;
    for (const schema of [row, kase]) {
      expect(schema?.required).toContain('desk');
      expect(Object.keys(schema?.properties?.desk?.properties ?? {})).toEqual(['slug', 'name']);
    }
    const user = json(doc.paths['/api/v1/session']?.get, '200')?.properties?.user;
    expect(user?.required).toContain('desks');
    expect(Object.keys(user?.properties?.desks?.items?.properties ?? {})).toEqual(['slug', 'name', 'role']);
    const report = doc.paths['/api/v1/reports']?.post?.requestBody?.content['application/json']?.schema;
    expect(report?.properties?.desk?.description).toMatch(/Required when there is more than one desk/);
    expect(report?.required).not.toContain('desk');
  });
});
