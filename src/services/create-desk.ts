import { auditChain } from './audit-chain.js';
import { z } from 'zod';
import { newId } from '../shared/ids.js';
import { cleanText } from '../shared/text-rules.js';
import { isDeskSlug, MAX_DESK_NAME } from '../domain/desks.js';
import { findDeskBySlug, insertDesk, type DeskRow } from '../db/repositories/desks.js';
import { insertStarterTemplates } from '../db/repositories/reply-templates.js';
import { STARTER_TEMPLATES } from '../domain/starter-templates.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { insertGroup } from '../db/repositories/staff-groups.js';
import { ESCALATION_GROUP_NAME } from '../domain/groups.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

const DeskInput = z.object({
  slug: z.string().refine(isDeskSlug, { message: 'A slug is 1 to 40 lower-case letters, digits and inner hyphens, like enwiki or events-team.' }),
  name: cleanText(MAX_DESK_NAME, 1).transform((s) => s.trim()),
  reporterName: cleanText(MAX_DESK_NAME, 1).transform((s) => s.trim()).optional(),
});

/**
 * Adds a desk: a community's team and its cases. Instance-wide, so only the command line does
 * it for now (`createdBy` null). The name reporters see defaults to the desk's name.
 */
export async function createDesk(
  ctx: ServiceContext, input: { slug: string; name: string; reporterName?: string | undefined }, createdBy: string | null,
): Promise<DeskRow> {
  const parsed = DeskInput.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join(' '), fields);
  }
  const { slug, name } = parsed.data;
  const reporterName = parsed.data.reporterName ?? name;
  const now = ctx.now();
  const desk: DeskRow = { id: newId(now.getTime()), slug, name, reporterName, isDefault: false };
  await ctx.db.transaction().execute(async (trx) => {
    if ((await findDeskBySlug(trx, slug)) !== null) {
      throw new AppError('conflict', `There is already a desk ${slug}.`, [{ path: 'slug', message: 'Already taken.' }]);
    }
    await insertDesk(trx, { ...desk, createdAt: now });
    // Every desk starts with the shipped templates, as the desks of a fresh install do (migration 0021).
    await insertStarterTemplates(trx, desk.id, STARTER_TEMPLATES, now);
    // Every desk has an escalation group from the start: the key to its restricted cases and
    // where a case goes when recusals leave nobody else (migration 0030 gave existing desks theirs).
    await insertGroup(trx, { id: newId(now.getTime()), deskId: desk.id, name: ESCALATION_GROUP_NAME, escalation: true, now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: createdBy === null ? 'system' : 'staff', actorId: createdBy, action: 'desk.created', caseId: null,
      detail: { deskId: desk.id, slug, name, reporterName },
    });
  });
  return desk;
}
