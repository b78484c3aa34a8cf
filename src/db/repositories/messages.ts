import { MESSAGE_DELIVERIES, type MessageDelivery } from '../../domain/case-parts.js';
import { isOneOf } from '../../domain/closed-sets.js';
import { storedValue } from './stored-value.js';
import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';

export interface NewMessage {
  id: string;
  caseId: string;
  /** Who may read it: `party:<id>` for one party's thread, `staff` for the team. */
  audience: string;
  body: string;
  authorKind: 'reporter' | 'staff' | 'system';
  authorId: string | null;
  createdAt: Date;
  /** The next update this message promised its reader, if any. */
  promisedUpdateBy?: Date | null;
  /** The template a reply started from, and whether it was sent despite reading as boilerplate. */
  templateId?: string | null;
  boilerplateConfirmed?: boolean;
  /** How a message to a party reaches them (see MESSAGE_DELIVERIES). */
  delivery?: MessageDelivery | null;
}

/** Stores a message in a case thread. */
export async function insertMessage(db: HavenDb, m: NewMessage): Promise<void> {
  await db
    .insertInto('messages')
    .values({
      id: m.id, case_id: m.caseId, audience: m.audience, body: m.body, author_kind: m.authorKind,
      author_id: m.authorId, created_at: m.createdAt.toISOString(),
      promised_update_by: m.promisedUpdateBy?.toISOString() ?? null, delivery: m.delivery ?? null,
      template_id: m.templateId ?? null, boilerplate_confirmed: m.boilerplateConfirmed === true ? 1 : 0,
    })
    .execute();
}

export interface ConversationRow {
  id: string;
  audience: string;
  body: string;
  authorKind: string;
  authorUsername: string | null;
  createdAt: Date;
  promisedUpdateBy: Date | null;
  templateId: string | null;
  boilerplateConfirmed: boolean;
  delivery: MessageDelivery | null;
}

/** Every party's thread on a case, oldest first, with the staff author's username. */
export async function listConversation(db: HavenDb, caseId: string): Promise<ConversationRow[]> {
  const rows = await db
    .selectFrom('messages')
    .leftJoin('staff_users', (join) =>
      join.onRef('staff_users.id', '=', 'messages.author_id').on('messages.author_kind', '=', 'staff'))
    .select([
      'messages.id', 'messages.audience', 'messages.body', 'messages.author_kind', 'staff_users.username',
      'messages.created_at', 'messages.promised_update_by', 'messages.template_id', 'messages.boilerplate_confirmed', 'messages.delivery',
    ])
    .where('messages.case_id', '=', caseId)
    .where('messages.audience', 'like', 'party:%')
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, audience: r.audience, body: r.body, authorKind: r.author_kind, authorUsername: r.username,
    createdAt: toDate(r.created_at), promisedUpdateBy: toDateOrNull(r.promised_update_by),
    templateId: r.template_id, boilerplateConfirmed: r.boilerplate_confirmed === 1,
    delivery: r.delivery === null ? null : storedValue(r.delivery, (v): v is MessageDelivery => isOneOf(MESSAGE_DELIVERIES, v), 'messages.delivery'),
  }));
}

/** The words of one message of a case, for the email that carries it; null when it is gone. */
export async function findMessageBody(db: HavenDb, caseId: string, messageId: string): Promise<string | null> {
  const row = await db.selectFrom('messages').select('body').where('case_id', '=', caseId).where('id', '=', messageId).executeTakeFirst();
  return row?.body ?? null;
}
