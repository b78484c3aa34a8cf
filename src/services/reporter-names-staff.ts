import { auditChain } from './audit-chain.js';
import { MAX_REPORTER_RECUSALS } from '../domain/groups.js';
import { findCase } from '../db/repositories/cases.js';
import { appendAuditEntries } from '../db/repositories/audit-log.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { namedStaff, recuseNamedStaff } from './recuse-staff.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/**
 * A party on /status names up to three people on the desk who must not handle their case. Those
 * who match a member of the desk are recused at once; the party is told the same thing whether
 * any name matched or not, and the people recused are not told by whom.
 */
export async function reporterNamesStaff(ctx: ServiceContext, session: ReporterSessionRow, names: readonly string[]): Promise<void> {
  if (names.length > MAX_REPORTER_RECUSALS) {
    throw new AppError('validation_failed', `Name at most ${MAX_REPORTER_RECUSALS} people.`, [{ path: 'names', message: 'Too many names.' }]);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const kase = await findCase(trx, { id: session.caseId });
    if (kase === null) throw new AppError('not_found', 'This case is no longer available.');
    const audit = await recuseNamedStaff(trx, {
      caseId: kase.id, deskId: kase.deskId, partyAccountKeys: [], reporterNamed: namedStaff(ctx.cipher, names), cause: { kind: 'reporter', id: session.partyId }, now,
    });
    await appendAuditEntries(trx, auditChain(ctx), audit);
  });
}
