import { accountIndex, accountIndexesForLookup } from './security/account-index.js';
import { auditChain } from './audit-chain.js';
import { ACCOUNT_NAME_MAX, normaliseAccountName } from '../domain/account-names.js';
import { appendAudit, appendAuditEntries, type AuditEntry } from '../db/repositories/audit-log.js';
import { listDeskRolesOf } from '../db/repositories/staff-desk-roles.js';
import { casesNamingAccount, deleteStaffAccount, insertStaffAccount, listStaffAccounts } from '../db/repositories/staff-groups.js';
import type { HavenDb } from '../db/connection.js';
import { recuseStaff } from './recuse-staff.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

/** A linked community account as its owner sees it. */
export interface LinkedAccount { name: string; addedAt: Date }

/** The community accounts a staff member linked. */
export async function listLinkedAccounts(ctx: ServiceContext, staffId: string): Promise<LinkedAccount[]> {
  return (await listStaffAccounts(ctx.db, staffId)).map((a) => ({ name: a.name, addedAt: a.addedAt }));
}

function refuseBadName(name: string): string {
  const trimmed = name.trim();
  if (normaliseAccountName(trimmed) === '' || trimmed.length > ACCOUNT_NAME_MAX || /[\p{Cc}]/u.test(trimmed)) {
    throw new AppError('validation_failed', `An account name is 1 to ${ACCOUNT_NAME_MAX} characters.`, [{ path: 'name', message: 'Not an account name.' }]);
  }
  return trimmed;
}

/**
 * Links a community account name to a staff account, in the caller's transaction. Every case of
 * their desks that names it (in any party role), and every later one, is recused for them; they
 * are not told which cases, or how many. `by` is null from the command line.
 */
export async function linkAccountIn(
  trx: HavenDb, ctx: ServiceContext, input: { staffId: string; name: string; by: string | null },
): Promise<void> {
  const name = refuseBadName(input.name);
  // Stored under the current key and matched under every configured key; `haven rotate-key`
  // rewrites it under the new key with the parties' indexes, so no link is lost when the old key goes.
  const key = accountIndex(ctx.cipher, name);
  const now = ctx.now();
  if (!(await insertStaffAccount(trx, { userId: input.staffId, key, name, now }))) return;
  const desks = (await listDeskRolesOf(trx, input.staffId)).map((r) => r.deskId);
  const audit: AuditEntry[] = [];
  const cases = await casesNamingAccount(trx, desks, accountIndexesForLookup(ctx.cipher, name));
  for (const caseId of cases) {
    audit.push(...await recuseStaff(trx, { caseId, userIds: [input.staffId], source: 'linked_account', cause: { kind: 'system', id: null }, now }));
  }
  await appendAudit(trx, auditChain(ctx), {
    at: now, actorKind: input.by === null ? 'system' : 'staff', actorId: input.by, action: 'staff.account_linked', caseId: null,
    detail: { staffId: input.staffId, accountKey: key, casesRecused: cases.length },
  });
  await appendAuditEntries(trx, auditChain(ctx), audit);
}

/** Links an account name to the actor's own Haven account (the console's account page). */
export async function linkOwnAccount(ctx: ServiceContext, staffId: string, name: string): Promise<LinkedAccount[]> {
  await ctx.db.transaction().execute((trx) => linkAccountIn(trx, ctx, { staffId, name, by: staffId }));
  return listLinkedAccounts(ctx, staffId);
}

/**
 * Unlinks one of the actor's account names. Recusals it caused stay: a recusal is never lifted
 * by the person recused, and the cases that named the account still do.
 */
export async function unlinkOwnAccount(ctx: ServiceContext, staffId: string, name: string): Promise<LinkedAccount[]> {
  const key = accountIndex(ctx.cipher, name);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteStaffAccount(trx, { userId: staffId, keys: accountIndexesForLookup(ctx.cipher, name) }))) {
      throw new AppError('not_found', 'That account name is not linked to you.', [{ path: 'name', message: 'Not linked.' }]);
    }
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: staffId, action: 'staff.account_unlinked', caseId: null, detail: { staffId, accountKey: key },
    });
  });
  return listLinkedAccounts(ctx, staffId);
}
