import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../../src/server/app.js';
import { AppError } from '../../src/services/errors.js';
import { FieldCipher } from '../../src/services/security/field-cipher.js';
import { errorResponses } from '../../src/shared/api/errors.js';
import { checkResponseContract, type ContractViolation } from '../support/response-contract.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

const Thing = z.object({ id: z.string(), status: z.enum(['open', 'closed']) });
const declared = { 200: Thing, ...errorResponses(400) };

// The real app with a few deliberately broken routes added, so the check meets Haven's own
// error handler and serializer, not a stand-in.
describe('the response contract check', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const violations: ContractViolation[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp({
      config: { publicUrl: 'http://localhost:3000', secureCookies: false, trustProxy: false, logLevel: 'silent' },
      ctx: { db: database.handle.db, dialect: 'sqlite', cipher: new FieldCipher(randomBytes(32)), now: () => new Date(), sessionHours: 12 },
    });
    const routes: Record<string, (reply: FastifyReply) => unknown> = {
      good: () => ({ id: 'a', status: 'open' }),
      undeclaredError: () => { throw new AppError('conflict', 'Someone else got there first.'); },
      undeclaredSuccess: (reply) => reply.code(202).send({ id: 'a', status: 'open' }),
      handSentWrongShape: (reply) => reply.type('application/json').send(JSON.stringify({ id: 'a', status: 'pending' })),
      handSentLeak: (reply) => reply.type('application/json').send(JSON.stringify({ id: 'a', status: 'open', contactEmail: 'x@example.org' })),
      notJson: (reply) => reply.type('text/plain').send('open'),
      serializedWrongShape: () => ({ id: 'a', status: 'pending' }),
    };
    for (const [name, handler] of Object.entries(routes)) {
      app.get(`/api/test/${name}`, { schema: { response: declared } }, async (_request, reply) => handler(reply));
    }
    checkResponseContract(app, (violation) => { violations.push(violation); });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  async function call(name: string) {
    violations.length = 0;
    const response = await app.inject({ method: 'GET', url: `/api/test/${name}` });
    return { status: response.statusCode, problems: violations.map((v) => `${v.status}: ${v.problem}`) };
  }

  it('passes a response that matches its declared schema', async () => {
    expect(await call('good')).toEqual({ status: 200, problems: [] });
  });

  it('fails an error status the route did not declare', async () => {
    const { status, problems } = await call('undeclaredError');
    expect(status).toBe(409);
    expect(problems).toEqual([expect.stringMatching(/^409: status 409 is not declared/)]);
  });

  it('fails a success status the route did not declare', async () => {
    expect((await call('undeclaredSuccess')).problems).toEqual([expect.stringMatching(/^202: status 202 is not declared/)]);
  });

  it('fails a hand-sent body that the serializer never saw', async () => {
    expect((await call('handSentWrongShape')).problems).toEqual([expect.stringMatching(/^200: body does not match the schema:.*status/s)]);
  });

  it('fails a hand-sent body with fields beyond the schema', async () => {
    expect((await call('handSentLeak')).problems).toEqual(['200: body carries fields the schema does not declare']);
  });

  it('fails a body that is not JSON', async () => {
    expect((await call('notJson')).problems).toEqual([expect.stringMatching(/^200: body is text\/plain/)]);
  });

  it('leaves a serialized body to the serializer, which refuses it with a 500 in the one error shape', async () => {
    expect(await call('serializedWrongShape')).toEqual({ status: 500, problems: [] });
  });

  it('leaves pages, which declare no contract, alone', async () => {
    violations.length = 0;
    const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(violations).toEqual([]);
  });
});
