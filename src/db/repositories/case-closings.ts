import { isOutcome, type Outcome } from '../../domain/case-lifecycle.js';
import { isSanctionKind, type SanctionRecord } from '../../domain/closing-actions.js';
import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';
import { storedValue } from './stored-value.js';

/** Who looked at a case, with the name they had when it closed. */
export interface Looker { id: string; username: string }

/** The record of one close. */
export interface CaseClosing {
  id: string;
  caseId: string;
  outcome: Outcome;
  summary: string;
  findings: string;
  reviewedBy: Looker[];
  actions: SanctionRecord[];
  nextSteps: string | null;
  duplicateOf: string | null;
  followUpAt: Date | null;
  closedBy: string | null;
  closedAt: Date;
}

/** Stores a closing record, in the close's transaction. */
export async function insertClosing(db: HavenDb, c: CaseClosing): Promise<void> {
  await db.insertInto('case_closings').values({
    id: c.id, case_id: c.caseId, outcome: c.outcome, summary: c.summary, findings: c.findings,
    reviewed_by: JSON.stringify(c.reviewedBy), actions: JSON.stringify(c.actions), next_steps: c.nextSteps,
    duplicate_of: c.duplicateOf, follow_up_at: c.followUpAt?.toISOString() ?? null, closed_by: c.closedBy,
    closed_at: c.closedAt.toISOString(),
  }).execute();
}

/** The latest closing record of a case (the one that stands while it is closed), or null. */
export async function latestClosing(db: HavenDb, caseId: string): Promise<CaseClosing | null> {
  const r = await db.selectFrom('case_closings')
    .select(['id', 'case_id', 'outcome', 'summary', 'findings', 'reviewed_by', 'actions', 'next_steps', 'duplicate_of', 'follow_up_at', 'closed_by', 'closed_at'])
    .where('case_id', '=', caseId).orderBy('closed_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  if (r === undefined) return null;
  return {
    id: r.id, caseId: r.case_id, outcome: storedValue(r.outcome, isOutcome, 'case_closings.outcome'),
    summary: r.summary, findings: r.findings, reviewedBy: parseLookers(r.reviewed_by), actions: parseActions(r.actions),
    nextSteps: r.next_steps, duplicateOf: r.duplicate_of, followUpAt: toDateOrNull(r.follow_up_at),
    closedBy: r.closed_by, closedAt: toDate(r.closed_at),
  };
}

function parseLookers(json: string): Looker[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new Error('case_closings.reviewed_by is not a list');
  return value.map((v: unknown) => {
    const o = v as Partial<Looker> | null;
    if (typeof o?.id !== 'string' || typeof o.username !== 'string') throw new Error('case_closings.reviewed_by holds a bad entry');
    return { id: o.id, username: o.username };
  });
}

function parseActions(json: string): SanctionRecord[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new Error('case_closings.actions is not a list');
  return value.map((v: unknown) => {
    const o = (v ?? {}) as Record<string, unknown>;
    const str = (k: string): string | null => (typeof o[k] === 'string' ? o[k] : null);
    return {
      partyId: str('partyId') ?? '', kind: storedValue(str('kind') ?? '', isSanctionKind, 'case_closings.actions.kind'),
      description: str('description'), expiresAt: str('expiresAt'), logUrl: str('logUrl'), appeal: str('appeal') ?? '',
    };
  });
}

/** Staff who acted on the case, from its timeline, in the order they first appear. */
export async function listStaffOnTimeline(db: HavenDb, caseId: string): Promise<Looker[]> {
  const rows = await db.selectFrom('case_events')
    .innerJoin('staff_users', 'staff_users.id', 'case_events.actor_id')
    .select(['staff_users.id', 'staff_users.username'])
    .select((eb) => eb.fn.min('case_events.at').as('first_at'))
    .where('case_events.case_id', '=', caseId).where('case_events.actor_kind', '=', 'staff')
    .groupBy(['staff_users.id', 'staff_users.username'])
    .orderBy('first_at').execute();
  return rows.map((r) => ({ id: r.id, username: r.username }));
}
