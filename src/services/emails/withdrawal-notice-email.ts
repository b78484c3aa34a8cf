import { readerLanguage, translator } from '../i18n.js';

/**
 * The answer to a reporter's request to withdraw when the desk keeps investigating: honest
 * about which it is, and that they can come back. Like a reply notice it does not carry the
 * handler's message, which waits on the status page behind the access code.
 */
export function composeWithdrawalNoticeEmail(input: { reference: string; language: string; statusUrl: string }): { subject: string; text: string } {
  const t = translator('email', readerLanguage(input.language));
  const paragraphs = [
    t('receipt.greeting'),
    t('withdrawal.continue', { reference: input.reference }),
    `${t('withdrawal.comeBack')}\n${input.statusUrl}`,
    t('receipt.signature'),
    `--\n${t('replyNotice.why')}`,
  ];
  return { subject: t('withdrawal.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
