import { readerLanguage, translator } from '../i18n.js';

/**
 * The first message to the target of a report someone else made: that the desk would like to
 * hear from them, privately, and the code to their own page. It says nothing of the report,
 * of who made it or of whom it is about: the status page, behind the code, is where the desk
 * writes.
 */
export function composePartyAccessCodeEmail(input: { reference: string; language: string; statusUrl: string; code: string }): { subject: string; text: string } {
  const t = translator('email', readerLanguage(input.language));
  const paragraphs = [
    t('receipt.greeting'),
    t('partyAccess.body', { reference: input.reference }),
    `${t('partyAccess.how')}\n${input.statusUrl}\n\n${input.code}`,
    t('partyAccess.keep'),
    t('receipt.signature'),
    `--\n${t('partyAccess.why')}`,
  ];
  return { subject: t('partyAccess.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
