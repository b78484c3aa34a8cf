import { isEvidenceFileType, type EvidenceFileLimits, type EvidenceFileType } from '../../domain/evidence-files.js';
import type { HavenDb } from '../connection.js';
import { toDate } from '../schema.js';
import { storedValue } from './stored-value.js';

/** An evidence file ready to store: name and bytes already sealed by the caller. */
export interface NewEvidenceFile {
  id: string;
  caseId: string;
  partyId: string | null;
  mediaType: EvidenceFileType;
  byteSize: number;
  sha256: string;
  nameEnc: string;
  contentEnc: string;
  addedAt: Date;
}

/**
 * Inserts files one row per statement: a file may be megabytes of sealed text, and one INSERT
 * carrying a whole batch of reports' files would be a statement of hundreds of megabytes.
 */
export async function insertEvidenceFiles(db: HavenDb, files: readonly NewEvidenceFile[]): Promise<void> {
  for (const f of files) {
    await db.insertInto('evidence_files').values({
      id: f.id, case_id: f.caseId, party_id: f.partyId, media_type: f.mediaType, byte_size: f.byteSize, sha256: f.sha256,
      name_enc: f.nameEnc, content_enc: f.contentEnc, added_at: f.addedAt.toISOString(),
    }).execute();
  }
}

/** A file as the case page lists it: everything but its content. */
export interface EvidenceFileRow {
  id: string; partyId: string | null; mediaType: EvidenceFileType; byteSize: number; sha256: string; nameEnc: string; addedAt: Date;
}

/** A case's files, oldest first, without their content (which is read one file at a time, on request). */
export async function listEvidenceFiles(db: HavenDb, caseId: string): Promise<EvidenceFileRow[]> {
  const rows = await db.selectFrom('evidence_files')
    .select(['id', 'party_id', 'media_type', 'byte_size', 'sha256', 'name_enc', 'added_at'])
    .where('case_id', '=', caseId).orderBy('added_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, partyId: r.party_id, mediaType: storedValue(r.media_type, isEvidenceFileType, 'evidence file type'),
    byteSize: r.byte_size, sha256: r.sha256, nameEnc: r.name_enc, addedAt: toDate(r.added_at),
  }));
}

/** One file of one case with its sealed content; null when the case has no such file. */
export async function findEvidenceFile(db: HavenDb, caseId: string, fileId: string): Promise<(EvidenceFileRow & { contentEnc: string }) | null> {
  const r = await db.selectFrom('evidence_files')
    .select(['id', 'party_id', 'media_type', 'byte_size', 'sha256', 'name_enc', 'content_enc', 'added_at'])
    .where('case_id', '=', caseId).where('id', '=', fileId).executeTakeFirst();
  if (r === undefined) return null;
  return {
    id: r.id, partyId: r.party_id, mediaType: storedValue(r.media_type, isEvidenceFileType, 'evidence file type'),
    byteSize: r.byte_size, sha256: r.sha256, nameEnc: r.name_enc, contentEnc: r.content_enc, addedAt: toDate(r.added_at),
  };
}

/** A desk's limits on evidence files, by slug (null: no such desk) or, with no slug, of the only desk (null when there are several). */
export async function findDeskFileLimits(db: HavenDb, where: { slug: string | undefined } | { caseId: string }): Promise<EvidenceFileLimits | null> {
  const columns = ['desks.evidence_file_limit', 'desks.evidence_file_max_bytes'] as const;
  let rows: { evidence_file_limit: number; evidence_file_max_bytes: number }[];
  if ('caseId' in where) {
    rows = await db.selectFrom('cases').innerJoin('desks', 'desks.id', 'cases.desk_id').select(columns).where('cases.id', '=', where.caseId).execute();
  } else if (where.slug === undefined) {
    rows = await db.selectFrom('desks').select(columns).limit(2).execute();
    if (rows.length !== 1) return null;
  } else {
    rows = await db.selectFrom('desks').select(columns).where('desks.slug', '=', where.slug).execute();
  }
  const row = rows[0];
  return row === undefined ? null : { maxFiles: row.evidence_file_limit, maxBytes: row.evidence_file_max_bytes };
}

/** Sets a desk's limits on evidence files; false when there is no such desk. */
export async function setDeskFileLimits(db: HavenDb, deskId: string, limits: EvidenceFileLimits): Promise<boolean> {
  const result = await db.updateTable('desks')
    .set({ evidence_file_limit: limits.maxFiles, evidence_file_max_bytes: limits.maxBytes })
    .where('id', '=', deskId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
