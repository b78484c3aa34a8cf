import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { fileReport } from '../../../../tests/support/intake.js';
import { auditDetails } from '../../../../tests/support/audit-details.js';
import { findCase } from '../../../db/repositories/cases.js';
import { createStaffUser } from '../../../services/create-staff-user.js';
import { staffNoticeJobs } from '../../../services/staff-notice-jobs.js';
import type { QueueResponse } from '../../../shared/api/cases.js';
import type { Group, GroupsResponse } from '../../../shared/api/groups.js';

// Groups, restricted cases and recusal through the API (issue 11, items 6 and 7).
describe.each(testDialects())('groups and restricted cases on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  let member: SignedIn;
  let outsider: SignedIn;
  let reviewer: SignedIn;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: SignedIn | null, payload?: object): Promise<LightMyRequestResponse> => {
    const options: InjectOptions = { method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken } };
    if (payload !== undefined) options.payload = payload;
    return t.app.inject(options);
  };
  const references = async (url: string, who: SignedIn) => (await call('GET', url, who)).json<QueueResponse>().cases.map((c) => c.reference);
  const groups = async (who: SignedIn) => (await call('GET', '/api/v1/groups', who)).json<GroupsResponse>().groups;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: new Date('2026-03-02T10:00:00.000Z') });
    admin = await signInAs(t, 'admin');
    member = await signInAs(t, 'handler');
    outsider = await signInAs(t, 'handler');
    reviewer = await signInAs(t, 'reviewer');
  });
  afterAll(async () => { await t.close(); });

  it('gives the desk an escalation group that cannot be deleted', async () => {
    const escalation = (await groups(member)).filter((g) => g.escalation);
    expect(escalation).toHaveLength(1);
    const response = await call('DELETE', `/api/v1/groups/${escalation[0]?.id ?? ''}`, admin);
    expect(response.statusCode).toBe(409);
  });

  it('walks creating a group: 401, 400, 403, then 201 and audited', async () => {
    expect((await call('POST', '/api/v1/groups', null, { desk: 'default', name: 'Arbitrators' })).statusCode).toBe(401);
    const desk = (await findCase(t.ctx.db, { reference: (await fileReport(t)).reference }))?.desk.slug ?? '';
    expect((await call('POST', '/api/v1/groups', admin, { desk, name: '' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/groups', admin, { desk, name: 'Arbitrators', extra: 1 })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/groups', member, { desk, name: 'Arbitrators' })).statusCode).toBe(403);
    const created = await call('POST', '/api/v1/groups', admin, { desk, name: 'Arbitrators' });
    expect(created.statusCode).toBe(201);
    const group = created.json<{ group: Group }>().group;
    expect(group).toMatchObject({ name: 'Arbitrators', escalation: false, members: [] });
    expect((await call('POST', '/api/v1/groups', admin, { desk, name: 'Arbitrators' })).statusCode).toBe(409);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'group.created').execute();
    expect(audit.map((a) => ({ actor: a.actor_id, detail: JSON.parse(a.detail) as unknown }))).toContainEqual({
      actor: admin.userId, detail: { groupId: group.id, deskId: expect.any(String) as string, name: 'Arbitrators' },
    });
    // Renamed, then members: 404 for an unknown group, 403 for a handler, then the admin.
    expect((await call('PATCH', `/api/v1/groups/${group.id}`, admin, { name: 'Arbitration committee' })).json<{ group: Group }>().group.name)
      .toBe('Arbitration committee');
    expect((await call('POST', '/api/v1/groups/no-such-group/members', admin, { staffId: member.userId })).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/groups/${group.id}/members`, member, { staffId: member.userId })).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/groups/${group.id}/members`, admin, { staffId: 'nobody' })).statusCode).toBe(404);
    const added = await call('POST', `/api/v1/groups/${group.id}/members`, admin, { staffId: member.userId });
    expect(added.json<{ group: Group }>().group.members.map((m) => m.id)).toEqual([member.userId]);
  });

  it('audits an admin who adds themself, visibly', async () => {
    const group = (await groups(admin)).find((g) => g.name === 'Arbitration committee');
    if (group === undefined) throw new Error('no group');
    const added = await call('POST', `/api/v1/groups/${group.id}/members`, admin, { staffId: admin.userId });
    expect(added.json<{ group: Group }>().group.members.map((m) => m.username)).toContain(admin.username);
    const rows = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'group.member_added').execute();
    expect(rows.map((r) => JSON.parse(r.detail) as { staffId: string; self: boolean })).toContainEqual(expect.objectContaining({ staffId: admin.userId, self: true }));
    const removed = await call('DELETE', `/api/v1/groups/${group.id}/members/${admin.userId}`, admin);
    expect(removed.statusCode).toBe(200);
  });

  it('hides a restricted case from non-members everywhere, answers 404 as for no case, and lets only a member lift it', async () => {
    const group = (await groups(member)).find((g) => g.name === 'Arbitration committee');
    if (group === undefined) throw new Error('no group');
    const shared = 'Shared-reported-account';
    const restricted = await fileReport(t, { reportedAccounts: [shared], description: 'A report about a quiet heron that must stay private.' });
    const open = await fileReport(t, { reportedAccounts: [shared], description: 'Another report about a quiet heron.' });
    const url = `/api/v1/cases/${restricted.reference}/restriction`;
    // 401, 400, 404 (no such case), 403 (a reviewer cannot restrict), 400 (a group of no desk), then 200.
    expect((await call('POST', url, null, { group: group.id })).statusCode).toBe(401);
    expect((await call('POST', url, member, { group: 7 })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/cases/HV-2026-999999/restriction', member, { group: group.id })).statusCode).toBe(404);
    expect((await call('POST', url, reviewer, { group: group.id })).statusCode).toBe(403);
    expect((await call('POST', url, member, { group: 'not-a-group' })).statusCode).toBe(400);
    const done = await call('POST', url, member, { group: group.id });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ restrictedTo: { id: group.id, name: group.name }, stillVisible: true });

    for (const list of ['/api/v1/cases?limit=100', '/api/v1/cases?limit=100&q=heron', '/api/v1/cases?limit=100&linked=true']) {
      expect(await references(list, member), list).toContain(restricted.reference);
      const seen = await references(list, outsider);
      expect(seen, list).not.toContain(restricted.reference);
    }
    const missing = await call('GET', '/api/v1/cases/HV-2026-999999', outsider);
    const hidden = await call('GET', `/api/v1/cases/${restricted.reference}`, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    // Counts by reference: the open case's linked count leaves the restricted one out for outsiders.
    const linkedCount = async (who: SignedIn) => (await call('GET', `/api/v1/cases/${open.reference}`, who)).json<{ case: { linkedCases: number } }>().case.linkedCases;
    expect(await linkedCount(member)).toBe(1);
    expect(await linkedCount(outsider)).toBe(0);
    // The outsider cannot lift it either: for them it does not exist.
    expect((await call('POST', url, outsider, { group: null })).statusCode).toBe(404);
    const kase = (await call('GET', `/api/v1/cases/${restricted.reference}`, member)).json<{ case: { timeline: { type: string; detail: unknown }[]; restrictedToGroup: string | null } }>().case;
    expect(kase.restrictedToGroup).toBe(group.id);
    expect(kase.timeline).toContainEqual(expect.objectContaining({ type: 'case_restricted', detail: { group: group.name } }));
    const caseId = (await findCase(t.ctx.db, { reference: restricted.reference }))?.id ?? '';
    expect(await auditDetails(t, caseId, 'case.restricted')).toEqual([{ groupId: group.id, previous: null }]);

    // Removal from the group takes effect on the member's very next request.
    expect((await call('DELETE', `/api/v1/groups/${group.id}/members/${member.userId}`, admin)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/cases/${restricted.reference}`, member)).body).toBe(missing.body);
    expect(await references('/api/v1/cases?limit=100', member)).not.toContain(restricted.reference);
    // A group that still guards a case cannot be deleted.
    expect((await call('DELETE', `/api/v1/groups/${group.id}`, admin)).statusCode).toBe(409);
    // Back in, the member lifts the restriction, and everyone on the desk sees the case again.
    await call('POST', `/api/v1/groups/${group.id}/members`, admin, { staffId: member.userId });
    expect((await call('POST', url, member, { group: null })).json()).toEqual({ restrictedTo: null, stillVisible: true });
    expect(await references('/api/v1/cases?limit=100', outsider)).toContain(restricted.reference);
    expect(await auditDetails(t, caseId, 'case.unrestricted')).toEqual([{ groupId: group.id }]);
  });

  it('walks recusing oneself: 401, 400, 404, 200; then the case is gone for them and only for them', async () => {
    const kase = await fileReport(t, { description: 'A report about a patient kingfisher.' });
    const url = `/api/v1/cases/${kase.reference}/recusal`;
    await call('POST', `/api/v1/cases/${kase.reference}/assign`, outsider, {});
    expect((await call('POST', url, null, {})).statusCode).toBe(401);
    expect((await call('POST', url, outsider, { reason: 'x'.repeat(1001) })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/cases/HV-2026-999999/recusal', outsider, {})).statusCode).toBe(404);
    const done = await call('POST', url, outsider, { reason: 'I know the reported person well.' });
    expect(done.statusCode).toBe(200);
    const missing = await call('GET', '/api/v1/cases/HV-2026-999999', outsider);
    expect((await call('GET', `/api/v1/cases/${kase.reference}`, outsider)).body).toBe(missing.body);
    for (const list of ['/api/v1/cases?limit=100', '/api/v1/cases?limit=100&q=kingfisher']) {
      expect(await references(list, outsider), list).not.toContain(kase.reference);
      expect(await references(list, member), list).toContain(kase.reference);
    }
    // Recusing again, or lifting it, is not open to them: the case does not exist for them.
    expect((await call('POST', url, outsider, {})).statusCode).toBe(404);
    const seen = (await call('GET', `/api/v1/cases/${kase.reference}`, member)).json<{ case: { assignee: unknown; timeline: { type: string; detail: unknown }[] } }>().case;
    expect(seen.assignee).toBeNull();
    expect(seen.timeline).toContainEqual(expect.objectContaining({
      type: 'staff_recused', detail: { staff: { id: outsider.userId, username: outsider.username }, reason: 'I know the reported person well.' },
    }));
  });
});

// Linked accounts and reporter-named recusals: a handler named in a report never sees it.
describe.each(testDialects())('conflicts of interest on %s', (dialect) => {
  let t: TestApp;
  let linked: SignedIn;
  let colleague: SignedIn;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: SignedIn | null, payload?: object): Promise<LightMyRequestResponse> => {
    const options: InjectOptions = { method, url, headers: who === null ? {} : { cookie: who.cookie, 'x-csrf-token': who.csrfToken } };
    if (payload !== undefined) options.payload = payload;
    return t.app.inject(options);
  };
  const references = async (url: string, who: SignedIn) => (await call('GET', url, who)).json<QueueResponse>().cases.map((c) => c.reference);
  const absentFor = async (reference: string, who: SignedIn, word: string) => {
    const missing = await call('GET', '/api/v1/cases/HV-2026-999999', who);
    expect((await call('GET', `/api/v1/cases/${reference}`, who)).body).toBe(missing.body);
    expect(await references('/api/v1/cases?limit=100', who)).not.toContain(reference);
    expect(await references(`/api/v1/cases?limit=100&q=${word}`, who)).not.toContain(reference);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: new Date('2026-03-02T10:00:00.000Z') });
    linked = await signInAs(t, 'handler');
    colleague = await signInAs(t, 'handler');
  });
  afterAll(async () => { await t.close(); });

  it('walks linking an account: 401, 400, then 201; a new report naming it is recused for them from intake on', async () => {
    expect((await call('POST', '/api/v1/session/accounts', null, { name: 'Quiet Admin' })).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/session/accounts', linked, { name: '' })).statusCode).toBe(400);
    const done = await call('POST', '/api/v1/session/accounts', linked, { name: 'Quiet Admin' });
    expect(done.statusCode).toBe(201);
    expect(done.json<{ accounts: { name: string }[] }>().accounts.map((a) => a.name)).toEqual(['Quiet Admin']);
    // Spelt as the wiki would also accept it: underscores, other case.
    const named = await fileReport(t, { reportedAccounts: ['quiet_admin'], description: 'A report about a watchful plover.' });
    await absentFor(named.reference, linked, 'plover');
    expect(await references('/api/v1/cases?limit=100', colleague)).toContain(named.reference);
    const timeline = (await call('GET', `/api/v1/cases/${named.reference}`, colleague)).json<{ case: { timeline: { type: string; detail: unknown }[] } }>().case.timeline;
    expect(timeline).toContainEqual(expect.objectContaining({ type: 'staff_recused_linked_account', detail: { staff: { id: linked.userId, username: linked.username } } }));
  });

  it('recuses them when a handler adds their account as a witness later, and when they link an account an older case names', async () => {
    const kase = await fileReport(t, { description: 'A report about a lonely sandpiper.' });
    expect(await references('/api/v1/cases?limit=100', linked)).toContain(kase.reference);
    const added = await call('POST', `/api/v1/cases/${kase.reference}/parties`, colleague, { role: 'witness', accountName: 'QUIET ADMIN' });
    expect(added.statusCode).toBe(201);
    await absentFor(kase.reference, linked, 'sandpiper');

    const older = await fileReport(t, { reportedAccounts: ['Second_account_of_theirs'], description: 'A report about a shy turnstone.' });
    expect(await references('/api/v1/cases?limit=100', linked)).toContain(older.reference);
    await call('POST', '/api/v1/session/accounts', linked, { name: 'Second account of theirs' });
    await absentFor(older.reference, linked, 'turnstone');
  });

  it('recuses staff the reporter names on /report, without saying whether a name matched', async () => {
    const named = await fileReport(t, { notHandledBy: [linked.username, 'Nobody-on-this-desk'], description: 'A report about a bold dunlin.' });
    await absentFor(named.reference, linked, 'dunlin');
    expect(await references('/api/v1/cases?limit=100', colleague)).toContain(named.reference);
    const caseId = (await findCase(t.ctx.db, { reference: named.reference }))?.id ?? '';
    expect(await auditDetails(t, caseId, 'case.staff_recused')).toEqual([{ staffId: linked.userId, source: 'reporter' }]);
    expect((await fileReport(t, { notHandledBy: ['a', 'b', 'c', 'd'] }).catch((e: unknown) => String(e)))).toMatch(/400/);
  });

  it('recuses from the start the accounts given to haven user add --account, and leaves the recused out of staff emails', async () => {
    const made = await createStaffUser(t.ctx, {
      username: 'linked-at-creation', role: 'handler', password: 'a long enough password', email: 'linked@example.org', accounts: ['Night Heron', 'night_owl'],
    }, null);
    const withMail = await createStaffUser(t.ctx, { username: 'colleague-with-mail', role: 'handler', password: 'a long enough password', email: 'c@example.org' }, null);
    const kase = await fileReport(t, { reportedAccounts: ['Night_Owl'] });
    const row = await findCase(t.ctx.db, { reference: kase.reference });
    if (row === null) throw new Error('no case');
    expect(row.recusedStaff).toContain(made.id);
    const jobs = await staffNoticeJobs(t.ctx.db, row, { reason: 'withdrawal_requested', to: 'desk', now: t.ctx.now() });
    const recipients = jobs.map((j) => (j.payload as { staffId: string }).staffId);
    expect(recipients).toContain(withMail.id);
    expect(recipients).not.toContain(made.id);
  });

  it('recuses staff a reporter names later on /status', async () => {
    const kase = await fileReport(t, { description: 'A report about a cautious knot.' });
    expect(await references('/api/v1/cases?limit=100', colleague)).toContain(kase.reference);
    const signIn = await t.app.inject({ method: 'POST', url: '/status', payload: `code=${encodeURIComponent(kase.accessCode)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const page = await t.app.inject({ method: 'GET', url: '/status', headers: { cookie } });
    expect(page.body).toContain('name="names"');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const tooMany = await t.app.inject({
      method: 'POST', url: '/status/not-handled-by', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${csrf}&names=${encodeURIComponent('a\nb\nc\nd')}`,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(await references('/api/v1/cases?limit=100', colleague)).toContain(kase.reference);
    const posted = await t.app.inject({
      method: 'POST', url: '/status/not-handled-by', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${csrf}&names=${encodeURIComponent(colleague.username)}`,
    });
    expect(posted.statusCode).toBe(303);
    await absentFor(kase.reference, colleague, 'knot');
  });
});

// When recusals leave nobody to work a case, it goes to the escalation group, flagged.
describe.each(testDialects())('the escalation fallback on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect, { now: new Date('2026-03-02T10:00:00.000Z') }); });
  afterAll(async () => { await t.close(); });

  it('restricts the case to the escalation group and flags it, on the timeline and in the queue', async () => {
    const only = await signInAs(t, 'handler');
    const reviewer = await signInAs(t, 'reviewer');
    const kase = await fileReport(t, { notHandledBy: [only.username], description: 'A report about a tired curlew.' });
    const row = await findCase(t.ctx.db, { reference: kase.reference });
    const escalation = await t.ctx.db.selectFrom('staff_groups').select(['id', 'name']).where('escalation', '=', 1).where('desk_id', '=', row?.deskId ?? '').executeTakeFirst();
    expect(row?.restrictedToGroup).toBe(escalation?.id);
    expect(row?.recusalEscalatedAt).not.toBeNull();
    // Not the reviewer's (outside the group) and not the recused handler's; someone given the
    // escalation role joins the group and finds it flagged in their queue.
    for (const who of [only, reviewer]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${kase.reference}`, headers: { cookie: who.cookie } });
      expect(response.statusCode).toBe(404);
    }
    const onCall = await signInAs(t, 'escalation');
    const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers: { cookie: onCall.cookie } })).json<QueueResponse>();
    expect(queue.cases.find((c) => c.reference === kase.reference)).toMatchObject({ recusalEscalated: true, restrictedToGroup: escalation?.id });
    const timeline = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${kase.reference}`, headers: { cookie: onCall.cookie } }))
      .json<{ case: { timeline: { type: string; detail: unknown }[] } }>().case.timeline;
    expect(timeline).toContainEqual(expect.objectContaining({ type: 'recusal_escalated', detail: { group: escalation?.name } }));
  });

  it('does not escalate while someone else may still work the case', async () => {
    const other = await signInAs(t, 'handler');
    const kase = await fileReport(t, { notHandledBy: [other.username] });
    const row = await findCase(t.ctx.db, { reference: kase.reference });
    expect(row?.restrictedToGroup).toBeNull();
    expect(row?.recusalEscalatedAt).toBeNull();
    expect(row?.recusedStaff).toEqual([other.userId]);
  });
});
