import type { ReportInput } from '../../src/shared/report-input.js';
import { makeReportInput } from './factories.js';
import type { TestApp } from './test-app.js';

export interface FiledReport { reference: string; accessCode: string; input: ReportInput }

/** Files a report through the public API, as a reporter would, and returns what they were given. */
export async function fileReport(t: TestApp, overrides: Partial<ReportInput> = {}): Promise<FiledReport> {
  const input = makeReportInput(overrides);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: input });
  if (response.statusCode !== 201) throw new Error(`filing failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ reference: string; accessCode: string }>();
  return { ...body, input };
}

const TABLES = [
  'cases', 'case_parties', 'evidence', 'case_events', 'messages', 'reporter_access', 'reporter_sessions',
  'jobs', 'audit_log', 'counters', 'staff_users', 'staff_sessions', 'intake_receipts', 'reporter_sign_in_links', 'sign_in_link_requests',
  'desks', 'staff_desk_roles', 'reply_templates', 'case_closings', 'emergency_alerts', 'desk_emergency_settings', 'staff_duty', 'desk_rota',
  'evidence_files',
  'case_referrals', 'desk_venue_addresses',
] as const;

/** Row counts of every table a request could write to, to show that a refused request stored nothing. */
export async function tableCounts(t: TestApp, except: readonly (typeof TABLES)[number][] = []): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    if (except.includes(table)) continue;
    const row = await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}
