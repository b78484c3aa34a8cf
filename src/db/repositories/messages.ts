import type { HavenDb } from '../connection.js';

export interface NewMessage {
  id: string;
  caseId: string;
  /** Who may read it: `party:<id>` for one party's thread, `staff` for the team. */
  audience: string;
  body: string;
  authorKind: 'reporter' | 'staff' | 'system';
  authorId: string | null;
  createdAt: Date;
}

/** Stores a message in a case thread. */
export async function insertMessage(db: HavenDb, m: NewMessage): Promise<void> {
  await db
    .insertInto('messages')
    .values({
      id: m.id, case_id: m.caseId, audience: m.audience, body: m.body, author_kind: m.authorKind,
      author_id: m.authorId, created_at: m.createdAt.toISOString(),
    })
    .execute();
}
