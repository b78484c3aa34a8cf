import { translator } from '../i18n.js';

/** The receipt email text. It names the case but never carries the access code. */
export function composeReceiptEmail(input: { reference: string; language: string; dueAt: Date; statusUrl: string; emergency: boolean }): { subject: string; text: string } {
  const t = translator('email', input.language);
  const due = new Intl.DateTimeFormat(input.language, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(input.dueAt);
  const paragraphs = [
    t('receipt.greeting'),
    t('receipt.body', { reference: input.reference }),
    ...(input.emergency ? [t('receipt.danger')] : []),
    `${t('receipt.next', { due })}\n${input.statusUrl}`,
    t('receipt.code'),
    t('receipt.signature'),
    `--\n${t('receipt.why')}`,
  ];
  return { subject: t('receipt.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
