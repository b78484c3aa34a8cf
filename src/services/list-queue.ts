import { canOnCase, type Actor } from '../domain/access-policy.js';
import type { CaseStatus } from '../domain/case-lifecycle.js';
import type { Category } from '../domain/categories.js';
import { listQueue, reportedAccountsByCase, type QueueRow } from '../db/repositories/queue.js';
import { searchCaseQueue } from '../db/repositories/case-search.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

export interface QueuePage { cases: (QueueRow & { reportedAccounts: string[] })[]; nextCursor: string | null }

function decodeCursor(cursor: string): { urgentAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { urgentAt: new Date(at), id };
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'The page cursor is not valid.', [{ path: 'cursor', message: 'Not a valid cursor.' }]);
}

/**
 * The queue as this actor may see it, most urgent first. With `q`, only cases whose report
 * or reported accounts contain every word of it, still most urgent first: a search narrows
 * the queue rather than replacing it, so filters, paging and restricted cases work alike.
 */
export async function listCaseQueue(
  ctx: ServiceContext,
  actor: Actor,
  filter: { status?: CaseStatus | undefined; category?: Category | undefined; q?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<QueuePage> {
  const query = {
    status: filter.status,
    category: filter.category,
    after: filter.cursor === undefined ? undefined : decodeCursor(filter.cursor),
    limit: filter.limit + 1,
    viewerGroups: actor.groups,
  };
  const rows = filter.q === undefined
    ? await listQueue(ctx.db, query)
    : await searchCaseQueue(ctx.db, ctx.dialect, { ...query, text: filter.q });
  // The query already leaves out restricted cases; the policy check is the second lock on the door.
  const visible = rows.filter((r) => canOnCase(actor, 'case.list', r));
  const page = visible.slice(0, filter.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last !== undefined
    ? Buffer.from(JSON.stringify([last.urgentAt.toISOString(), last.id])).toString('base64url')
    : null;
  const accounts = await reportedAccountsByCase(ctx.db, page.map((r) => r.id));
  return { cases: page.map((r) => ({ ...r, reportedAccounts: accounts.get(r.id) ?? [] })), nextCursor };
}
