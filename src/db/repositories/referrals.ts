import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';

/** A desk's venue addresses, sealed, by venue id. */
export async function readVenueAddresses(db: HavenDb, deskId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('desk_venue_addresses').select(['venue', 'email_enc']).where('desk_id', '=', deskId).execute();
  return new Map(rows.map((r) => [r.venue, r.email_enc]));
}

/** Sets (or with null removes) where a desk's venue is written to. */
export async function saveVenueAddress(
  db: HavenDb, input: { deskId: string; venue: string; emailEnc: string | null; at: Date; by: string },
): Promise<void> {
  if (input.emailEnc === null) {
    await db.deleteFrom('desk_venue_addresses').where('desk_id', '=', input.deskId).where('venue', '=', input.venue).execute();
    return;
  }
  const values = { email_enc: input.emailEnc, updated_at: input.at.toISOString(), updated_by: input.by };
  await db.insertInto('desk_venue_addresses').values({ desk_id: input.deskId, venue: input.venue, ...values })
    .onConflict((oc) => oc.columns(['desk_id', 'venue']).doUpdateSet(values)).execute();
}

export type ReferralEnd = 'closed' | 'taken_back';

/** A referral as stored. */
export interface ReferralRow {
  id: string; caseId: string; venue: string; sentAt: Date; sentBy: string | null;
  /** The packet as sent, sealed by the service (services/referral-packet-seal.ts), which opens it. */
  packetSealed: string;
  reporterContactEnc: string | null; answer: string | null; answeredAt: Date | null; endedAt: Date | null; endedHow: ReferralEnd | null;
}

/** Records a referral as it is sent. */
export async function insertReferral(
  db: HavenDb, row: { id: string; caseId: string; venue: string; sentAt: Date; sentBy: string; packetSealed: string; reporterContactEnc: string | null },
): Promise<void> {
  await db.insertInto('case_referrals').values({
    id: row.id, case_id: row.caseId, venue: row.venue, sent_at: row.sentAt.toISOString(), sent_by: row.sentBy,
    packet: row.packetSealed, reporter_contact_enc: row.reporterContactEnc,
  }).execute();
}

/** A case's referrals, the oldest first, with the username of who sent each. */
export async function listReferrals(db: HavenDb, caseId: string): Promise<(ReferralRow & { sentByName: string | null })[]> {
  const rows = await db.selectFrom('case_referrals')
    .leftJoin('staff_users', 'staff_users.id', 'case_referrals.sent_by')
    .select([
      'case_referrals.id', 'case_referrals.case_id', 'case_referrals.venue', 'case_referrals.sent_at', 'case_referrals.sent_by',
      'case_referrals.packet', 'case_referrals.reporter_contact_enc', 'case_referrals.answer', 'case_referrals.answered_at',
      'case_referrals.ended_at', 'case_referrals.ended_how', 'staff_users.username',
    ])
    .where('case_referrals.case_id', '=', caseId)
    .orderBy('case_referrals.sent_at').orderBy('case_referrals.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, venue: r.venue, sentAt: toDate(r.sent_at), sentBy: r.sent_by,
    packetSealed: r.packet, reporterContactEnc: r.reporter_contact_enc,
    answer: r.answer, answeredAt: toDateOrNull(r.answered_at), endedAt: toDateOrNull(r.ended_at),
    endedHow: r.ended_how === 'closed' || r.ended_how === 'taken_back' ? r.ended_how : null,
    sentByName: r.username,
  }));
}

/** The referral the case is waiting on, if any. */
export async function findOpenReferral(db: HavenDb, caseId: string): Promise<ReferralRow | null> {
  return (await listReferrals(db, caseId)).find((r) => r.endedAt === null) ?? null;
}

/** One referral by id, within its case. */
export async function findReferral(db: HavenDb, caseId: string, id: string): Promise<ReferralRow | null> {
  return (await listReferrals(db, caseId)).find((r) => r.id === id) ?? null;
}

/** Records the venue's answer to the case's open referral (a later answer replaces an earlier one). */
export async function setReferralAnswer(db: HavenDb, input: { id: string; answer: string; at: Date; by: string }): Promise<void> {
  await db.updateTable('case_referrals').set({ answer: input.answer, answered_at: input.at.toISOString(), answered_by: input.by })
    .where('id', '=', input.id).execute();
}

/** Ends the wait on a case's open referral, if it has one; returns the referral it ended. */
export async function endOpenReferral(db: HavenDb, caseId: string, how: ReferralEnd, at: Date): Promise<ReferralRow | null> {
  const open = await findOpenReferral(db, caseId);
  if (open === null) return null;
  await db.updateTable('case_referrals').set({ ended_at: at.toISOString(), ended_how: how })
    .where('id', '=', open.id).where('ended_at', 'is', null).execute();
  return open;
}
