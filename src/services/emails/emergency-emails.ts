import type { Category } from '../../domain/categories.js';
import { translator } from '../i18n.js';
import { formatDue } from './reply-notice-email.js';

/** How long a report has waited, in words of the catalog. */
function waitingWords(t: ReturnType<typeof translator>, waitedMs: number): string {
  const minutes = Math.floor(Math.max(0, waitedMs) / 60_000);
  return minutes < 1 ? t('emergencyAlert.waiting.now') : t('emergencyAlert.waiting.minutes', { minutes: String(minutes) });
}

/**
 * The alert to a staff member: the reference, the category and the waiting time, a link to the
 * case and what to do. Never the report's text or anything about the reporter.
 */
export function composeEmergencyAlertEmail(input: {
  reference: string; category: Category; waitedMs: number; caseUrl: string; forwardAfterMinutes: number;
}): { subject: string; text: string } {
  // Staff emails use the desk's language; the catalog has English today.
  const t = translator('email', 'en');
  const paragraphs = [
    t('emergencyAlert.body', { reference: input.reference, category: t(`category.${input.category}`), waiting: waitingWords(t, input.waitedMs) }),
    t('emergencyAlert.todo', { caseUrl: input.caseUrl, forwardAfter: String(input.forwardAfterMinutes) }),
    `--\n${t('emergencyAlert.why')}`,
  ];
  return { subject: t('emergencyAlert.subject', { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}

/**
 * The emergency packet to a desk's emergency (or fallback) contact: reference, category, the
 * report's text and evidence links, the reporter's address only when they agreed to share it
 * with this audience, and the link by which the contact confirms receipt.
 */
export function composeEmergencyPacketEmail(input: {
  to: 'contact' | 'fallback'; reference: string; deskName: string; category: Category; receivedAt: Date; reportText: string;
  evidence: string[]; reporterAddress: string | null; confirmUrl: string;
}): { subject: string; text: string } {
  const t = translator('email', 'en');
  const paragraphs = [
    t(input.to === 'contact' ? 'emergencyPacket.intro.contact' : 'emergencyPacket.intro.fallback', { desk: input.deskName }),
    t('emergencyPacket.facts', { reference: input.reference, category: t(`category.${input.category}`), received: formatDue('en', input.receivedAt) }),
    `${t('emergencyPacket.text')}\n\n${input.reportText}`,
    input.evidence.length === 0 ? t('emergencyPacket.noEvidence') : `${t('emergencyPacket.evidence')}\n${input.evidence.map((url) => `- ${url}`).join('\n')}`,
    input.reporterAddress === null ? t('emergencyPacket.noReporterContact') : t('emergencyPacket.reporterContact', { address: input.reporterAddress }),
    `${t('emergencyPacket.confirm')}\n${input.confirmUrl}`,
    `--\n${t('emergencyPacket.why')}`,
  ];
  return { subject: t('emergencyPacket.subject', { reference: input.reference, desk: input.deskName }), text: paragraphs.join('\n\n') + '\n' };
}
