import { z } from 'zod';

/** The process is up and its database answers. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  /** Which database answered (the configured dialect's name). */
  database: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** The database did not answer: take this instance out of rotation. */
export const HealthUnavailableResponse = z.object({ status: z.literal('unavailable') });
export type HealthUnavailableResponse = z.infer<typeof HealthUnavailableResponse>;
