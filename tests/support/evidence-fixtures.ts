import { deflateSync } from 'node:zlib';

// Evidence files built in code, byte by byte, for the tests of intake's checks and metadata
// stripping: no binary files from elsewhere. Each carries marker strings in its metadata so a
// test can say exactly what must be gone and what must stay.

/** Marker strings hidden in the fixtures' metadata. */
export const MARKERS = {
  gps: 'GPS-51.5072N-0.1276W-MARKER',
  camera: 'MarkerPhone 12 Pro',
  comment: 'COMMENT-MARKER-home-address',
  xmp: 'XMP-MARKER-author',
  text: 'PNG-TEXT-MARKER-author',
} as const;

const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array => {
  const arrays = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};
const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** A JPEG segment: marker and its length-prefixed payload. */
function segment(marker: number, payload: Uint8Array): Uint8Array {
  return bytes([0xff, marker], be16(payload.length + 2), payload);
}

/**
 * An EXIF APP1 payload (big-endian TIFF) whose IFD0 names the camera (Make) and points to a GPS
 * IFD holding a latitude reference, a latitude, and a processing-method string with MARKERS.gps.
 */
export function exifWithGps(): Uint8Array {
  const make = `${MARKERS.camera}\0`;
  const gpsText = `ASCII\0\0\0${MARKERS.gps}`;
  // Layout after the 8-byte TIFF header: IFD0 (2 entries) at 8, GPS IFD (3 entries) after it, then the data.
  const ifd0At = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const gpsAt = ifd0At + ifd0Size;
  const gpsSize = 2 + 3 * 12 + 4;
  const makeAt = gpsAt + gpsSize;
  const latAt = makeAt + make.length;
  const textAt = latAt + 24;
  const entry = (tag: number, type: number, count: number, value: number[]) => [...be16(tag), ...be16(type), ...be32(count), ...value];
  const tiff = bytes(
    'MM', [0, 42], be32(ifd0At),
    be16(2), entry(0x010f, 2, make.length, be32(makeAt)), entry(0x8825, 4, 1, be32(gpsAt)), be32(0),
    be16(3), entry(0x0001, 2, 2, [0x4e, 0, 0, 0]), entry(0x0002, 5, 3, be32(latAt)), entry(0x001b, 7, gpsText.length, be32(textAt)), be32(0),
    make,
    [...be32(51), ...be32(1), ...be32(30), ...be32(1), ...be32(2592), ...be32(100)],
    gpsText,
  );
  return bytes('Exif\0\0', tiff);
}

/** Puts an EXIF segment with GPS, an XMP segment and a comment right after a JPEG's SOI. */
export function withJpegMetadata(jpeg: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('Not a JPEG.');
  return bytes(
    jpeg.subarray(0, 2),
    segment(0xe1, exifWithGps()),
    segment(0xe1, bytes(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${MARKERS.xmp}</x:xmpmeta>`)),
    segment(0xfe, bytes(MARKERS.comment)),
    jpeg.subarray(2),
  );
}

/** The image data a synthetic JPEG carries after its scan header: kept byte for byte by the stripper. */
export const JPEG_SCAN = bytes('SCAN-DATA-KEPT', [0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]);

/** A JPEG with a JFIF header, an ICC profile segment, a frame header and a scan, and EXIF GPS, XMP and a comment. */
export function jpegWithGps(): Uint8Array {
  const plain = bytes(
    [0xff, 0xd8],
    segment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0])),
    segment(0xe2, bytes('ICC_PROFILE\0', [1, 1], 'profile')),
    segment(0xdb, bytes([0], new Array<number>(64).fill(1))),
    segment(0xc0, bytes([8], be16(1), be16(1), [1, 1, 0x11, 0])),
    segment(0xda, bytes([1, 1, 0, 0, 63, 0])),
    JPEG_SCAN,
  );
  return withJpegMetadata(plain);
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = bytes(type, data);
  return bytes(be32(data.length), typed, be32(crc32(typed)));
}

/**
 * A real, viewable PNG of `width`×`height` in one colour, with text chunks (tEXt, iTXt), a time
 * chunk and an eXIf chunk when `metadata` is set.
 */
export function pngImage(options: { width?: number; height?: number; rgb?: [number, number, number]; metadata?: boolean } = {}): Uint8Array {
  const { width = 48, height = 32, rgb = [40, 110, 200], metadata = true } = options;
  const row = bytes([0], new Array<number>(width).fill(0).flatMap(() => rgb));
  const raw = bytes(...new Array<Uint8Array>(height).fill(row));
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', bytes(be32(width), be32(height), [8, 2, 0, 0, 0])),
    ...(metadata ? [
      pngChunk('tEXt', bytes(`Author\0${MARKERS.text}`)),
      pngChunk('iTXt', bytes(`XML:com.adobe.xmp\0\0\0\0\0${MARKERS.xmp}`)),
      pngChunk('tIME', bytes(be16(2026), [11, 30, 12, 0, 0])),
      pngChunk('eXIf', exifWithGps().subarray(6)),
    ] : []),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

/** A WebP (extended format) whose VP8X flags announce EXIF and XMP, with both chunks present. */
export function webpWithExif(): Uint8Array {
  const chunk = (fourcc: string, data: Uint8Array) => bytes(fourcc, le32(data.length), data, data.length % 2 === 1 ? [0] : []);
  const body = bytes(
    'WEBP',
    chunk('VP8X', bytes([0x0c, 0, 0, 0], [0, 0, 0], [0, 0, 0])),
    chunk('VP8L', bytes([0x2f, 0, 0, 0, 0], 'VP8L-DATA-KEPT')),
    chunk('EXIF', exifWithGps().subarray(6)),
    chunk('XMP ', bytes(MARKERS.xmp)),
  );
  return bytes('RIFF', le32(body.length), body);
}

/** A GIF with a comment extension, an XMP application extension, the looping extension and one image. */
export function gifWithComment(): Uint8Array {
  const subBlocks = (data: Uint8Array) => bytes([data.length], data, [0]);
  return bytes(
    'GIF89a', [1, 0, 1, 0, 0x80, 0, 0], [0, 0, 0, 255, 255, 255],
    [0x21, 0xfe], subBlocks(bytes(MARKERS.comment)),
    [0x21, 0xff, 11], 'XMP DataXMP', subBlocks(bytes(MARKERS.xmp)),
    [0x21, 0xff, 11], 'NETSCAPE2.0', [3, 1, 0, 0, 0],
    [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0], [2], subBlocks(bytes([0x44, 0x01])),
    [0x3b],
  );
}

/** A small PDF (a header, one object, a trailer); enough for intake, which never renders it. */
export function pdfDocument(text = 'An email, printed'): Uint8Array {
  return bytes(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** A file named like a PNG that is not one: text. */
export function fakePng(): Uint8Array {
  return bytes('This is not a picture at all, only text with a .png name.\n');
}
