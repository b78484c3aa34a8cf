import { findCase } from '../db/repositories/cases.js';
import { findStaffEmail } from '../db/repositories/staff.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { sendCaseEmail } from './emails/send-case-email.js';
import { composeStaffReminderEmail, isReminderReason } from './emails/staff-reminder-email.js';
import { SEALED, type ServiceContext } from './context.js';
import type { StaffReminderPayload } from './job-kinds.js';

/** Emails one staff member a reminder; skipped when the case, the account or its address is gone. */
export async function deliverStaffReminder(
  ctx: ServiceContext,
  deps: { mailer: Mailer; publicUrl: string; mailDomain: string },
  jobId: string,
  payload: StaffReminderPayload,
): Promise<'sent' | 'skipped'> {
  if (!isReminderReason(payload.reason)) throw new Error(`Unknown reminder reason: ${payload.reason}`);
  const kase = await findCase(ctx.db, { id: payload.caseId });
  const staff = await findStaffEmail(ctx.db, payload.staffId);
  if (kase === null || staff === null) return 'skipped';
  const mail = composeStaffReminderEmail({
    reference: kase.reference, reason: payload.reason, dueAt: new Date(payload.dueAt),
    caseUrl: `${deps.publicUrl}/desk/cases/${encodeURIComponent(kase.reference)}`,
  });
  await sendCaseEmail(deps, { jobId, reference: kase.reference, to: ctx.cipher.open(staff.emailEnc, SEALED.staffEmail), mail });
  return 'sent';
}
