import type { TargetWishes } from '../../domain/consent.js';
import type { HavenDb } from '../connection.js';
import { toDate } from '../schema.js';

const WANTS = ['yes', 'no', 'unsure'] as const;

export interface StoredTargetWishes extends TargetWishes { partyId: string; recordedAt: Date }

/** Records a target's wishes, replacing what was recorded before. */
export async function saveTargetWishes(
  db: HavenDb, row: { partyId: string; caseId: string; wishes: TargetWishes; recordedAt: Date; recordedBy: string },
): Promise<void> {
  const values = {
    wants_action: row.wishes.wantsAction,
    agrees_to_public_steps: row.wishes.agreesToPublicSteps === null ? null : row.wishes.agreesToPublicSteps ? 1 : 0,
    recorded_at: row.recordedAt.toISOString(), recorded_by: row.recordedBy,
  };
  await db.insertInto('target_wishes').values({ party_id: row.partyId, case_id: row.caseId, ...values })
    .onConflict((oc) => oc.column('party_id').doUpdateSet(values)).execute();
}

/** The wishes recorded on a case, per target party. */
export async function listTargetWishes(db: HavenDb, caseId: string): Promise<StoredTargetWishes[]> {
  const rows = await db.selectFrom('target_wishes')
    .select(['party_id', 'wants_action', 'agrees_to_public_steps', 'recorded_at'])
    .where('case_id', '=', caseId).execute();
  return rows.map((r) => ({
    partyId: r.party_id,
    wantsAction: WANTS.find((w) => w === r.wants_action) ?? null,
    agreesToPublicSteps: r.agrees_to_public_steps === null ? null : r.agrees_to_public_steps === 1,
    recordedAt: toDate(r.recorded_at),
  }));
}
