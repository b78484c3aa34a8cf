import { translator } from '../i18n.js';

/**
 * Asks a reviewer to review a case. It names the case and links to it, never what the report
 * says or anyone in it: the email leaves Haven, the case page checks who opens it.
 */
export function composeReviewRequestEmail(input: { reference: string; caseUrl: string }): { subject: string; text: string } {
  // Staff emails use the desk's language; the message catalogue has English today.
  const t = translator('email', 'en');
  const paragraphs = [t('review.body', { reference: input.reference }), `${t('reminder.link')}\n${input.caseUrl}`, `--\n${t('review.why')}`];
  return { subject: t('review.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
