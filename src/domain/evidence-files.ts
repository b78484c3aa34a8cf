// Evidence files a reporter attaches (screenshots, a PDF of an email): which kinds Haven keeps,
// how many and how large by default, and why one can be refused. The type of a file is read from
// its bytes (see file-types.ts), never from its name or the type its browser claimed.
import { sniffFileType, stripMetadata } from './file-types.js';

/** The kinds of file Haven keeps, by media type. */
export const EVIDENCE_FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'] as const;

/** A media type Haven keeps. */
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

/** Narrows an untrusted string (a stored type) to an EvidenceFileType. */
export function isEvidenceFileType(value: string): value is EvidenceFileType {
  return (EVIDENCE_FILE_TYPES as readonly string[]).includes(value);
}

/** Images are shown blurred in the console until someone chooses to look; PDFs are only downloaded. */
export function isImageType(type: EvidenceFileType): boolean {
  return type !== 'application/pdf';
}

/** The file name extension a download gets, from the sniffed type (never from what the reporter's file was called). */
export const EVIDENCE_FILE_EXTENSIONS: Readonly<Record<EvidenceFileType, string>> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'application/pdf': 'pdf',
};

/** Per-desk defaults: enough for a few screenshots of a conversation, or a long one as a PDF. */
export const DEFAULT_EVIDENCE_FILE_LIMITS = { maxFiles: 5, maxBytes: 10 * 1024 * 1024 } as const;

/** The most a desk may allow, whatever its setting: what a request may carry at all. */
export const EVIDENCE_FILE_CEILING = { maxFiles: 10, maxBytes: 20 * 1024 * 1024 } as const;

/** A desk's limits on evidence files. */
export interface EvidenceFileLimits { maxFiles: number; maxBytes: number }

/** Why a file was not kept; each has a kind explanation in the message catalog (`evidence.refused.<reason>`). */
export const EVIDENCE_FILE_REFUSALS = ['not_supported', 'damaged', 'too_large', 'too_many', 'empty'] as const;

/** Why a file was not kept. */
export type EvidenceFileRefusal = (typeof EVIDENCE_FILE_REFUSALS)[number];

/** The longest file name kept (for the handler's list and the receipt); longer ones are cut. */
export const MAX_EVIDENCE_FILE_NAME = 120;

/**
 * A file name as Haven keeps it: the last path segment (old browsers send a whole path), with
 * control and direction-changing characters removed, cut to a readable length. Never used as a
 * path; only shown, as text.
 */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = last.replace(/[\u0000-\u001f\u007f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return cutText(clean, MAX_EVIDENCE_FILE_NAME);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The first `max` characters (grapheme clusters, so an emoji or an accented letter is never cut in half) of `text`. */
export function cutText(text: string, max: number): string {
  return Array.from(graphemes.segment(text), (s) => s.segment).slice(0, max).join('');
}

/** A file as it arrived: its name, its bytes (possibly cut short at the request's ceiling) and whether they were. */
export interface ArrivedFile { name: string; bytes: Uint8Array; truncated: boolean }

/** What became of one arrived file: kept (its sniffed type, its bytes without metadata), or refused and why. */
export type VettedFile =
  | { kept: true; name: string; type: EvidenceFileType; bytes: Uint8Array }
  | { kept: false; name: string; reason: EvidenceFileRefusal };

/**
 * Decides, in order, which files a desk keeps: each must be non-empty, within its size limit,
 * of a kept type by its bytes, and whole; then the first `maxFiles` of those are kept and the
 * rest refused as too many. A browser sends an empty, nameless part for a file input left
 * empty: that is no file at all and is not listed.
 */
export function vetEvidenceFiles(files: readonly ArrivedFile[], limits: EvidenceFileLimits): VettedFile[] {
  let kept = 0;
  return files.filter((f) => !(f.name === '' && f.bytes.length === 0)).map((file): VettedFile => {
    const name = cleanFileName(file.name);
    const refuse = (reason: EvidenceFileRefusal): VettedFile => ({ kept: false, name, reason });
    if (file.bytes.length === 0 && !file.truncated) return refuse('empty');
    if (file.truncated || file.bytes.length > limits.maxBytes) return refuse('too_large');
    const type = sniffFileType(file.bytes);
    if (type === null) return refuse('not_supported');
    const stripped = stripMetadata(type, file.bytes);
    if (stripped === 'damaged') return refuse('damaged');
    if (kept >= limits.maxFiles) return refuse('too_many');
    kept += 1;
    return { kept: true, name, type, bytes: stripped };
  });
}
