import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../../tests/support/test-app.js';

interface Operation { security?: Record<string, string[]>[] }
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
});
