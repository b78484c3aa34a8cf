import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { confirmReceipt } from '../db/repositories/emergency.js';
import { findCase } from '../db/repositories/cases.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { hashToken } from './security/tokens.js';
import type { ServiceContext } from './context.js';
import { CONFIRM_TOKEN_PURPOSE } from './emergency-forwarding.js';

/**
 * The emergency contact confirms receipt of a packet through its link: the fallback will not
 * go. Recorded on the case's timeline and audited, once; confirming again says so and changes
 * nothing. Returns the case reference, or null for a token Haven never issued.
 */
export async function confirmEmergencyReceipt(ctx: ServiceContext, token: string): Promise<{ reference: string; first: boolean } | null> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const confirmed = await confirmReceipt(trx, { tokenHash: hashToken(token, CONFIRM_TOKEN_PURPOSE), at: now });
    if (confirmed === null) return null;
    const kase = await findCase(trx, { id: confirmed.caseId });
    if (kase === null) return null;
    if (!confirmed.first) return { reference: kase.reference, first: false };
    await recordEvents(trx, [{ id: newId(now.getTime()), caseId: confirmed.caseId, at: now, actorKind: 'system', actorId: null, type: 'emergency_receipt_confirmed', detail: null }]);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'public', actorId: null, action: 'case.emergency_receipt_confirmed', caseId: confirmed.caseId, detail: { alertId: confirmed.id },
    });
    return { reference: kase.reference, first: true };
  });
}
