import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per job, so a retried delivery carries the same Message-ID and receivers can drop the copy. */
  messageId: string;
  headers?: Record<string, string>;
}

/** What the worker needs to deliver mail; SMTP or files. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
  /** Deletes what this mailer keeps that is older than its retention; the number removed (housekeeping). */
  sweep?(now: Date): Promise<number>;
}

/** How long the `.eml` mailer keeps a message by default: 7 days (HAVEN_MAIL_FILE_RETENTION_DAYS). */
export const DEFAULT_MAIL_FILE_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * Delivers over SMTP (`smtp://user:pass@host:port`, or `smtps://` for implicit TLS). Query
 * parameters are nodemailer options, e.g. `?ignoreTLS=true` for a loopback relay whose
 * STARTTLS certificate cannot be verified, or `?requireTLS=true` to refuse plain text.
 */
export function smtpMailer(url: string, from: string): Mailer {
  // A pooled connection by default: opening one SMTP session per message caps delivery at a
  // few messages a second. `?pool=false` in SMTP_URL turns it off.
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(parsed.toString());
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId, headers: mail.headers ?? {} });
    },
    close: () => transport.close(),
  };
}

/**
 * The zero-configuration default: each message is written as an .eml file under `dir`.
 * The file is written under a temporary name and renamed, so a reader never sees half a message,
 * and its name comes from the Message-ID, so a retry overwrites instead of duplicating.
 */
export function fileMailer(dir: string, from: string, retentionMs = DEFAULT_MAIL_FILE_RETENTION_MS): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      // The messages hold reporters' addresses: owner-only folder and files, whatever the umask.
      const created = await mkdir(dir, { recursive: true, mode: 0o700 });
      if (created !== undefined) await chmod(dir, 0o700);
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId, headers: mail.headers ?? {} });
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
      const final = path.join(dir, `${name}.eml`);
      const temp = `${final}.tmp`;
      await writeFile(temp, info.message as Buffer, { mode: 0o600 });
      await rename(temp, final);
    },
    close: () => transport.close(),
    /**
     * Messages hold reporters' addresses in clear, so they are not kept for ever: files written
     * longer ago than the retention are deleted (and leftover temporary files with them).
     */
    async sweep(now) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names) {
        if (!name.endsWith('.eml') && !name.endsWith('.eml.tmp')) continue;
        const file = path.join(dir, name);
        const info = await stat(file).catch(() => null);
        if (info === null || !info.isFile() || now.getTime() - info.mtimeMs < retentionMs) continue;
        await rm(file, { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}
