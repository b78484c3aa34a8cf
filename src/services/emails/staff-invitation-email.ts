import { translator } from '../i18n.js';
import { formatDue } from './reply-notice-email.js';

/** The invitation to set up a staff account: the desk, the username, and the one-time link. */
export function composeStaffInvitationEmail(input: { username: string; deskName: string; link: string; expiresAt: Date }): { subject: string; text: string } {
  // Staff mail is in English until the catalog has other languages for it (like reminders).
  const t = translator('email', 'en');
  const paragraphs = [
    t('invitation.body', { desk: input.deskName, username: input.username, expires: formatDue('en', input.expiresAt) }),
    input.link,
    t('invitation.ignore'),
    `--\n${t('invitation.why')}`,
  ];
  return { subject: t('invitation.subject', { desk: input.deskName }), text: paragraphs.join('\n\n') + '\n' };
}
