import { REMINDER_EVENT_TYPES, type ReminderEventType } from '../../domain/case-events.js';
import { translator } from '../i18n.js';
import { formatDue } from './reply-notice-email.js';

/** The reason a reminder email gives: the reminder event it records, one per clock and stage. */
export type ReminderReason = ReminderEventType | 'follow_up_due';

/** Narrows a stored reason to a known one. */
export function isReminderReason(value: string): value is ReminderReason {
  return value === 'follow_up_due' || (REMINDER_EVENT_TYPES as readonly string[]).includes(value);
}

/** A reminder to staff. It names the case and the clock, never what the report says. */
export function composeStaffReminderEmail(input: {
  reference: string; reason: ReminderReason; dueAt: Date; caseUrl: string;
}): { subject: string; text: string } {
  // Staff reminders use the desk's language; the message catalogue has English today.
  const t = translator('email', 'en');
  const due = formatDue('en', input.dueAt);
  const paragraphs = [
    t(`reminder.body.${input.reason}`, { reference: input.reference, due }),
    `${t('reminder.link')}\n${input.caseUrl}`,
    `--\n${t('reminder.why')}`,
  ];
  return { subject: t(`reminder.subject.${input.reason}`, { reference: input.reference }), text: paragraphs.join('\n\n') + '\n' };
}
