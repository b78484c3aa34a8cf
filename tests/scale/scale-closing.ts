import type { CheckList } from '../crash/harness/checks.js';
import { inParallel, request, cookieFrom, type Session } from './http.js';
import type { CaseResponse as CaseBody } from '../../src/shared/api/cases.js';
import type { ReporterCaseResponse as ReporterCase } from '../../src/shared/api/reporter.js';
import type { Filed } from './scale-steps.js';

const at = (urls: string[], i: number): string => urls[i % urls.length]!;

/**
 * Cases closed through one instance are read closed, with their record, through a second, and
 * the reporter reads the closing message and its next steps through a third.
 */
export async function checkClosing(checks: CheckList, urls: string[], s: { alice: Session; bob: Session }, cases: Filed[]): Promise<void> {
  const problems: string[] = [];
  await inParallel(cases, 6, async (f, j) => {
    const author = j % 2 === 0 ? s.alice : s.bob;
    const view = await request<CaseBody>(at(urls, j), 'GET', `/api/v1/cases/${f.reference}`, { session: author });
    const partyId = view.body.case.parties.find((p) => p.role === 'reporter')?.id;
    const nextSteps = `Scale next steps ${j}: write to us again if it starts again.`;
    const closed = await request<CaseBody>(at(urls, j + 1), 'POST', `/api/v1/cases/${f.reference}/close`, {
      session: author,
      body: {
        outcome: 'non_actionable', closingRecord: { summary: `Scale case ${j}.`, findings: 'Nothing the desk can act on.' },
        messages: [{ partyId, body: `Closing ${f.reference}: we cannot act on this.` }], nextSteps,
      },
    });
    const read = await request<CaseBody>(at(urls, j + 2), 'GET', `/api/v1/cases/${f.reference}`, { session: author });
    const opened = await request(at(urls, j + 3), 'POST', '/api/v1/reporter/session', { body: { accessCode: f.accessCode } });
    const cookie = opened.status === 200 ? cookieFrom(opened.setCookie, 'haven_reporter') : '';
    const seen = await request<ReporterCase>(at(urls, j + 4), 'GET', '/api/v1/reporter/case', { session: { cookie } });
    const ok = closed.status === 200 && read.body.case.status === 'closed' && read.body.case.closing?.nextSteps === nextSteps &&
      seen.status === 200 && seen.body.case.status === 'closed' && seen.body.case.messages.some((m) => m.from === 'staff' && m.body.includes(nextSteps));
    if (!ok) problems.push(`${f.reference}: close ${closed.status}, read ${read.body.case.status}, reporter ${seen.status}`);
  });
  checks.check('a case closed through one instance reads closed, with its record and its next steps, through the others',
    problems.length === 0, problems.length === 0 ? `${cases.length} cases closed and read back elsewhere` : problems.slice(0, 3).join('; '));
}
