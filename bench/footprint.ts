import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './server.js';

/** The console's JavaScript as shipped: raw and gzipped bytes of dist/client/assets/*.js. */
export function consoleJs(): { files: number; bytes: number; gzipBytes: number } {
  const dir = path.join(ROOT, 'dist/client/assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  let bytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const content = readFileSync(path.join(dir, f));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.length, bytes, gzipBytes };
}

/** What a reporter's browser downloads for /report: the page, its headers and its stylesheets; and whether it has a script. */
export async function reportPage(url: string): Promise<{ htmlBytes: number; headerBytes: number; cssBytes: number; totalBytes: number; hasScript: boolean }> {
  const response = await fetch(`${url}/report`, { headers: { 'accept-encoding': 'identity' } });
  const html = Buffer.from(await response.arrayBuffer());
  let headerBytes = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`.length + 2;
  response.headers.forEach((value, name) => { headerBytes += name.length + value.length + 4; });
  const text = html.toString('utf8');
  let cssBytes = 0;
  for (const match of text.matchAll(/<link[^>]+href="([^"]+\.css[^"]*)"/g)) {
    const css = await fetch(new URL(match[1]!, `${url}/report`));
    cssBytes += (await css.arrayBuffer()).byteLength;
  }
  return { htmlBytes: html.length, headerBytes, cssBytes, totalBytes: html.length + headerBytes + cssBytes, hasScript: /<script/i.test(text) };
}
