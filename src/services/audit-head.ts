import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { auditHashAt, readAuditHead, type AuditHead } from '../db/repositories/audit-log.js';
import type { ServiceContext } from './context.js';

/** What an exported head file holds (JSON): the head, and when it was written. */
export const ExportedAuditHead = z.object({
  entries: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  keyedFrom: z.number().int().min(1).nullable(),
  exportedAt: z.string(),
});
export type ExportedAuditHead = z.infer<typeof ExportedAuditHead>;

/**
 * Writes the audit chain's head (entry count, last hash, keyed mark) to `file`, owner-only
 * (0600), by rename so a reader never sees half a file. Shipped elsewhere, it lets
 * `haven audit verify` notice entries removed from the end, or a chain recomputed after an
 * edit, which the database alone cannot show to someone who can rewrite it.
 */
export async function exportAuditHead(ctx: Pick<ServiceContext, 'db' | 'now'>, file: string): Promise<ExportedAuditHead> {
  const head = await readAuditHead(ctx.db);
  const exported: ExportedAuditHead = { ...head, exportedAt: ctx.now().toISOString() };
  const created = await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(path.dirname(file), 0o700);
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(exported)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
  return exported;
}

/** Reads an exported head; null when the file does not exist. Throws on a file that is not one. */
export async function readExportedAuditHead(file: string): Promise<ExportedAuditHead | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = ExportedAuditHead.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not an exported audit head.`);
  return parsed.data;
}

/** A disagreement between the database and an exported head, as a sentence; null when they agree. */
export async function compareWithExportedHead(ctx: Pick<ServiceContext, 'db'>, current: Pick<AuditHead, 'entries'>, head: ExportedAuditHead): Promise<string | null> {
  if (current.entries < head.entries) {
    return `the log has ${current.entries} entries, but the head exported at ${head.exportedAt} recorded ${head.entries}: entries were removed from the end`;
  }
  if (head.entries === 0) return null;
  const hash = await auditHashAt(ctx.db, head.entries);
  if (hash !== head.hash) {
    return `entry ${head.entries} does not match the head exported at ${head.exportedAt}: the chain up to it was rewritten`;
  }
  return null;
}
