import { STAFF_NOTICE_REASONS, type StaffNoticeReason } from '../job-kinds.js';
import { translator } from '../i18n.js';

/** Narrows a stored reason to a known one. */
export function isStaffNoticeReason(value: string): value is StaffNoticeReason {
  return (STAFF_NOTICE_REASONS as readonly string[]).includes(value);
}

/** A notice to staff about a case. Like a reminder it names the case and what happened, never what anyone wrote. */
export function composeStaffNoticeEmail(input: {
  reference: string; reason: StaffNoticeReason; days: number; caseUrl: string;
}): { subject: string; text: string } {
  // Staff notices use the desk's language; the message catalogue has English today.
  const t = translator('email', 'en');
  const paragraphs = [
    t(`staffNotice.body.${input.reason}`, { reference: input.reference, days: String(input.days) }),
    `${t('staffNotice.link')}\n${input.caseUrl}`,
    `--\n${t('staffNotice.why')}`,
  ];
  return { subject: t(`staffNotice.subject.${input.reason}`, { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
