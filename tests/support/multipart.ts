import { randomBytes } from 'node:crypto';

/** A file part of a multipart form: its field, its name, the type a browser would claim, its bytes. */
export interface FormFile { field?: string; name: string; type?: string; bytes: Uint8Array }

/**
 * A multipart/form-data body as a browser sends a form with `enctype="multipart/form-data"`:
 * text fields, then files (an empty file input is a part with no name and no bytes).
 */
export function multipartForm(fields: Record<string, string>, files: readonly FormFile[] = []): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----HavenTestBoundary${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${file.name}"\r\n`
      + `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'));
    parts.push(Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
