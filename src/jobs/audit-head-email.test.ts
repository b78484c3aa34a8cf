import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { fileReport } from '../../tests/support/intake.js';
import type { Mailer, OutgoingMail } from '../integrations/mail/mailer.js';
import { startWorker } from './worker.js';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(testDialects())('the audit head by email on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'haven-head-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the exported head to the configured address, the same line the head file holds', async () => {
    await fileReport(t);
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { send: (mail) => { sent.push(mail); return Promise.resolve(); }, close: () => undefined };
    const file = path.join(dir, 'audit-head.json');
    const worker = startWorker(t.ctx, {
      mailer, publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: quietLog, sweepIntervalMs: 3_600_000,
      auditHeadFile: file, auditHeadEmail: 'auditor@example.org',
    }, 10);
    try {
      for (let i = 0; i < 200 && !sent.some((m) => m.to === 'auditor@example.org'); i += 1) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await worker.stop();
    }
    const mail = sent.find((m) => m.to === 'auditor@example.org');
    if (mail === undefined) throw new Error('no audit head email was sent');
    const head = readFileSync(file, 'utf8').trim();
    const { entries } = JSON.parse(head) as { entries: number };
    expect(entries).toBeGreaterThan(0);
    expect(mail.subject).toContain(String(entries));
    expect(mail.text).toContain(head);
    expect(mail.text).toContain('haven audit verify --head FILE');
  });
});
