import { describe, expect, it } from 'vitest';
import { sniffFileType, stripMetadata } from './file-types.js';
import { cleanFileName, vetEvidenceFiles } from './evidence-files.js';
import {
  fakePng, gifWithComment, JPEG_SCAN, jpegWithGps, MARKERS, pdfDocument, pngImage, webpWithExif,
} from '../../tests/support/evidence-fixtures.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const contains = (b: Uint8Array, s: string) => text(b).includes(s);
const strip = (b: Uint8Array) => {
  const type = sniffFileType(b);
  if (type === null) throw new Error('not a known type');
  const out = stripMetadata(type, b);
  if (out === 'damaged') throw new Error('damaged');
  return out;
};

describe('sniffing a file type from its bytes', () => {
  it('knows each kept type by its signature, and nothing by its name', () => {
    expect(sniffFileType(jpegWithGps())).toBe('image/jpeg');
    expect(sniffFileType(pngImage())).toBe('image/png');
    expect(sniffFileType(webpWithExif())).toBe('image/webp');
    expect(sniffFileType(gifWithComment())).toBe('image/gif');
    expect(sniffFileType(pdfDocument())).toBe('application/pdf');
    expect(sniffFileType(fakePng())).toBeNull();
    expect(sniffFileType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'))).toBeNull();
    expect(sniffFileType(new TextEncoder().encode('<html><body>%PDF-1.4</body></html>'))).toBeNull();
    expect(sniffFileType(new Uint8Array(0))).toBeNull();
  });
});

describe('stripping image metadata', () => {
  it('takes EXIF with its GPS position and camera, XMP and comments out of a JPEG, and keeps its JFIF, colour profile and image data', () => {
    const original = jpegWithGps();
    for (const marker of [MARKERS.gps, MARKERS.camera, MARKERS.xmp, MARKERS.comment, 'Exif']) expect(contains(original, marker)).toBe(true);
    const out = strip(original);
    for (const marker of [MARKERS.gps, MARKERS.camera, MARKERS.xmp, MARKERS.comment, 'Exif']) expect(contains(out, marker)).toBe(false);
    expect(contains(out, 'JFIF')).toBe(true);
    expect(contains(out, 'ICC_PROFILE')).toBe(true);
    expect(text(out).endsWith(text(JPEG_SCAN))).toBe(true);
    expect(out.length).toBeLessThan(original.length);
    // Stripping what is already stripped changes nothing.
    expect(strip(out)).toEqual(out);
  });

  it('drops a PNG\'s text, time and EXIF chunks and keeps the image chunks byte for byte', () => {
    const original = pngImage();
    const out = strip(original);
    for (const marker of [MARKERS.text, MARKERS.xmp, MARKERS.gps, MARKERS.camera, 'tEXt', 'iTXt', 'tIME', 'eXIf']) expect(contains(out, marker)).toBe(false);
    const plain = pngImage({ metadata: false });
    expect(out).toEqual(plain);
  });

  it('drops a WebP\'s EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const out = strip(webpWithExif());
    for (const marker of [MARKERS.gps, MARKERS.camera, MARKERS.xmp, 'EXIF', 'XMP ']) expect(contains(out, marker)).toBe(false);
    expect(contains(out, 'VP8L-DATA-KEPT')).toBe(true);
    expect(Buffer.from(out).readUInt32LE(4)).toBe(out.length - 8);
    const vp8x = text(out).indexOf('VP8X');
    expect((out[vp8x + 8] ?? 0) & 0x0c).toBe(0);
  });

  it('drops a GIF\'s comments and XMP and keeps the looping extension and the image', () => {
    const out = strip(gifWithComment());
    expect(contains(out, MARKERS.comment)).toBe(false);
    expect(contains(out, MARKERS.xmp)).toBe(false);
    expect(contains(out, 'NETSCAPE2.0')).toBe(true);
    expect(out[out.length - 1]).toBe(0x3b);
  });

  it('keeps a PDF as it came (it is only ever downloaded)', () => {
    const pdf = pdfDocument();
    expect(strip(pdf)).toEqual(pdf);
  });

  it('calls a file damaged when its structure runs past its end, instead of storing half of it', () => {
    const png = pngImage();
    expect(stripMetadata('image/png', png.subarray(0, png.length - 20))).toBe('damaged');
    const jpeg = jpegWithGps();
    expect(stripMetadata('image/jpeg', jpeg.subarray(0, 30))).toBe('damaged');
    expect(stripMetadata('image/webp', webpWithExif().subarray(0, 24))).toBe('damaged');
    expect(stripMetadata('image/gif', gifWithComment().subarray(0, 20))).toBe('damaged');
    // A PNG signature followed by anything but an IHDR chunk.
    expect(stripMetadata('image/png', Uint8Array.from([...png.subarray(0, 8), 0, 0, 0, 0, 0x49, 0x44, 0x41, 0x54, 0, 0, 0, 0]))).toBe('damaged');
  });
});

describe('vetting the files a form carried against a desk\'s limits', () => {
  const limits = { maxFiles: 2, maxBytes: 4096 };
  const file = (name: string, bytes: Uint8Array, truncated = false) => ({ name, bytes, truncated });

  it('keeps good files, refuses each other one with its reason, and counts only files it could keep against the number', () => {
    const vetted = vetEvidenceFiles([
      file('fake.png', fakePng()),
      file('one.jpg', jpegWithGps()),
      file('empty.png', new Uint8Array(0)),
      file('huge.png', new Uint8Array(5000).fill(1)),
      file('cut.png', new Uint8Array(10), true),
      file('broken.png', pngImage().subarray(0, 60)),
      file('two.pdf', pdfDocument()),
      file('three.png', pngImage()),
    ], limits);
    expect(vetted.map((v) => (v.kept ? `${v.name}: ${v.type}` : `${v.name}: ${v.reason}`))).toEqual([
      'fake.png: not_supported', 'one.jpg: image/jpeg', 'empty.png: empty', 'huge.png: too_large', 'cut.png: too_large',
      'broken.png: damaged', 'two.pdf: application/pdf', 'three.png: too_many',
    ]);
    const kept = vetted.find((v) => v.kept);
    expect(kept?.kept === true && contains(kept.bytes, MARKERS.gps)).toBe(false);
  });

  it('ignores the empty, nameless part a browser sends for a file field left empty', () => {
    expect(vetEvidenceFiles([file('', new Uint8Array(0))], limits)).toEqual([]);
  });

  it('keeps a file name as text to show: last path segment, no control or direction characters, cut to length', () => {
    expect(cleanFileName('C:\\Users\\someone\\Desktop\\shot.png')).toBe('shot.png');
    expect(cleanFileName('a\u202egnp.exe\u0000')).toBe('agnp.exe');
    expect(cleanFileName('x'.repeat(500))).toBe('x'.repeat(120));
    expect(cleanFileName(`${'y'.repeat(119)}👩‍👩‍👧 more`)).toBe(`${'y'.repeat(119)}👩‍👩‍👧`);
  });
});
