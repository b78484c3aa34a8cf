import { readerLanguage, translator } from '../i18n.js';

/**
 * A message from the desk to a reported person, who has no page on Haven: the message itself
 * goes by email. It passed the leak guard (or a handler overrode it, with a reason) before it
 * was stored, so the body is sent as written, as plain text.
 */
export function composePartyMessageEmail(input: { reference: string; language: string; body: string }): { subject: string; text: string } {
  const t = translator('email', readerLanguage(input.language));
  const paragraphs = [t('receipt.greeting'), input.body, t('receipt.signature'), `--\n${t('partyMessage.why', { reference: input.reference })}`];
  return { subject: t('partyMessage.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
