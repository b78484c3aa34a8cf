import { EVIDENCE_FILE_EXTENSIONS, isImageType } from '../../../domain/evidence-files.js';
import type { OpenedEvidenceFile } from '../../../services/open-evidence-file.js';

/**
 * The headers an evidence file is sent with. The file came from an anonymous stranger, so:
 * its type is the one Haven read from its bytes (never what the reporter's browser claimed),
 * with nosniff so no browser guesses another; a CSP sandbox, so even a file that a browser
 * renders as a document runs no script and has no origin; PDFs are always downloaded, never
 * shown in the console's origin; and the name given is made from the case and file ids, so
 * nothing the reporter chose reaches a header. Never cached: it is evidence behind a login.
 */
export function evidenceFileHeaders(reference: string, file: OpenedEvidenceFile): Record<string, string> {
  const filename = `${reference}-${file.id}.${EVIDENCE_FILE_EXTENSIONS[file.mediaType]}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    'content-type': file.mediaType,
    'content-disposition': `${isImageType(file.mediaType) ? 'inline' : 'attachment'}; filename="${filename}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-store',
    'x-evidence-sha256': file.sha256,
  };
}
