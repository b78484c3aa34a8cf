import { createHash } from 'node:crypto';
import { newId } from '../shared/ids.js';
import {
  DEFAULT_EVIDENCE_FILE_LIMITS, vetEvidenceFiles, type ArrivedFile, type EvidenceFileLimits, type EvidenceFileRefusal, type EvidenceFileType,
} from '../domain/evidence-files.js';
import { findDeskFileLimits, listEvidenceFiles, type NewEvidenceFile } from '../db/repositories/evidence-files.js';
import type { HavenDb } from '../db/connection.js';
import { SEALED, type ServiceContext } from './context.js';

/** A file that passed intake's checks, stripped of its metadata and hashed; not yet sealed (its case may not exist yet). */
export interface PreparedFile { id: string; name: string; type: EvidenceFileType; bytes: Uint8Array; sha256: string }

/** A file that was not kept, and why: the reporter is told. */
export interface RefusedFile { name: string; reason: EvidenceFileRefusal }

/** What intake made of the files a form carried. */
export interface PreparedFiles { kept: PreparedFile[]; refused: RefusedFile[] }

/** The SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Checks files against a desk's limits and types, strips their metadata and hashes what will be stored. */
export function prepareEvidenceFiles(now: Date, files: readonly ArrivedFile[], limits: EvidenceFileLimits): PreparedFiles {
  const out: PreparedFiles = { kept: [], refused: [] };
  for (const file of vetEvidenceFiles(files, limits)) {
    if (file.kept) out.kept.push({ id: newId(now.getTime()), name: file.name, type: file.type, bytes: file.bytes, sha256: sha256Hex(file.bytes) });
    else out.refused.push({ name: file.name, reason: file.reason });
  }
  return out;
}

/** The limits of the desk a report goes to (by slug, or the only desk); the defaults while the desk is not settled (the report will say so). */
export async function deskFileLimits(db: HavenDb, where: { slug: string | undefined } | { caseId: string }): Promise<EvidenceFileLimits> {
  return (await findDeskFileLimits(db, where)) ?? DEFAULT_EVIDENCE_FILE_LIMITS;
}

/** Where a file's content and name are sealed: bound to its case and its row, so a copy moved anywhere else does not open. */
export function fileContexts(caseId: string, fileId: string): { content: string; name: string } {
  return { content: `${SEALED.evidenceFileContent}:${caseId}:${fileId}`, name: `${SEALED.evidenceFileName}:${caseId}:${fileId}` };
}

/** Seals prepared files for their case, as rows to insert. */
export function sealEvidenceFiles(ctx: ServiceContext, caseId: string, partyId: string | null, files: readonly PreparedFile[], now: Date): NewEvidenceFile[] {
  return files.map((f) => {
    const where = fileContexts(caseId, f.id);
    return {
      id: f.id, caseId, partyId, mediaType: f.type, byteSize: f.bytes.length, sha256: f.sha256,
      nameEnc: ctx.cipher.seal(f.name, where.name), contentEnc: ctx.cipher.sealBytes(f.bytes, where.content), addedAt: now,
    };
  });
}

/** A case's file as staff see it in the list: its name opened, never its content. */
export interface EvidenceFileView { id: string; partyId: string | null; name: string; mediaType: EvidenceFileType; byteSize: number; sha256: string; addedAt: Date }

/** A case's files for the case page. */
export async function listCaseFiles(ctx: ServiceContext, db: HavenDb, caseId: string): Promise<EvidenceFileView[]> {
  return (await listEvidenceFiles(db, caseId)).map(({ nameEnc, ...f }) => ({ ...f, name: ctx.cipher.open(nameEnc, fileContexts(caseId, f.id).name) }));
}
