import { findInvitation } from '../db/repositories/staff-admin.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import { composeStaffInvitationEmail } from './emails/staff-invitation-email.js';
import { SEALED, type ServiceContext } from './context.js';
import type { StaffInvitationEmailPayload } from './job-kinds.js';

/**
 * Sends an invitation's one-time link. The link names the console's page with the token in
 * the fragment (`#…`), which browsers never send to a server, so it stays out of access logs
 * and Referer headers. Skipped when the invitation was used or has expired since it was queued.
 */
export async function deliverStaffInvitation(
  ctx: ServiceContext, deps: { mailer: Mailer; publicUrl: string; mailDomain: string }, jobId: string, payload: StaffInvitationEmailPayload,
): Promise<'sent' | 'skipped'> {
  const invitation = await findInvitation(ctx.db, payload.invitationId);
  if (invitation === null || invitation.usedAt !== null || invitation.expiresAt <= ctx.now()) return 'skipped';
  const token = ctx.cipher.open(payload.tokenEnc, `${SEALED.invitationToken}:${jobId}`);
  const to = ctx.cipher.open(invitation.emailEnc, `${SEALED.invitationEmail}:${invitation.id}`);
  const mail = composeStaffInvitationEmail({
    username: invitation.username, deskName: invitation.deskName, expiresAt: invitation.expiresAt,
    link: `${deps.publicUrl}/desk/invitation#${encodeURIComponent(token)}`,
  });
  await deps.mailer.send({
    to, subject: mail.subject, text: mail.text, messageId: `<${jobId}@${deps.mailDomain}>`, headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return 'sent';
}
