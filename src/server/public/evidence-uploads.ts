import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cutText, EVIDENCE_FILE_CEILING, EVIDENCE_FILE_REFUSALS, EVIDENCE_FILE_TYPES, type ArrivedFile, type EvidenceFileLimits } from '../../domain/evidence-files.js';
import type { ServiceContext } from '../../services/context.js';
import type { RefusedFile } from '../../services/evidence-file-sealing.js';
import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';

/** The form field that carries evidence files; file parts under any other name are ignored. */
export const FILES_FIELD = 'files';

const arrived = new WeakMap<FastifyRequest, ArrivedFile[]>();

/** The files a multipart form carried (none for a urlencoded one). */
export function uploadedFiles(request: FastifyRequest): ArrivedFile[] {
  return arrived.get(request) ?? [];
}

interface FieldPart { type: 'field'; value: unknown }
interface FilePart { type: 'file'; fieldname: string; filename?: string; file: { truncated?: boolean }; toBuffer(): Promise<Buffer> }

function isPart(value: unknown): value is FieldPart | FilePart {
  return typeof value === 'object' && value !== null && ((value as { type?: unknown }).type === 'field' || (value as { type?: unknown }).type === 'file');
}

/**
 * Registers routes that take evidence files, in a scope of their own: only they parse
 * multipart/form-data, every other route still answers 415 to it. A multipart body is turned
 * into the same plain object of strings a urlencoded form gives (so CSRF checks and field
 * readers do not change), and its files are kept aside for `uploadedFiles`. The request is held
 * to the ceiling every desk is under; each desk's own limits are applied later, file by file,
 * with an explanation rather than an error. A file cut short at the ceiling arrives marked
 * `truncated` and is refused as too large.
 */
export function withEvidenceUploads(app: FastifyInstance, register: (scope: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: true,
      throwFileSizeLimit: false,
      limits: { fileSize: EVIDENCE_FILE_CEILING.maxBytes, files: EVIDENCE_FILE_CEILING.maxFiles, fields: 40, parts: 60, fieldSize: 256 * 1024 },
    });
    scope.addHook('preValidation', async (request) => {
      if (!request.isMultipart()) return;
      const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
      const files: ArrivedFile[] = [];
      for (const [key, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
        for (const part of Array.isArray(value) ? value : [value]) {
          if (!isPart(part)) continue;
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.fieldname === FILES_FIELD) files.push({ name: part.filename ?? '', bytes, truncated: part.file.truncated === true });
            continue;
          }
          if (typeof part.value !== 'string') continue;
          const existing = fields[key];
          fields[key] = existing === undefined ? part.value : [...(Array.isArray(existing) ? existing : [existing]), part.value];
        }
      }
      request.body = fields;
      arrived.set(request, files);
    });
    register(scope);
  });
}

const MIB = 1024 * 1024;

/** A size limit as reporters read it: whole megabytes where it is whole. */
export function megabytes(bytes: number): string {
  return (Math.round((bytes / MIB) * 10) / 10).toLocaleString('en');
}

/** The file field of a public form, with what it accepts and the desk's limits said plainly. */
export function filesField(page: PageContext, limits: EvidenceFileLimits, choseBefore: boolean): SafeHtml {
  const { t } = page;
  if (limits.maxFiles === 0) return html``;
  return html`<div class="field">
<label for="${FILES_FIELD}">${t('report.files.label')}</label>
<p class="hint" id="${FILES_FIELD}-hint">${t('report.files.hint', { count: String(limits.maxFiles), size: megabytes(limits.maxBytes) })}</p>
${choseBefore ? html`<p class="error" id="${FILES_FIELD}-again">${t('report.files.again')}</p>` : ''}
<input type="file" id="${FILES_FIELD}" name="${FILES_FIELD}" multiple accept="${EVIDENCE_FILE_TYPES.join(',')}" aria-describedby="${FILES_FIELD}-hint${choseBefore ? ` ${FILES_FIELD}-again` : ''}">
</div>`;
}

