import { z } from 'zod';
import { ERROR_CODES } from '../../domain/error-codes.js';

/** One problem with one field of a refused request; `path` is dotted (`links.0`). */
export const FieldProblem = z.object({ path: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof FieldProblem>;

/** The one error shape every API route answers with. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.array(FieldProblem).optional(),
    /** Only on `training_required`: the modules to complete first, to link to `/training/{id}`. */
    modules: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
    /** Only on `identity_leak`: what the leak guard found, each with whose it is and the words as written. */
    leaks: z.array(z.object({ party: z.string(), kind: z.string(), found: z.string() })).optional(),
    /** Only on a 500: the id to quote, which finds the request in the server's log. */
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/**
 * The error responses a route declares. Every route can fail unexpectedly, so 500 is always
 * declared, and so is 503 (`busy`: the database stayed locked); the contract test fails when a route answers with a status it did not declare.
 */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries([...statuses, 500, 503].map((s) => [s, ErrorResponse]));
}
