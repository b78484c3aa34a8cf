import { findIntakeReceipt, takeIntakeCode } from '../db/repositories/intake-receipts.js';
import { canShowCode } from '../domain/intake-limits.js';
import { intakeKeyIds } from './file-report-once.js';
import { SEALED, type ServiceContext } from './context.js';

/** What the receipt page shows: the reference, and the access code the first time only. */
export interface ShownReceipt {
  reference: string;
  /** Null once it was shown (or 15 minutes passed): it is then nowhere in clear, nor sealed. */
  accessCode: string | null;
  immediateDanger: boolean;
  firstResponseDueAt: Date;
  emailQueued: boolean;
}

/**
 * The receipt of a report sent from the form, found by the form's token. The sealed code is
 * taken out (cleared in the database) before it is shown, so a reload, a second tab or the
 * back button never shows it again. The report itself committed before the form's redirect
 * led here. Null for a token Haven does not know, or no longer remembers.
 */
export async function showReceipt(ctx: ServiceContext, formToken: string): Promise<ShownReceipt | null> {
  const now = ctx.now();
  const receipt = await findIntakeReceipt(ctx.db, intakeKeyIds(ctx, 'form', formToken), now);
  if (receipt === null) return null;
  const sealed = receipt.codeEnc;
  const take = sealed !== null && canShowCode({ hasCode: true, codeUntil: receipt.codeUntil }, now)
    && await takeIntakeCode(ctx.db, { id: receipt.id, codeEnc: sealed, now });
  return {
    reference: receipt.reference,
    accessCode: take ? ctx.cipher.open(sealed, `${SEALED.intakeCode}:${receipt.id}`) : null,
    immediateDanger: receipt.immediateDanger,
    firstResponseDueAt: receipt.firstResponseDueAt,
    emailQueued: receipt.emailQueued,
  };
}
