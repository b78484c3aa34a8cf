import { listDesks, type DeskRow } from '../db/repositories/desks.js';
import type { ServiceContext } from './context.js';

/**
 * Every desk, the default first. For the operator's `haven desk list` and the report form,
 * which shows reporters each desk's name for them; staff see only their own desks elsewhere.
 */
export function listAllDesks(ctx: ServiceContext): Promise<DeskRow[]> {
  return listDesks(ctx.db);
}
