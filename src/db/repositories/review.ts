import { DEFAULT_REQUIRED_SIGN_OFFS } from '../../domain/closing-guards.js';
import { SIGN_OFF_DECISIONS, type ReviewSettings, type SignOffDecision } from '../../domain/review.js';
import type { HavenDb } from '../connection.js';
import { toDate } from '../schema.js';
import { storedValue } from './stored-value.js';

const isDecision = (v: string): v is SignOffDecision => (SIGN_OFF_DECISIONS as readonly string[]).includes(v);

/** A desk's review settings, or the defaults when its admins set none. */
export async function reviewSettingsOf(db: HavenDb, deskId: string): Promise<ReviewSettings> {
  const row = await db.selectFrom('desk_review_settings').select(['required_sign_offs', 'reviewer_group'])
    .where('desk_id', '=', deskId).executeTakeFirst();
  return row === undefined
    ? { requiredSignOffs: DEFAULT_REQUIRED_SIGN_OFFS, reviewerGroup: null }
    : { requiredSignOffs: row.required_sign_offs, reviewerGroup: row.reviewer_group };
}

/** Sets a desk's review settings. */
export async function saveReviewSettings(db: HavenDb, deskId: string, settings: ReviewSettings): Promise<void> {
  await db.insertInto('desk_review_settings')
    .values({ desk_id: deskId, required_sign_offs: settings.requiredSignOffs, reviewer_group: settings.reviewerGroup })
    .onConflict((oc) => oc.column('desk_id').doUpdateSet({ required_sign_offs: settings.requiredSignOffs, reviewer_group: settings.reviewerGroup }))
    .execute();
}

/** Marks a case as needing review with this many sign-offs. */
export async function markCaseForReview(db: HavenDb, input: { caseId: string; requiredSignOffs: number; now: Date }): Promise<void> {
  await db.updateTable('cases').set({ requires_review: 1, required_sign_offs: input.requiredSignOffs, updated_at: input.now.toISOString() })
    .where('id', '=', input.caseId).execute();
}

/** One sign-off, with the reviewer's name. */
export interface SignOffRow { staffId: string; username: string; decision: SignOffDecision; comment: string; at: Date }

/** A case's sign-offs, oldest first. */
export async function listSignOffs(db: HavenDb, caseId: string): Promise<SignOffRow[]> {
  const rows = await db.selectFrom('case_sign_offs').innerJoin('staff_users', 'staff_users.id', 'case_sign_offs.staff_id')
    .select(['case_sign_offs.staff_id', 'staff_users.username', 'case_sign_offs.decision', 'case_sign_offs.comment', 'case_sign_offs.signed_at'])
    .where('case_sign_offs.case_id', '=', caseId).orderBy('case_sign_offs.signed_at').orderBy('case_sign_offs.id').execute();
  return rows.map((r) => ({
    staffId: r.staff_id, username: r.username, decision: storedValue(r.decision, isDecision, 'case_sign_offs.decision'),
    comment: r.comment, at: toDate(r.signed_at),
  }));
}

/** Records a sign-off; the unique (case, staff) constraint refuses a second one by the same person. */
export async function insertSignOff(db: HavenDb, input: {
  id: string; caseId: string; staffId: string; decision: SignOffDecision; comment: string; at: Date;
}): Promise<void> {
  await db.insertInto('case_sign_offs').values({
    id: input.id, case_id: input.caseId, staff_id: input.staffId, decision: input.decision, comment: input.comment, signed_at: input.at.toISOString(),
  }).execute();
}

/** The staff ids and emails (sealed) of a desk's reviewers: its reviewer role, and its reviewer group's members there. */
export async function listReviewersOf(db: HavenDb, deskId: string, group: string | null): Promise<{ id: string; emailEnc: string | null }[]> {
  const rows = await db.selectFrom('staff_desk_roles').innerJoin('staff_users', 'staff_users.id', 'staff_desk_roles.user_id')
    .select(['staff_users.id', 'staff_users.email_enc'])
    .where('staff_desk_roles.desk_id', '=', deskId)
    .where('staff_users.disabled', '=', 0)
    .where((eb) => {
      const reviewer = eb('staff_desk_roles.role', '=', 'reviewer');
      if (group === null || group === '') return reviewer;
      return eb.or([reviewer, eb.exists(eb.selectFrom('staff_group_members').select('staff_group_members.user_id')
        .whereRef('staff_group_members.user_id', '=', 'staff_users.id').where('staff_group_members.group_id', '=', group))]);
    })
    .orderBy('staff_users.id').execute();
  return rows.map((r) => ({ id: r.id, emailEnc: r.email_enc }));
}

/** One note of a review's discussion. */
export interface ReviewNoteRow { id: string; authorUsername: string | null; body: string; at: Date }

/** A case's review discussion, oldest first. */
export async function listReviewNotes(db: HavenDb, caseId: string): Promise<ReviewNoteRow[]> {
  const rows = await db.selectFrom('case_review_notes').leftJoin('staff_users', 'staff_users.id', 'case_review_notes.author_id')
    .select(['case_review_notes.id', 'staff_users.username', 'case_review_notes.body', 'case_review_notes.written_at'])
    .where('case_review_notes.case_id', '=', caseId).orderBy('case_review_notes.written_at').orderBy('case_review_notes.id').execute();
  return rows.map((r) => ({ id: r.id, authorUsername: r.username, body: r.body, at: toDate(r.written_at) }));
}

/** Adds a note to a case's review discussion. */
export async function insertReviewNote(db: HavenDb, input: { id: string; caseId: string; authorId: string; body: string; at: Date }): Promise<void> {
  await db.insertInto('case_review_notes').values({
    id: input.id, case_id: input.caseId, author_id: input.authorId, body: input.body, written_at: input.at.toISOString(),
  }).execute();
}
