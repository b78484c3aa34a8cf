import type { Migration } from 'kysely';

/** Replies to reporters, promised updates and reminders (filled in by the replies work). */
export function repliesAndRemindersMigration(): Migration {
  return {
    async up(): Promise<void> { /* nothing yet */ },
    async down(): Promise<void> { /* nothing yet */ },
  };
}
