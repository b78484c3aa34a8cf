import { findCase } from '../db/repositories/cases.js';
import { findPartyContact } from '../db/repositories/case-parts.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { sendCaseEmail } from './emails/send-case-email.js';
import { composeReceiptEmail } from './emails/receipt-email.js';
import { SEALED, type ServiceContext } from './context.js';
import type { ReceiptEmailPayload } from './job-kinds.js';

/** Sends the receipt for one report; the address is decrypted only for the moment of sending. */
export async function deliverReceiptEmail(
  ctx: ServiceContext,
  deps: { mailer: Mailer; publicUrl: string; mailDomain: string },
  jobId: string,
  payload: ReceiptEmailPayload,
): Promise<'sent' | 'skipped'> {
  const kase = await findCase(ctx.db, { id: payload.caseId });
  const sealed = await findPartyContact(ctx.db, payload.partyId);
  // The case or the address may have been purged since the job was queued; nothing to send then.
  if (kase === null || sealed === null) return 'skipped';
  const mail = composeReceiptEmail({
    reference: kase.reference, language: payload.language, dueAt: kase.firstResponseDueAt,
    statusUrl: `${deps.publicUrl}/status`, emergency: kase.severity === 'emergency',
  });
  await sendCaseEmail(deps, { jobId, reference: kase.reference, to: ctx.cipher.open(sealed, SEALED.contactEmail), mail });
  return 'sent';
}
