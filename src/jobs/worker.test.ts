import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { fileReport } from '../../tests/support/intake.js';
import { startSmtp } from '../../tests/support/smtp-server.js';
import { fileMailer, smtpMailer, type Mailer, type OutgoingMail } from '../integrations/mail/mailer.js';
import { listJobs } from '../db/repositories/jobs.js';
import { RECEIPT_EMAIL_JOB } from '../services/job-kinds.js';
import { retryDelayMs, runDueJobs, type WorkerDeps } from './worker.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

function depsWith(mailer: Mailer): WorkerDeps {
  return { mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog };
}

/** Every way the code could appear in a message: as shown, without dashes, in lower case. */
function codeForms(code: string): string[] {
  const bare = code.replace(/-/g, '');
  return [code, bare, bare.toLowerCase(), bare.slice(0, 12)];
}

/** Unfolds quoted-printable soft line breaks so a search sees the text as written. */
function unfold(data: string): string {
  return data.replace(/=\r?\n/g, '');
}

describe.each(testDialects())('the job worker on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  const start = new Date('2026-03-02T10:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: start });
    smtp = await startSmtp();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Haven <haven@localhost>');
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await t.close();
  });
  afterEach(async () => {
    // Each test starts with an empty outbox and the clock at the start (raw: no service empties the outbox).
    await t.ctx.db.deleteFrom('jobs').execute();
    smtp.received.length = 0;
    smtp.refuse.now = false;
    t.setNow(start);
  });

  it('delivers the receipt over SMTP once: to the reporter, with the reference, without the access code', async () => {
    const address = 'reporter-smtp@example.org';
    const report = await fileReport(t, { contactEmail: address });
    const ran = await runDueJobs(t.ctx, depsWith(mailer), 'worker-a');
    expect(ran).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0];
    if (message === undefined) throw new Error('no message');
    expect(message.to).toEqual([address]);
    expect(message.from).toBe('haven@localhost');
    const text = unfold(message.data);
    expect(text).toContain(report.reference);
    expect(text).toMatch(new RegExp(`^To: ${address}`, 'mi'));
    for (const form of codeForms(report.accessCode)) expect(text).not.toContain(form);
    expect(text).toMatch(/^Message-ID: <[^>]+@localhost>/mi);

    const [job] = await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB);
    expect(job?.status).toBe('done');
    expect(job?.attempts).toBe(1);

    // Never twice: later rounds, even much later, find nothing to send.
    expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-a')).toBe(0);
    t.setNow(new Date(start.getTime() + 48 * 3_600_000));
    expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-b')).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('takes nodemailer options in SMTP_URL, e.g. ignoreTLS for a local relay offering STARTTLS with a bad certificate', async () => {
    const received: string[] = [];
    // STARTTLS enabled with smtp-server's built-in certificate, which no client trusts.
    const relay = new SMTPServer({
      authOptional: true, logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => { received.push(Buffer.concat(chunks).toString('utf8')); callback(); });
      },
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.server.address() as AddressInfo).port;
    const plain = smtpMailer(`smtp://127.0.0.1:${port}/?ignoreTLS=true`, 'Haven <haven@localhost>');
    try {
      const report = await fileReport(t, { contactEmail: 'relay@example.org' });
      expect(await runDueJobs(t.ctx, depsWith(plain), 'worker-a')).toBe(1);
      expect(received).toHaveLength(1);
      expect(unfold(received[0] ?? '')).toContain(report.reference);
    } finally {
      plain.close();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });

  it('queues no email when the reporter left no address', async () => {
    await fileReport(t);
    expect(await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB)).toEqual([]);
    expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-a')).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('retries a refused delivery later with growing backoff, then gives up as failed', async () => {
    await fileReport(t, { contactEmail: 'refused@example.org' });
    smtp.refuse.now = true;
    const [queued] = await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB);
    if (queued === undefined) throw new Error('no job');
    const { max_attempts: maxAttempts } = await t.ctx.db.selectFrom('jobs').select('max_attempts').where('id', '=', queued.id).executeTakeFirstOrThrow();
    expect(maxAttempts).toBeGreaterThan(1);

    let now = start;
    let previousDelay = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      t.setNow(now);
      expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-a'), `attempt ${attempt}`).toBe(1);
      const row = await t.ctx.db.selectFrom('jobs').select(['status', 'attempts', 'run_at', 'last_error', 'locked_by']).where('id', '=', queued.id).executeTakeFirstOrThrow();
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toMatch(/550|unavailable/i);
      expect(row.locked_by).toBeNull();
      if (attempt === maxAttempts) {
        expect(row.status).toBe('failed');
        break;
      }
      expect(row.status).toBe('pending');
      const runAt = new Date(row.run_at);
      const delay = runAt.getTime() - now.getTime();
      expect(delay).toBe(retryDelayMs(attempt));
      expect(delay).toBeGreaterThanOrEqual(previousDelay);
      previousDelay = delay;
      // Not due yet a moment before its time.
      t.setNow(new Date(runAt.getTime() - 1000));
      expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-a')).toBe(0);
      now = runAt;
    }
    expect(smtp.received).toHaveLength(0);
    // A failed job stays failed.
    t.setNow(new Date(now.getTime() + 30 * 24 * 3_600_000));
    expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-a')).toBe(0);
  });

  it('delivers on a retry once the server accepts again, exactly once', async () => {
    const address = 'flaky@example.org';
    const report = await fileReport(t, { contactEmail: address });
    smtp.refuse.now = true;
    expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-a')).toBe(1);
    smtp.refuse.now = false;
    const [job] = await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB);
    t.setNow(job?.runAt ?? start);
    expect(await runDueJobs(t.ctx, depsWith(mailer), 'worker-a')).toBe(1);
    expect(smtp.received.map((m) => m.to)).toEqual([[address]]);
    expect(unfold(smtp.received[0]?.data ?? '')).toContain(report.reference);
    expect((await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  describe('the .eml file mailer', () => {
    let dir: string;
    beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'haven-mail-')); });
    afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

    it('writes one owner-only file per message, and a retry overwrites it instead of adding one', async () => {
      const files = fileMailer(dir, 'Haven <haven@localhost>');
      const address = 'reporter-file@example.org';
      const report = await fileReport(t, { contactEmail: address });
      expect(await runDueJobs(t.ctx, depsWith(files), 'worker-a')).toBe(1);
      const written = readdirSync(dir);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(/\.eml$/);
      const file = path.join(dir, written[0] ?? '');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const text = unfold(readFileSync(file, 'utf8'));
      expect(text).toMatch(new RegExp(`^To: ${address}`, 'mi'));
      expect(text).toContain(report.reference);
      for (const form of codeForms(report.accessCode)) expect(text).not.toContain(form);

      // As if the process died after writing the file but before marking the job done (raw: a crash, staged).
      await t.ctx.db.updateTable('jobs').set({ status: 'pending', locked_by: null, locked_until: null }).execute();
      expect(await runDueJobs(t.ctx, depsWith(files), 'worker-b')).toBe(1);
      expect(readdirSync(dir)).toEqual(written);
      expect(unfold(readFileSync(file, 'utf8'))).toContain(report.reference);

      const second = await fileReport(t, { contactEmail: 'another-file@example.org' });
      expect(await runDueJobs(t.ctx, depsWith(files), 'worker-a')).toBe(1);
      const now = readdirSync(dir);
      expect(now).toHaveLength(2);
      expect(now.map((n) => readFileSync(path.join(dir, n), 'utf8')).some((c) => unfold(c).includes(second.reference))).toBe(true);
      files.close();
    });
  });

  it('lets several workers run side by side, each job claimed and sent exactly once', async () => {
    const count = 24;
    for (let i = 0; i < count; i += 1) await fileReport(t, { contactEmail: `many-${i}@example.org` });
    const sent: { workerId: string; mail: OutgoingMail }[] = [];
    const recording = (workerId: string): Mailer => ({
      async send(mail) {
        // Hold the job a moment, so the other workers claim while this one is busy.
        await new Promise((resolve) => setTimeout(resolve, 5));
        sent.push({ workerId, mail });
      },
      close: () => undefined,
    });
    const workers = ['worker-1', 'worker-2', 'worker-3', 'worker-4'];
    await Promise.all(workers.map(async (id) => {
      while ((await runDueJobs(t.ctx, depsWith(recording(id)), id, 3)) > 0) { /* drain */ }
    }));
    const ids = sent.map((s) => s.mail.messageId);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect(new Set(sent.map((s) => s.mail.to)).size).toBe(count);
    const jobs = await listJobs(t.ctx.db, RECEIPT_EMAIL_JOB);
    expect(jobs).toHaveLength(count);
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    if (dialect === 'postgres') {
      // With SKIP LOCKED the work is shared rather than serialised behind one worker.
      expect(new Set(sent.map((s) => s.workerId)).size).toBeGreaterThan(1);
    }
  });
});