/** The files that were not kept, each with why, kindly: the rest of what the reporter sent was. */
export function refusedFilesNotice(page: PageContext, { refused, limits }: RefusedFiles, where: 'receipt' | 'status' = 'receipt'): SafeHtml {
  const { t } = page;
  if (refused.length === 0) return html``;
  const params = { count: String(limits?.maxFiles ?? ''), size: limits === null ? '' : megabytes(limits.maxBytes) };
  return html`<section class="notice" aria-labelledby="refused-files-heading">
<h2 id="refused-files-heading">${t('files.refused.heading')}</h2>
<p>${t('files.refused.intro')}</p>
<ul class="refused-files">${refused.map((f) => html`<li><strong>${f.name === '' ? t('files.refused.unnamed') : f.name}</strong>: ${t(`files.refused.${f.reason}`, params)}</li>`)}</ul>
<p>${t(where === 'receipt' ? 'files.refused.later' : 'files.refused.again')}</p>
</section>`;
}

const REFUSED_CONTEXT = 'cookie.refused_files';
const MAX_COOKIE_NAME = 60;

/**
 * Carries the list of refused files across the redirect that follows a post, in a short-lived
 * cookie for the one page that shows it. Sealed, because a file's name can be personal; a list
 * that is empty clears it, so a later post never shows an earlier one's refusals.
 */
export function setRefusedFilesCookie(
  reply: FastifyReply, ctx: ServiceContext, path: string, refused: readonly RefusedFile[], limits: EvidenceFileLimits, secure: boolean,
): void {
  const name = cookieName(path);
  if (refused.length === 0) {
    void reply.clearCookie(name, { path, httpOnly: true, sameSite: 'strict', secure });
    return;
  }
  const kept = refused.map((f) => ({ name: cutText(f.name, MAX_COOKIE_NAME), reason: f.reason }));
  const sealed = ctx.cipher.seal(JSON.stringify({ files: kept, ...limits }), `${REFUSED_CONTEXT}:${path}`);
  void reply.setCookie(name, sealed, { path, httpOnly: true, sameSite: 'strict', secure, maxAge: 15 * 60 });
}

/** What a post left for its page: the files refused, and the limits they were held to. */
export interface RefusedFiles { refused: RefusedFile[]; limits: EvidenceFileLimits | null }

/** The refused files the last post on `path` left for its page; none when there is no (readable) cookie. */
export function refusedFilesFrom(request: FastifyRequest, ctx: ServiceContext, path: string): RefusedFiles {
  const none: RefusedFiles = { refused: [], limits: null };
  const sealed = request.cookies[cookieName(path)];
  if (sealed === undefined || sealed === '') return none;
  let parsed: { files?: unknown; maxFiles?: unknown; maxBytes?: unknown };
  try {
    parsed = JSON.parse(ctx.cipher.open(sealed, `${REFUSED_CONTEXT}:${path}`)) as typeof parsed;
  } catch {
    return none;
  }
  const files = Array.isArray(parsed.files) ? (parsed.files as unknown[]) : [];
  const refused = files.flatMap((f): RefusedFile[] => {
    const { name, reason } = (f ?? {}) as { name?: unknown; reason?: unknown };
    const known = EVIDENCE_FILE_REFUSALS.find((r) => r === reason);
    return typeof name === 'string' && known !== undefined ? [{ name, reason: known }] : [];
  });
  const { maxFiles, maxBytes } = parsed;
  return { refused, limits: typeof maxFiles === 'number' && typeof maxBytes === 'number' ? { maxFiles, maxBytes } : null };
}

/** Clears the refused-files cookie of `path` once its page has shown it. */
export function clearRefusedFiles(reply: FastifyReply, path: string, secure: boolean): void {
  void reply.clearCookie(cookieName(path), { path, httpOnly: true, sameSite: 'strict', secure });
}

function cookieName(path: string): string {
  return path.startsWith('/status') ? 'haven_status_files' : 'haven_receipt_files';
}
