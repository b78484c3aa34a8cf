import { canOnCase, type Actor } from '../domain/access-policy.js';
import type { CaseStatus } from '../domain/case-lifecycle.js';
import type { Category } from '../domain/categories.js';
import { listQueue, reportedAccountsByCase, type QueueRow } from '../db/repositories/queue.js';
import { listBrokenPromises } from '../db/repositories/broken-promises.js';
import { searchCaseQueue } from '../db/repositories/case-search.js';
import { listDesks, type DeskRow } from '../db/repositories/desks.js';
import { recusedStaffByCase } from '../db/repositories/recusals.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

export interface QueuePage {
  cases: (QueueRow & { reportedAccounts: string[]; desk: { slug: string; name: string } })[];
  nextCursor: string | null;
}

export interface QueueRequest {
  /** A desk's slug: only that desk's cases. Absent: every desk where the actor holds a role. */
  desk?: string | undefined;
  status?: CaseStatus | undefined;
  category?: Category | undefined;
  q?: string | undefined;
  /** Only cases linked to another case (the same reported account) the actor may open. */
  linked?: 'true' | undefined;
  cursor?: string | undefined;
  limit: number;
  /** `broken`: only open cases whose promised update passed without a reply. */
  promise?: 'broken' | undefined;
}

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
 * The desks a queue covers: those where the actor holds a role, or the one `slug` names. A
 * desk where they hold none is answered exactly like a desk that does not exist.
 */
function queueDesks(actor: Actor, desks: DeskRow[], slug: string | undefined): DeskRow[] {
  const mine = desks.filter((d) => actor.roles.has(d.id));
  if (slug === undefined) return mine;
  const chosen = mine.find((d) => d.slug === slug);
  if (chosen === undefined) throw new AppError('validation_failed', 'There is no such desk among yours.', [{ path: 'desk', message: 'Not one of your desks.' }]);
  return [chosen];
}

/**
 * The queue as this actor may see it, most urgent first: the cases of the desks where they
 * hold a role (or of one of them). With `q`, only cases whose report or reported accounts
 * contain every word of it, still most urgent first: a search narrows the queue rather than
 * replacing it, so filters, paging, desks and restricted cases work alike.
 */
export async function listCaseQueue(ctx: ServiceContext, actor: Actor, filter: QueueRequest): Promise<QueuePage> {
  const desks = await listDesks(ctx.db);
  const scope = queueDesks(actor, desks, filter.desk);
  const query = {
    deskIds: scope.map((d) => d.id),
    status: filter.status,
    category: filter.category,
    after: filter.cursor === undefined ? undefined : decodeCursor(filter.cursor),
    limit: filter.limit + 1,
    viewerGroups: actor.groups,
    viewerId: actor.id,
    linkedWithinDesks: filter.linked === 'true' ? desks.filter((d) => actor.roles.has(d.id)).map((d) => d.id) : undefined,
  };
  if (filter.promise !== undefined && (filter.q !== undefined || filter.status !== undefined || filter.category !== undefined)) {
    throw new AppError('validation_failed', 'The broken-promises list takes only a desk.', [{ path: 'promise', message: 'Use it without q, status or category.' }]);
  }
  const rows = filter.promise === 'broken'
    ? await listBrokenPromises(ctx.db, { ...query, dueBefore: ctx.now(), after: query.after === undefined ? undefined : { dueAt: query.after.urgentAt, id: query.after.id } })
    : filter.q === undefined
      ? await listQueue(ctx.db, query)
      : await searchCaseQueue(ctx.db, ctx.dialect, { ...query, text: filter.q, soleDesk: desks.length === 1 });
  // The query already leaves out other desks and restricted cases; the policy check is the
  // second lock on the door.
  const recused = await recusedStaffByCase(ctx.db, rows.map((r) => r.id));
  const visible = rows.filter((r) => canOnCase(actor, 'case.list', { ...r, recusedStaff: recused.get(r.id) ?? [] }));
  const page = visible.slice(0, filter.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last !== undefined
    ? Buffer.from(JSON.stringify([(filter.promise === 'broken' ? last.nextUpdateDueAt ?? last.urgentAt : last.urgentAt).toISOString(), last.id])).toString('base64url')
    : null;
  const accounts = await reportedAccountsByCase(ctx.db, page.map((r) => r.id));
  const deskOf = new Map(desks.map((d) => [d.id, { slug: d.slug, name: d.name }]));
  return {
    cases: page.flatMap((r) => {
      const desk = deskOf.get(r.deskId);
      return desk === undefined ? [] : [{ ...r, reportedAccounts: accounts.get(r.id) ?? [], desk }];
    }),
    nextCursor,
  };
}
