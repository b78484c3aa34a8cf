// Reading a file's type from its bytes, and taking out of an image what it says about where and
// on what it was made (EXIF with its GPS position and camera, XMP, comments, text chunks). The
// image data itself is copied byte for byte: nothing is decoded or re-encoded, so what a
// handler sees is what the reporter sent, less the metadata. A file whose structure does not
// hold together is refused as damaged rather than stored half-understood.
import type { EvidenceFileType } from './evidence-files.js';

const ascii = (bytes: Uint8Array, at: number, length: number): string => String.fromCharCode(...bytes.subarray(at, at + length));
const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean => prefix.every((b, i) => bytes[i] === b);

/** The type the bytes are, among those Haven keeps; null for anything else, whatever its name says. */
export function sniffFileType(bytes: Uint8Array): EvidenceFileType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** Thrown inside the strippers when the structure runs past its end or is missing a part. */
class Damaged extends Error {}

function need(condition: boolean): void {
  if (!condition) throw new Damaged('damaged');
}

const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number): number => (((b[at] ?? 0) << 24) >>> 0) + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0));
const u32le = (b: Uint8Array, at: number): number => (((b[at + 3] ?? 0) << 24) >>> 0) + (((b[at + 2] ?? 0) << 16) | ((b[at + 1] ?? 0) << 8) | (b[at] ?? 0));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * JPEG: keeps JFIF (APP0), the colour profile (APP2 ICC_PROFILE) and Adobe's APP14 (needed to
 * decode CMYK colours right); drops every other APPn (EXIF, XMP, Photoshop/IPTC...) and comments.
 * Everything from the start of the scan on is image data and is kept as it is.
 */
function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  for (;;) {
    need(at + 4 <= b.length && b[at] === 0xff);
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) { at += 1; continue; } // fill byte
    const length = u16be(b, at + 2);
    need(length >= 2 && at + 2 + length <= b.length);
    const segment = b.subarray(at, at + 2 + length);
    if (marker === 0xda) {
      parts.push(b.subarray(at));
      return concat(parts);
    }
    const label = ascii(b, at + 4, 12);
    const keep = !((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)
      || (marker === 0xe0 && label.startsWith('JFIF'))
      || (marker === 0xe2 && label.startsWith('ICC_PROFILE'))
      || (marker === 0xee && label.startsWith('Adobe'));
    if (keep) parts.push(segment);
    at += 2 + length;
  }
}

const PNG_DROPPED = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/** PNG: drops text chunks (where tools put comments, authors, XMP), EXIF and the time of last change. */
function stripPng(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let at = 8;
  let first = true;
  for (;;) {
    need(at + 12 <= b.length);
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    need(at + 12 + length <= b.length && /^[A-Za-z]{4}$/.test(type));
    need(!first || type === 'IHDR');
    first = false;
    if (!PNG_DROPPED.has(type)) parts.push(b.subarray(at, at + 12 + length));
    at += 12 + length;
    if (type === 'IEND') return concat(parts);
  }
}

/** WebP: drops the EXIF and XMP chunks, and says so in the VP8X flags and the RIFF size. */
function stripWebp(b: Uint8Array): Uint8Array {
  need(u32le(b, 4) + 8 <= b.length && u32le(b, 4) >= 4);
  const end = u32le(b, 4) + 8;
  const parts: Uint8Array[] = [];
  let at = 12;
  let image = false;
  while (at < end) {
    need(at + 8 <= end);
    const fourcc = ascii(b, at, 4);
    const size = u32le(b, at + 4);
    const padded = size + (size % 2);
    need(at + 8 + size <= end);
    const chunk = b.slice(at, Math.min(at + 8 + padded, end));
    if (fourcc === 'VP8X') {
      need(size >= 10);
      // Flags: bit 3 says there is EXIF, bit 2 XMP; neither is any longer.
      chunk[8] = (chunk[8] ?? 0) & ~0x0c;
    }
    if (fourcc === 'VP8 ' || fourcc === 'VP8L' || fourcc === 'ANMF') image = true;
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') parts.push(chunk);
    at += 8 + padded;
  }
  need(image);
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  const riffSize = body.length + 4;
  header[4] = riffSize & 0xff;
  header[5] = (riffSize >>> 8) & 0xff;
  header[6] = (riffSize >>> 16) & 0xff;
  header[7] = (riffSize >>> 24) & 0xff;
  return concat([header, body]);
}

/** Reads GIF data sub-blocks from `at`; returns where the terminating zero-length block ends. */
function gifSubBlocks(b: Uint8Array, at: number): number {
  let i = at;
  for (;;) {
    need(i < b.length);
    const size = b[i] ?? 0;
    i += 1 + size;
    if (size === 0) return i;
  }
}

const GIF_KEPT_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

/** GIF: drops comment extensions and application extensions (XMP lives there) but the looping one. */
function stripGif(b: Uint8Array): Uint8Array {
  need(b.length >= 13);
  const packed = b[10] ?? 0;
  let at = 13 + ((packed & 0x80) !== 0 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  const parts: Uint8Array[] = [b.subarray(0, at)];
  for (;;) {
    need(at < b.length);
    const introducer = b[at];
    if (introducer === 0x3b) {
      parts.push(b.subarray(at, at + 1));
      return concat(parts);
    }
    if (introducer === 0x2c) {
      need(at + 10 < b.length);
      const local = b[at + 9] ?? 0;
      const data = at + 10 + ((local & 0x80) !== 0 ? 3 * 2 ** ((local & 0x07) + 1) : 0) + 1;
      const end = gifSubBlocks(b, data);
      parts.push(b.subarray(at, end));
      at = end;
      continue;
    }
    need(introducer === 0x21 && at + 2 < b.length);
    const label = b[at + 1];
    const end = gifSubBlocks(b, at + 2);
    const application = label === 0xff && b[at + 2] === 11 ? ascii(b, at + 3, 11) : null;
    const drop = label === 0xfe || (label === 0xff && (application === null || !GIF_KEPT_APPLICATIONS.has(application)));
    if (!drop) parts.push(b.subarray(at, end));
    at = end;
  }
}

/**
 * The file as Haven stores it: an image without its metadata, a PDF as it came (its own
 * metadata is not touched; it is only ever downloaded). `damaged` when the bytes do not hold
 * together as the type they start as.
 */
export function stripMetadata(type: EvidenceFileType, bytes: Uint8Array): Uint8Array | 'damaged' {
  try {
    switch (type) {
      case 'image/jpeg': return stripJpeg(bytes);
      case 'image/png': return stripPng(bytes);
      case 'image/webp': return stripWebp(bytes);
      case 'image/gif': return stripGif(bytes);
      case 'application/pdf': return bytes;
      default: {
        const never: never = type;
        throw new Error(`Unknown file type ${String(never)}`);
      }
    }
  } catch (error) {
    if (error instanceof Damaged) return 'damaged';
    throw error;
  }
}
