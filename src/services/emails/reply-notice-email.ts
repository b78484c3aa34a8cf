import { readerLanguage, translator } from '../i18n.js';

/**
 * The notice that a reply is waiting. It names the case and, when one was made, the date of
 * the next promised update, but never carries the reply: a mailbox may be shared or read
 * over a shoulder, while the status page needs the access code.
 */
export function composeReplyNoticeEmail(input: {
  reference: string; language: string; statusUrl: string; promisedUpdateBy: Date | null;
}): { subject: string; text: string } {
  const language = readerLanguage(input.language);
  const t = translator('email', language);
  const paragraphs = [
    t('receipt.greeting'),
    `${t('replyNotice.body', { reference: input.reference })}\n${input.statusUrl}`,
    ...(input.promisedUpdateBy === null ? [] : [t('replyNotice.promise', { due: formatDue(language, input.promisedUpdateBy) })]),
    t('receipt.code'),
    t('receipt.signature'),
    `--\n${t('replyNotice.why')}`,
  ];
  return { subject: t('replyNotice.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}

/** A due time as a reader in `language` writes it, in UTC (the email says so); pass a readerLanguage. */
export function formatDue(language: string, due: Date): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(due);
}
