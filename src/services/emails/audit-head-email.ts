import { translator } from '../i18n.js';
import type { ExportedAuditHead } from '../audit-head.js';

/** The audit head as an email to a configured address: the figures, and the head file's own line. */
export function composeAuditHeadEmail(head: ExportedAuditHead): { subject: string; text: string } {
  // Operator mail is in English until the catalog has other languages for it (like reminders).
  const t = translator('email', 'en');
  const paragraphs = [
    t('auditHead.body', { entries: head.entries, at: head.exportedAt }),
    t('auditHead.verify'),
    JSON.stringify(head),
    `--\n${t('auditHead.why')}`,
  ];
  return { subject: t('auditHead.subject', { entries: head.entries }), text: paragraphs.join('\n\n') + '\n' };
}
