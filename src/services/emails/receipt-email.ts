import { readerLanguage, translator } from '../i18n.js';
import { formatDue } from './reply-notice-email.js';

/** The receipt email text, all in one language (see readerLanguage). It names the case but never carries the access code. */
export function composeReceiptEmail(input: { reference: string; language: string; dueAt: Date; statusUrl: string; emergency: boolean }): { subject: string; text: string } {
  const language = readerLanguage(input.language);
  const t = translator('email', language);
  const due = formatDue(language, input.dueAt);
  // Someone in danger reads the advice to contact emergency services before anything else.
  const paragraphs = [
    ...(input.emergency ? [t('receipt.danger')] : []),
    t('receipt.greeting'),
    t('receipt.body', { reference: input.reference }),
    `${t('receipt.next', { due })}\n${input.statusUrl}`,
    t('receipt.code'),
    t('receipt.signature'),
    `--\n${t('receipt.why')}`,
  ];
  return { subject: t('receipt.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
