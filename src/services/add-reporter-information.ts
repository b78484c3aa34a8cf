import { newId } from '../shared/ids.js';
import { insertEvent, insertEvidenceLinks } from '../db/repositories/case-parts.js';
import { insertMessage } from '../db/repositories/messages.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { findCase } from '../db/repositories/cases.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

export interface ReporterUpdate { text: string; links: string[] }

/** A reporter adds information to their case: a message in their thread, new links, a timeline event. */
export async function addReporterInformation(ctx: ServiceContext, session: ReporterSessionRow, update: ReporterUpdate): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { id: session.caseId });
    if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
    await insertMessage(trx, {
      id: newId(now.getTime()), caseId: kase.id, audience: `party:${session.partyId}`, body: update.text,
      authorKind: 'reporter', authorId: session.partyId, createdAt: now,
    });
    await insertEvidenceLinks(trx, update.links.map((url) => ({ id: newId(now.getTime()), caseId: kase.id, url, suppliedBy: 'reporter', addedAt: now })));
    await insertEvent(trx, {
      id: newId(now.getTime()), caseId: kase.id, type: 'reporter_added_information', at: now,
      actorKind: 'reporter', actorId: session.partyId, detail: update.text,
    });
    await appendAudit(trx, ctx.dialect, {
      at: now, actorKind: 'reporter', actorId: session.partyId, action: 'case.reporter_added_information',
      caseId: kase.id, detail: { links: update.links.length },
    });
  });
}
