import type { ReferralPacket } from '../../shared/api/referrals.js';
import { translator } from '../i18n.js';
import { formatDue } from './reply-notice-email.js';

/**
 * The referral packet as an email to the venue: the handler's summary, the people only as far as
 * consent allows, the evidence that may leave, an excerpt of the timeline (kinds and moments, not
 * words), and a plain list of what stayed on the desk. Built from the packet as it was recorded,
 * so the email says exactly what the case's record says was sent.
 */
export function composeReferralEmail(input: {
  deskName: string; venueName: string; packet: ReferralPacket; reporterAddress: string | null;
}): { subject: string; text: string } {
  const t = translator('email', 'en');
  const label = translator('console', 'en');
  const { packet } = input;
  const people = [
    packet.reporterUsername === null ? t('referral.reporterNotShared') : t('referral.reporter', { username: packet.reporterUsername }),
    input.reporterAddress === null ? t('referral.reporterContactNotShared') : t('referral.reporterContact', { address: input.reporterAddress }),
    packet.targetUsername === null ? t('referral.targetNotShared') : t('referral.target', { username: packet.targetUsername }),
  ];
  const paragraphs = [
    t('referral.intro', { desk: input.deskName, venue: input.venueName, reference: packet.reference }),
    `${t('referral.summary')}\n\n${packet.summary}`,
    people.join('\n'),
    packet.evidence.length === 0 ? t('referral.noEvidence') : `${t('referral.evidence')}\n${packet.evidence.map((e) => `- ${e.url}`).join('\n')}`,
    `${t('referral.timeline')}\n${packet.timeline.map((e) => `- ${formatDue('en', new Date(e.at))}: ${label(`timeline.type.${e.type}`)}`).join('\n')}`,
    packet.leftOut.length === 0 ? t('referral.nothingLeftOut')
      : `${t('referral.leftOut')}\n${packet.leftOut.map((l) => `- ${t(`referral.leftOut.${l.what}`)} (${t(`referral.leftOutWhy.${l.why}`)})`).join('\n')}`,
    `--\n${t('referral.why')}`,
  ];
  return { subject: t('referral.subject', { reference: packet.reference, desk: input.deskName }), text: paragraphs.join('\n\n') + '\n' };
}
