import type { Mailer } from '../../integrations/mail/mailer.js';

/**
 * Hands one email about a case to the mailer. The Message-ID is derived from the job, so a
 * retry after a crash carries the same one and a receiver can drop the duplicate; the
 * headers mark it as automatic so vacation responders stay quiet.
 */
export async function sendCaseEmail(
  deps: { mailer: Mailer; mailDomain: string },
  input: { jobId: string; reference: string; to: string; mail: { subject: string; text: string } },
): Promise<void> {
  await deps.mailer.send({
    to: input.to, subject: input.mail.subject, text: input.mail.text,
    messageId: `<${input.jobId}@${deps.mailDomain}>`,
    headers: { 'X-Haven-Case': input.reference, 'Auto-Submitted': 'auto-generated' },
  });
}
