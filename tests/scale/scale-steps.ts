import type { DatabaseHandle } from '../../src/db/connection.js';
import type { CheckList } from '../crash/harness/checks.js';
import type { HavenProcess } from '../crash/harness/haven-process.js';
import { seededRandom } from '../crash/harness/random.js';
import type { SmtpSink } from '../crash/harness/smtp-sink.js';
import { makeTaggedReport } from '../crash/intake-load.js';
import { waitForJobsToSettle } from '../crash/verify-email.js';
import { RECEIPT_EMAIL_JOB } from '../../src/services/job-kinds.js';
import { loadJobs } from './jobs.js';
import type { CaseResponse as CaseBody } from '../../src/shared/api/cases.js';
import { cookieFrom, inParallel, request, signIn, type Session } from './http.js';

export const STAFF = [
  { username: 'alice', password: 'alice has a long passphrase', email: 'alice@desk.example.org' },
  { username: 'bob', password: 'bob has a long passphrase too', email: 'bob@desk.example.org' },
] as const;

export interface Filed { reference: string; accessCode: string; instance: number; email: string }

const at = (urls: string[], i: number): string => urls[i % urls.length]!;

/** A staff session from one instance is valid on all; signing out on one ends it on all. */
export async function checkSessions(checks: CheckList, urls: string[]) {
  const alice = await signIn(at(urls, 0), STAFF[0].username, STAFF[0].password);
  const bob = await signIn(at(urls, 1), STAFF[1].username, STAFF[1].password);
  const seen = await Promise.all(urls.map((u) => request<{ user: { username: string } }>(u, 'GET', '/api/v1/session', { session: alice })));
  checks.check('a staff session cookie from one instance works on every instance',
    seen.every((r) => r.status === 200 && r.body.user.username === 'alice'), seen.map((r, i) => `instance ${i}: ${r.status}`).join(', '));
  return {
    alice, bob,
    async signOutEverywhere(list: CheckList): Promise<void> {
      const out = await request(at(urls, urls.length - 1), 'DELETE', '/api/v1/session', { session: alice });
      const after = await Promise.all(urls.map((u) => request(u, 'GET', '/api/v1/session', { session: alice })));
      list.check('signing out through one instance ends the session on all of them',
        out.status === 204 && after.every((r) => r.status === 401), `sign-out ${out.status}; then ${after.map((r) => r.status).join(', ')}`);
    },
  };
}

/** Reports filed round-robin across the instances are all stored once; a reporter's code and cookie work anywhere. */
export async function checkIntake(checks: CheckList, urls: string[], handle: DatabaseHandle, count: number): Promise<Filed[]> {
  const rng = seededRandom(4242);
  const filed: Filed[] = [];
  const failures: number[] = [];
  await inParallel(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const input = makeTaggedReport(rng, `scale/${i}`, true);
    const response = await request<{ reference: string; accessCode: string }>(at(urls, i), 'POST', '/api/v1/reports', { body: input });
    if (response.status !== 201) failures.push(response.status);
    else filed.push({ ...response.body, instance: i % urls.length, email: input.contactEmail ?? '' });
  });
  const stored = await handle.db.selectFrom('cases').select('reference').execute();
  const storedSet = new Set(stored.map((r) => r.reference));
  checks.check(`intake round-robin over ${urls.length} instances: every report acknowledged and stored once`,
    failures.length === 0 && filed.length === count && stored.length === count && filed.every((f) => storedSet.has(f.reference)),
    `${filed.length} of ${count} acknowledged, ${stored.length} cases, ${storedSet.size} distinct references`);

  const reporterChecks = await Promise.all(filed.slice(0, 6).map(async (f, i) => {
    const opened = await request<{ csrfToken: string }>(at(urls, i + 1), 'POST', '/api/v1/reporter/session', { body: { accessCode: f.accessCode } });
    if (opened.status !== 200) return false;
    const cookie = cookieFrom(opened.setCookie, 'haven_reporter');
    const view = await request<{ case: { reference: string } }>(at(urls, i + 2), 'GET', '/api/v1/reporter/case', { session: { cookie } });
    return view.status === 200 && view.body.case.reference === f.reference;
  }));
  checks.check('a reporter code exchanged on one instance gives a cookie that works on another', reporterChecks.every(Boolean),
    `${reporterChecks.filter(Boolean).length} of ${reporterChecks.length}`);
  return filed;
}

