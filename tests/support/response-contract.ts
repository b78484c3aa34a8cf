import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** A response that broke the contract its route declares. */
export interface ContractViolation {
  method: string;
  url: string;
  status: number;
  problem: string;
}

/**
 * Checks every response of every route that declares response schemas (the whole `/api`
 * contract; pages and assets declare none) against the schema for the status it carries.
 *
 * fastify-type-provider-zod's serializer already validates a body it serializes for a
 * declared status. This catches what it cannot see: a status the route never declared
 * (Fastify then serializes without a schema), a body sent as a ready-made string, a body
 * that is not JSON, and fields beyond the schema that a hand-sent body would leak.
 * Installed by the test app, so the whole integration suite runs under it.
 */
export function checkResponseContract(app: FastifyInstance, onViolation: (violation: ContractViolation) => void): void {
  // A violation that throws makes Fastify answer again with an error; report each request once.
  const reported = new WeakSet<FastifyRequest>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (reported.has(request)) return payload;
    const problem = contractProblem(request, reply, payload);
    if (problem !== null) {
      reported.add(request);
      onViolation({ method: request.method, url: request.url, status: reply.statusCode, problem });
    }
    return payload;
  });
}

function contractProblem(request: FastifyRequest, reply: FastifyReply, payload: unknown): string | null {
  const declared = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
  if (declared === undefined) return null;
  const status = reply.statusCode;
  const schema = declared[status];
  if (!(schema instanceof z.ZodType)) return `status ${status} is not declared (declared: ${Object.keys(declared).join(', ')})`;
  const body = readBody(reply, payload);
  if (typeof body === 'string') return body;
  const result = schema.safeParse(body.value);
  if (!result.success) return `body does not match the schema: ${z.prettifyError(result.error)}`;
  // The schema strips fields it does not know; a body with more than it declares leaks them.
  if (!isDeepStrictEqual(result.data, body.value)) return 'body carries fields the schema does not declare';
  return null;
}

/** The JSON value of a response body (an empty body reads as null), or what is wrong with it. */
function readBody(reply: FastifyReply, payload: unknown): { value: unknown } | string {
  if (payload === undefined || payload === null || payload === '') return { value: null };
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return 'body is a stream, not JSON';
  const type = String(reply.getHeader('content-type') ?? '');
  if (!type.startsWith('application/json')) return `body is ${type === '' ? 'untyped' : type}, not application/json`;
  try {
    return { value: JSON.parse(payload.toString()) as unknown };
  } catch {
    return 'body is not valid JSON';
  }
}
