import { readerLanguage, translator } from '../i18n.js';
import { formatDue } from './reply-notice-email.js';

/**
 * The sign-in link for a reporter who lost their code, in one language (see readerLanguage).
 * It carries the link, which works once and briefly, and never the access code: the code
 * exists nowhere in clear after the receipt, and a mailbox is not where it should live.
 */
export function composeSignInLinkEmail(input: { reference: string; language: string; link: string; expiresAt: Date }): { subject: string; text: string } {
  const language = readerLanguage(input.language);
  const t = translator('email', language);
  const paragraphs = [
    t('receipt.greeting'),
    `${t('signInLink.body', { reference: input.reference, expires: formatDue(language, input.expiresAt) })}\n${input.link}`,
    t('signInLink.ignore'),
    t('signInLink.code'),
    t('receipt.signature'),
    `--\n${t('signInLink.why')}`,
  ];
  return { subject: t('signInLink.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
