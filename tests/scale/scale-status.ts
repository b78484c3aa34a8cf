import type { CheckList } from '../crash/harness/checks.js';
import { inParallel, request, type Session } from './http.js';
import type { CaseResponse as CaseBody, QueueResponse } from '../../src/shared/api/cases.js';
import type { Filed } from './scale-steps.js';

const at = (urls: string[], i: number): string => urls[i % urls.length]!;

/**
 * Status moves written through one instance are read through the others: each acknowledged
 * case moves to investigating, then to waiting on the reporter, each move through a different
 * instance, and a third reads the case and the queue. Run after the job checks, since a wait
 * queues its silence reminder a week out.
 */
export async function checkStatusMoves(checks: CheckList, urls: string[], who: Session, cases: Filed[]): Promise<void> {
  const problems: string[] = [];
  await inParallel(cases, 6, async (f, j) => {
    const first = await request<CaseBody>(at(urls, j), 'POST', `/api/v1/cases/${f.reference}/status`, { session: who, body: { to: 'investigating' } });
    const second = await request<CaseBody>(at(urls, j + 1), 'POST', `/api/v1/cases/${f.reference}/status`,
      { session: who, body: { to: 'waiting', waitingOn: 'reporter', remindAfterDays: 7 } });
    const seen = await request<CaseBody>(at(urls, j + 2), 'GET', `/api/v1/cases/${f.reference}`, { session: who });
    const ok = first.status === 200 && second.status === 200 && seen.status === 200 && seen.body.case.status === 'waiting' &&
      seen.body.case.waiting?.on === 'reporter' && seen.body.case.timeline.filter((e) => e.type === 'status_changed').length >= 2;
    if (!ok) problems.push(`${f.reference}: moves ${first.status}/${second.status}, read ${seen.status} ${seen.body.case?.status ?? ''}`);
  });
  const queue = await request<QueueResponse>(at(urls, 1), 'GET', '/api/v1/cases?status=waiting&limit=100', { session: who });
  const listed = new Set(queue.body.cases.filter((c) => c.waiting?.on === 'reporter').map((c) => c.reference));
  const missing = cases.filter((f) => !listed.has(f.reference));
  checks.check('status moves written through one instance are read through another, and the queue says on whom each case waits',
    problems.length === 0 && missing.length === 0,
    problems.length === 0 && missing.length === 0 ? `${cases.length} cases moved twice, each read back on a third instance` : [...problems, ...missing.map((m) => `${m.reference} not in the waiting queue`)].slice(0, 3).join('; '));
}
