import { newId } from '../shared/ids.js';
import { normaliseAccountName } from '../domain/account-names.js';
import { anyoneCanWork, type RecusalSource } from '../domain/groups.js';
import type { EventActorKind } from '../domain/case-events.js';
import type { AuditActorKind } from '../domain/audit-actions.js';
import { findCase } from '../db/repositories/cases.js';
import { recordEvents, type NewEvent } from '../db/repositories/case-events.js';
import { insertRecusals } from '../db/repositories/recusals.js';
import {
  escalationGroupOf, findGroup, listDeskWorkers, markRecusalEscalated, releaseCaseFrom, staffByAccountKeys, staffByUsernameKeys,
} from '../db/repositories/staff-groups.js';
import type { AuditEntry } from '../db/repositories/audit-log.js';
import { accountIndexesForLookup } from './security/account-index.js';
import type { FieldCipher } from './security/field-cipher.js';
import type { HavenDb } from '../db/connection.js';

/** Who caused a recusal: a staff member recusing themself, the reporter, or Haven (linked accounts). */
export interface RecusalCause { kind: 'staff' | 'reporter' | 'system'; id: string | null }

/**
 * Recuses staff from a case in the caller's transaction: the recusal rows, one timeline event
 * each, and then the escalation fallback. Returns the audit entries for the caller to append
 * with its own (intake appends a whole batch at once; see write-reports.ts). Someone already
 * recused is left as they were.
 */
export async function recuseStaff(
  trx: HavenDb,
  input: { caseId: string; userIds: readonly string[]; source: RecusalSource; reason?: string | null; cause: RecusalCause; now: Date },
): Promise<AuditEntry[]> {
  const { caseId, source, now, cause } = input;
  const fresh = await insertRecusals(trx, { caseId, userIds: input.userIds, source, now });
  if (fresh.length === 0) return [];
  await releaseCaseFrom(trx, caseId, fresh);
  const names = await trx.selectFrom('staff_users').select(['id', 'username']).where('id', 'in', fresh).execute();
  const eventActor: EventActorKind = cause.kind;
  const events = names.map((s): NewEvent => {
    const base = { id: newId(now.getTime()), caseId, at: now, actorKind: eventActor, actorId: cause.id };
    const staff = { id: s.id, username: s.username };
    switch (source) {
      case 'self':
        return { ...base, type: 'staff_recused', detail: input.reason == null ? { staff } : { staff, reason: input.reason } };
      case 'reporter':
        return { ...base, type: 'staff_recused_by_reporter', detail: { staff } };
      case 'linked_account':
        return { ...base, type: 'staff_recused_linked_account', detail: { staff } };
      default: {
        const unreachable: never = source;
        throw new Error(`Unknown recusal source: ${String(unreachable)}`);
      }
    }
  });
  await recordEvents(trx, events);
  const auditActor: AuditActorKind = cause.kind === 'reporter' ? 'reporter' : cause.kind;
  const audit: AuditEntry[] = fresh.map((staffId) => ({
    at: now, actorKind: auditActor, actorId: cause.id, action: 'case.staff_recused', caseId, detail: { staffId, source },
  }));
  return [...audit, ...(await escalateIfNobodyLeft(trx, caseId, now))];
}

/**
 * The fallback of issue 11: when recusals leave nobody on the desk who may work the case, it
 * goes to the desk's escalation group, restricted to it, and is flagged (timeline and queue),
 * so it is never left where no one can see it.
 */
export async function escalateIfNobodyLeft(trx: HavenDb, caseId: string, now: Date): Promise<AuditEntry[]> {
  const kase = await findCase(trx, { id: caseId });
  if (kase === null) return [];
  if (anyoneCanWork(kase, await listDeskWorkers(trx, kase.deskId))) return [];
  const groupId = await escalationGroupOf(trx, kase.deskId);
  if (groupId === null || (kase.restrictedToGroup === groupId && kase.recusalEscalatedAt !== null)) return [];
  await markRecusalEscalated(trx, { caseId, groupId, now });
  const group = await findGroup(trx, groupId);
  await recordEvents(trx, [{
    id: newId(now.getTime()), caseId, at: now, actorKind: 'system', actorId: null, type: 'recusal_escalated', detail: { group: group?.name ?? '' },
  }]);
  return [{ at: now, actorKind: 'system', actorId: null, action: 'case.recusal_escalated', caseId, detail: { groupId } }];
}

/** A name a reporter gave of staff who must not handle their case, with a blind index of it (matched against linked accounts; one entry per configured key). */
export interface NamedStaff { name: string; key: string }

/** The names a reporter gave, each with its account blind index. */
export function namedStaff(cipher: FieldCipher, names: readonly string[]): NamedStaff[] {
  return names.filter((n) => normaliseAccountName(n) !== '').flatMap((name) => accountIndexesForLookup(cipher, name).map((key) => ({ name, key })));
}

/**
 * Recuses the staff whose linked accounts a case names (in any party role), and, at intake or
 * on /status, the staff a reporter named. Reporter names match a linked account or a Haven
 * username, in the wiki's matching form; a name that matches nobody is ignored, and the reporter
 * is not told either way, so the form cannot be used to learn who is on the desk.
 */
export async function recuseNamedStaff(
  trx: HavenDb,
  input: {
    caseId: string; deskId: string; partyAccountKeys: readonly string[]; reporterNamed: readonly NamedStaff[]; cause: RecusalCause; now: Date;
  },
): Promise<AuditEntry[]> {
  const { caseId, deskId, now } = input;
  const partyKeys = [...new Set(input.partyAccountKeys)];
  const named = input.reporterNamed.filter((n) => normaliseAccountName(n.name) !== '');
  const reporterKeys = new Set(named.map((n) => normaliseAccountName(n.name)));
  const audit: AuditEntry[] = [];
  if (partyKeys.length > 0) {
    const linked = await staffByAccountKeys(trx, [deskId], partyKeys);
    audit.push(...await recuseStaff(trx, { caseId, userIds: linked.map((l) => l.userId), source: 'linked_account', cause: { kind: 'system', id: null }, now }));
  }
  if (reporterKeys.size > 0) {
    const byAccount = (await staffByAccountKeys(trx, [deskId], named.map((n) => n.key))).map((l) => l.userId);
    const byUsername = await staffByUsernameKeys(trx, deskId, reporterKeys, normaliseAccountName);
    audit.push(...await recuseStaff(trx, { caseId, userIds: [...byAccount, ...byUsername], source: 'reporter', cause: input.cause, now }));
  }
  return audit;
}
