import { pingDatabase } from '../db/repositories/health.js';
import type { ServiceContext } from './context.js';

/** Resolves when the database answers a trivial query; rejects with its error otherwise. */
export function checkDatabase(ctx: ServiceContext): Promise<void> {
  return pingDatabase(ctx.db);
}
