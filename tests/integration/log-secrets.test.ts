import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type TestApp } from '../support/test-app.js';
import { fileReport } from '../support/intake.js';
import { runDueJobs } from '../../src/jobs/worker.js';
import { fileMailer } from '../../src/integrations/mail/mailer.js';
import { loggableUrl } from '../../src/server/log-redaction.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Every spelling of a secret a log line could carry: as is, without dashes, lower case, percent-encoded (once, twice). */
function spellings(secret: string): string[] {
  const forms = new Set([secret, secret.replace(/-/g, ''), secret.toLowerCase(), secret.replace(/-/g, '').toLowerCase()]);
  for (const form of [...forms]) {
    forms.add(encodeURIComponent(form));
    forms.add(Array.from(Buffer.from(form, 'utf8'), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
  }
  return [...forms].filter((f) => f.length >= 6);
}

describe('loggableUrl', () => {
  it.each([
    ['/status?code=ABCD-EFGH', '/status?…1'],
    ['/status?%63ode=ABCD-EFGH', '/status?…1'],
    ['/status?%2563ode=ABCD', '/status?…1'],
    ['/status?CODE=ABCD', '/status?…1'],
    ['/api/v1/cases?q=secret&desk=main&limit=10', '/api/v1/cases?desk=main&limit=10&…1'],
    ['/api/v1/cases?%71=secret', '/api/v1/cases?…1'],
    ['/api/v1/cases?desk=a%20b%3Csecret', '/api/v1/cases?…1'],
    ['/status/link?token=abc&token=def', '/status/link?…2'],
    ['/status?%E0%A4%A=x', '/status?…1'],
    ['/status/lost?sent=1', '/status/lost?sent=1'],
    ['/report?desk=1cnh-rn0h-jp5n-bcb5-rxxf-0hr0-twwm', '/report?…1'],
    ['/report?desk=main', '/report?desk=main'],
    ['/report', '/report'],
    ['/report?', '/report'],
  ])('%s is logged as %s', (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });
});

describe.each(testDialects())('the log of a broad scenario on %s', (dialect) => {
  let t: TestApp;
  let mailDir: string;
  const lines: string[] = [];
  beforeAll(async () => {
    mailDir = mkdtempSync(path.join(tmpdir(), 'haven-log-scan-'));
    const stream = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString('utf8')); done(); } });
    t = await createTestApp(dialect, { logStream: stream });
  });
  afterAll(async () => {
    await t.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('holds no access code, token, search word, password or reporter address, however they were spelled', async () => {
    const address = 'scan.reporter.address@example.org';
    const account = 'ScanReportedAccountName';
    const report = await fileReport(t, { contactEmail: address, reportedAccounts: [account] });
    const other = await fileReport(t);
    const code = report.accessCode;
    const searchWords = ['zebracrossingword', 'quietlyencodedterm', 'spacedout phrase'];
    const linkToken = 'FakeLinkTokenValue0123456789abcdefXYZ';
    const password = 'a wrong password in the log scan';
    const secrets = [code, other.accessCode, ...searchWords, linkToken, password, address, account];

    // Reporters: links with the code spelled every way, the form, the API, a lost code, a link.
    for (const url of [
      `/status?code=${code}`, `/status?%63ode=${code}`, `/status?c%6Fde=${encodeURIComponent(code)}`, `/status?CODE=${code.toLowerCase()}`,
      `/status?x=1&code=${code.replace(/-/g, '')}`, `/status?code=${encodeURIComponent(code.replace(/-/g, ' '))}`, `/status?code=${code}&code=${other.accessCode}`,
      `/status/link?token=${linkToken}`, `/status/link?%74oken=${linkToken}`, `/report?desk=${code}`,
    ]) await t.app.inject({ method: 'GET', url });
    await t.app.inject({ method: 'POST', url: '/status', headers: FORM, payload: `code=${encodeURIComponent(code)}` });
    await t.app.inject({ method: 'POST', url: '/api/v1/reporter/session', payload: { accessCode: other.accessCode } });
    await t.app.inject({ method: 'POST', url: '/status/lost', headers: FORM, payload: `email=${encodeURIComponent(address)}` });
    await t.app.inject({ method: 'POST', url: '/status/link', headers: FORM, payload: `token=${linkToken}` });

    // Staff: a wrong password, then searches spelled every way.
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'nobody-here', password } });
    const staff = await signInAs(t, 'handler');
    for (const url of [
      `/api/v1/cases?q=${searchWords[0]}`, `/api/v1/cases?%71=${searchWords[1]}`, `/api/v1/cases?q=${encodeURIComponent(searchWords[2] ?? '')}`,
      `/api/v1/cases?desk=main&q=${searchWords[0]}&limit=5`, `/api/v1/cases?Q=${searchWords[1]}`,
    ]) await t.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });
    await t.app.inject({ method: 'GET', url: `/api/v1/cases/${report.reference}`, headers: { cookie: staff.cookie } });

    // The worker delivers the receipt and the lost-code link, logging with the app's logger.
    await runDueJobs(t.ctx, { mailer: fileMailer(mailDir, 'Haven <haven@localhost>'), publicUrl: 'http://localhost:3000', mailDomain: 'localhost', log: t.app.log }, 'log-scan');

    const log = lines.join('');
    // The log is real: it recorded these requests (so an empty log cannot pass).
    expect(log).toContain('"url":"/status?…1"');
    expect(log).toContain('"url":"/api/v1/cases?desk=main&limit=5&…1"');
    expect(log).toContain(report.reference);
    const found = secrets.flatMap((secret) => spellings(secret).filter((form) => log.includes(form)).map((form) => `${secret} as ${form}`));
    expect(found).toEqual([]);
  });
});
