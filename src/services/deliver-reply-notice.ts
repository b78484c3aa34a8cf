import { findCase } from '../db/repositories/cases.js';
import { findPartyContact } from '../db/repositories/case-parts.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { sendCaseEmail } from './emails/send-case-email.js';
import { composeReplyNoticeEmail } from './emails/reply-notice-email.js';
import { SEALED, type ServiceContext } from './context.js';
import type { ReplyNoticePayload } from './job-kinds.js';

/** Tells a reporter a reply is waiting; the address is decrypted only for the moment of sending. */
export async function deliverReplyNotice(
  ctx: ServiceContext,
  deps: { mailer: Mailer; publicUrl: string; mailDomain: string },
  jobId: string,
  payload: ReplyNoticePayload,
): Promise<'sent' | 'skipped'> {
  const kase = await findCase(ctx.db, { id: payload.caseId });
  const sealed = await findPartyContact(ctx.db, payload.partyId);
  if (kase === null || sealed === null) return 'skipped';
  const mail = composeReplyNoticeEmail({
    reference: kase.reference, language: payload.language, statusUrl: `${deps.publicUrl}/status`,
    promisedUpdateBy: kase.nextUpdateDueAt,
  });
  await sendCaseEmail(deps, { jobId, reference: kase.reference, to: ctx.cipher.open(sealed, SEALED.contactEmail), mail });
  return 'sent';
}