/** Assignment through one instance is seen through the others, also when two instances race for a case. */
export async function checkClaims(checks: CheckList, urls: string[], s: { alice: Session; bob: Session }, filed: Filed[]): Promise<void> {
  const plain = filed.slice(0, 30);
  const mismatches: string[] = [];
  await inParallel(plain, 4, async (f, j) => {
    const assigned = await request<CaseBody>(at(urls, j), 'POST', `/api/v1/cases/${f.reference}/assign`, { session: s.alice, body: {} });
    const seen = await request<CaseBody>(at(urls, j + 1), 'GET', `/api/v1/cases/${f.reference}`, { session: s.bob });
    if (assigned.status !== 200 || seen.body.case.assignee?.username !== 'alice') mismatches.push(`${f.reference}: ${assigned.status}/${seen.body.case.assignee?.username ?? 'none'}`);
  });
  checks.check('an assignment made through one instance is seen through the next', mismatches.length === 0,
    mismatches.length === 0 ? `${plain.length} cases assigned on one instance and read on another` : mismatches.slice(0, 3).join('; '));

  const contested = filed.slice(30, 50);
  const problems: string[] = [];
  for (const [k, f] of contested.entries()) {
    const [a, b] = await Promise.all([
      request(at(urls, k), 'POST', `/api/v1/cases/${f.reference}/assign`, { session: s.alice, body: {} }),
      request(at(urls, k + 1), 'POST', `/api/v1/cases/${f.reference}/assign`, { session: s.bob, body: {} }),
    ]);
    const statuses = [a.status, b.status].sort().join('/');
    const views = await Promise.all(urls.map((u) => request<CaseBody>(u, 'GET', `/api/v1/cases/${f.reference}`, { session: s.bob })));
    const names = views.map((v) => v.body.case.assignee?.username ?? 'none');
    const winner = a.status === 200 ? 'alice' : 'bob';
    const events = views[0]!.body.case.timeline.filter((e) => e.type === 'case_assigned').length;
    if (statuses !== '200/409' || names.some((n) => n !== winner) || events !== 1) {
      problems.push(`${f.reference}: ${statuses}, holders ${names.join('/')}, ${events} assignment events`);
    }
  }
  checks.check('two instances racing to claim one case: exactly one wins (200), the other is refused (409), every instance agrees',
    problems.length === 0, problems.length === 0 ? `${contested.length} contested cases` : problems.slice(0, 3).join('; '));

  // A deliberate take-over through a third instance is seen everywhere, with its timeline event.
  const handedOver: string[] = [];
  for (const [k, f] of contested.slice(0, 5).entries()) {
    const holder = (await request<CaseBody>(at(urls, k), 'GET', `/api/v1/cases/${f.reference}`, { session: s.alice })).body.case.assignee?.username;
    const taker = holder === 'alice' ? { name: 'bob', session: s.bob } : { name: 'alice', session: s.alice };
    const taken = await request(at(urls, k + 2), 'POST', `/api/v1/cases/${f.reference}/assign`, { session: taker.session, body: { takeOver: true } });
    const views = await Promise.all(urls.map((u) => request<CaseBody>(u, 'GET', `/api/v1/cases/${f.reference}`, { session: s.alice })));
    const ok = taken.status === 200 && views.every((v) => v.body.case.assignee?.username === taker.name &&
      v.body.case.timeline.filter((e) => e.type === 'case_taken_over').length === 1);
    if (!ok) handedOver.push(`${f.reference}: ${taken.status}`);
  }
  checks.check('a take-over through one instance is seen through every instance', handedOver.length === 0,
    handedOver.length === 0 ? '5 cases taken over' : handedOver.join('; '));
}

/** Every instance answers the queue identically. */
export async function checkConsistentReads(checks: CheckList, urls: string[], session: Session): Promise<void> {
  const pages = await Promise.all(urls.map((u) => request<{ cases: unknown[] }>(u, 'GET', '/api/v1/cases', { session })));
  const texts = pages.map((p) => JSON.stringify(p.body.cases));
  checks.check('the queue reads the same through every instance', pages.every((p) => p.status === 200) && new Set(texts).size === 1,
    `${pages[0]?.body.cases.length ?? 0} cases on the first page`);
}

/**
 * Each email job (receipts, reply notices, staff reminders) ran exactly once although every
 * instance runs a worker (FOR UPDATE SKIP LOCKED), and the instances shared the work.
 */
export async function checkJobsRanOnce(checks: CheckList, input: { handle: DatabaseHandle; sink: SmtpSink; instances: HavenProcess[]; filed: Filed[] }): Promise<void> {
  const settle = await waitForJobsToSettle(input.handle, { stallMs: 60_000, maxMs: 300_000, dueOnly: true });
  const jobs = await loadJobs(input.handle, 'email.%');
  const counts = input.sink.countsByMessageId();
  const deliveries = (id: string): number => [...counts.entries()].filter(([m]) => m.startsWith(`<${id}@`)).reduce((n, [, c]) => n + c, 0);
  const kinds = [...new Set(jobs.map((j) => j.kind))].sort().map((k) => `${jobs.filter((j) => j.kind === k).length} ${k}`);
  checks.check('every email job was delivered exactly once (SMTP sink, by Message-ID)',
    settle.settled && jobs.every((j) => deliveries(j.id) === 1) && input.sink.messages.length === jobs.length,
    `${kinds.join(', ')}; ${input.sink.messages.length} messages, ${counts.size} distinct Message-IDs, settled in ${settle.waitedMs} ms`);
  checks.check('no email job was claimed twice', jobs.every((j) => j.status === 'done' && j.attempts === 1 && j.interrupted === 0),
    `attempts: ${[...new Set(jobs.map((j) => j.attempts))].join(', ')}`);
  const perInstance = input.instances.map((p) => jobs.filter((j) => j.lockedBy?.includes(`:${p.pid}:`) === true).length);
  checks.check('the instances shared the email work', perInstance.filter((n) => n > 0).length >= 2 && perInstance.reduce((a, b) => a + b, 0) === jobs.length,
    `jobs run per instance: ${perInstance.join(', ')}`);
  const receiptIds = new Set(jobs.filter((j) => j.kind === RECEIPT_EMAIL_JOB).map((j) => `<${j.id}@`));
  const receipts = input.sink.messages.filter((m) => [...receiptIds].some((id) => m.messageId.startsWith(id)));
  const wrongAddress = receipts.filter((m) => input.filed.find((f) => f.reference === m.caseReference)?.email !== m.to[0]);
  checks.check('each receipt went to its reporter, decrypted with the shared key on whichever instance sent it',
    receipts.length === input.filed.length && wrongAddress.length === 0, `${receipts.length - wrongAddress.length} of ${input.filed.length}`);
}
