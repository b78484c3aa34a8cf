import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { startSmtp } from '../../tests/support/smtp-server.js';
import { makeCase, makeDesk, makeStaff, signInStaff, type MadeDesk, type MadeStaff } from '../../tests/support/factories.js';
import { smtpMailer, type Mailer } from '../integrations/mail/mailer.js';
import { findCase } from '../db/repositories/cases.js';
import { listEvents } from '../db/repositories/case-events.js';
import { setStaleClaimDays } from '../db/repositories/case-work.js';
import { releaseStaleClaims } from '../services/release-stale-claims.js';
import { postAs } from '../server/routes/cases/case-work.test-helpers.js';
import { runDueJobs, type WorkerDeps } from './worker.js';

const DAY = 24 * 3_600_000;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(testDialects())('stale claims on %s', (dialect) => {
  const start = new Date('2026-07-06T09:00:00.000Z');
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let deps: WorkerDeps;
  let holder: MadeStaff;
  let quick: MadeDesk;
  const at = (days: number) => t.setNow(new Date(start.getTime() + days * DAY));
  const drain = async () => { while ((await runDueJobs(t.ctx, deps, 'worker-s')) > 0) { /* until nothing is due */ } };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    smtp = await startSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>');
    deps = { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
    holder = await makeStaff(t, { role: 'handler', email: 'holder@example.org' });
    await makeStaff(t, { role: 'admin', email: 'desk-admin@example.org' });
    quick = await makeDesk(t, { slug: 'quick', name: 'Quick desk' });
    await setStaleClaimDays(t.ctx.db, quick.id, 2);
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await t.close();
  });

  it('releases a claim idle for the desk\'s days, once, telling the holder and the desk; activity keeps a claim', async () => {
    const idle = await makeCase(t, { desk: 'main', assigneeId: holder.id });
    const worked = await makeCase(t, { desk: 'main', assigneeId: holder.id });
    const unclaimed = await makeCase(t, { desk: 'main' });
    await drain();
    smtp.received.length = 0;

    at(5);
    const session = await signInStaff(t, holder);
    expect((await postAs(t, session, `/api/v1/cases/${worked.reference}/notes`, { body: 'Still reading the threads.' })).statusCode).toBe(201);

    at(7 - 1 / 24);
    expect(await releaseStaleClaims(t.ctx)).toBe(0);
    at(7);
    expect(await releaseStaleClaims(t.ctx)).toBe(1);
    expect(await releaseStaleClaims(t.ctx)).toBe(0);
    expect((await findCase(t.ctx.db, { id: idle.id }))?.assigneeId).toBeNull();
    expect((await findCase(t.ctx.db, { id: worked.id }))?.assigneeId).toBe(holder.id);
    expect((await findCase(t.ctx.db, { id: unclaimed.id }))?.assigneeId).toBeNull();
    const released = (await listEvents(t.ctx.db, idle.id)).filter((e) => e.type === 'claim_released');
    expect(released.map((e) => [e.actorKind, e.detail])).toEqual([['system', { from: { id: holder.id, username: holder.username }, idleDays: 7 }]]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('case_id', '=', idle.id).where('action', '=', 'case.claim_released').execute();
    expect(audit).toHaveLength(1);
    await drain();
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(['desk-admin@example.org', 'holder@example.org']);
    expect(smtp.received.every((m) => m.data.includes(idle.reference))).toBe(true);
  });

  it('follows each desk\'s own number of days', async () => {
    t.setNow(start);
    const deskHandler = await makeStaff(t, { role: 'handler', desk: quick });
    const onQuick = await makeCase(t, { desk: quick, assigneeId: deskHandler.id });
    const onMain = await makeCase(t, { desk: 'main', assigneeId: holder.id });
    at(2);
    await releaseStaleClaims(t.ctx);
    expect((await findCase(t.ctx.db, { id: onQuick.id }))?.assigneeId).toBeNull();
    expect((await findCase(t.ctx.db, { id: onMain.id }))?.assigneeId).toBe(holder.id);
  });
});
