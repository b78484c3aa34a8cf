import type { AuditAction } from '../../src/domain/audit-actions.js';
import type { TestApp } from './test-app.js';

/** The details of a case's audit rows of one action, oldest first, as stored. */
export async function auditDetails(t: TestApp, caseId: string, action: AuditAction): Promise<unknown[]> {
  const rows = await t.ctx.db.selectFrom('audit_log').select('detail').where('case_id', '=', caseId).where('action', '=', action).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.detail) as unknown);
}
