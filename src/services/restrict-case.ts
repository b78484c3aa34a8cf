import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import type { Actor } from '../domain/access-policy.js';
import { appendAudit, appendAuditEntries } from '../db/repositories/audit-log.js';
import { recordEvents } from '../db/repositories/case-events.js';
import { clearRecusalEscalated, findGroup, setCaseRestriction } from '../db/repositories/staff-groups.js';
import { loadCaseFor } from './case-access.js';
import { escalateIfNobodyLeft } from './recuse-staff.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/** What a restriction change left: the group the case is now restricted to, and whether the actor can still see it. */
export interface RestrictionResult { restrictedTo: { id: string; name: string } | null; stillVisible: boolean }

/**
 * Restricts a case to a group of its desk, moves the restriction, or lifts it (`groupId` null).
 * Whoever works cases may do it (handler, escalation, admin); since a restricted case does not
 * exist outside its group, only a member can move or lift a restriction. Restricting to a
 * group one is not in is allowed (a handler hands a case to the escalation team) and takes
 * the case out of their sight at once. On the timeline and audited.
 */
export async function restrictCase(ctx: ServiceContext, actor: Actor, reference: string, groupId: string | null): Promise<RestrictionResult> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const kase = await loadCaseFor(trx, actor, 'case.update', { reference }, 'Your role cannot restrict cases.');
    const group = groupId === null ? null : await findGroup(trx, groupId);
    if (groupId !== null && (group === null || group.deskId !== kase.deskId)) {
      throw new AppError('validation_failed', 'There is no such group on this case\'s desk.', [{ path: 'group', message: 'Not a group of this desk.' }]);
    }
    const previous = kase.restrictedToGroup;
    if (previous === groupId) {
      return { restrictedTo: group === null ? null : { id: group.id, name: group.name }, stillVisible: true };
    }
    await setCaseRestriction(trx, { caseId: kase.id, groupId });
    await clearRecusalEscalated(trx, kase.id);
    const at = { id: newId(now.getTime()), caseId: kase.id, at: now, actorKind: 'staff' as const, actorId: actor.id };
    if (group === null) {
      const before = previous === null ? null : await findGroup(trx, previous);
      await recordEvents(trx, [{ ...at, type: 'case_unrestricted', detail: { group: before?.name ?? '' } }]);
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'case.unrestricted', caseId: kase.id, detail: { groupId: previous ?? '' },
      });
    } else {
      await recordEvents(trx, [{ ...at, type: 'case_restricted', detail: { group: group.name } }]);
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'case.restricted', caseId: kase.id, detail: { groupId: group.id, previous },
      });
    }
    // A restriction may leave nobody allowed to work the case (a group whose members are all
    // recused): the escalation fallback applies as it does after a recusal.
    await appendAuditEntries(trx, auditChain(ctx), await escalateIfNobodyLeft(trx, kase.id, now));
    return {
      restrictedTo: group === null ? null : { id: group.id, name: group.name },
      stillVisible: group === null || actor.groups.includes(group.id),
    };
  });
}
