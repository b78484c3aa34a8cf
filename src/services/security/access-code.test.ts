import { describe, expect, it } from 'vitest';
import { generateAccessCode, groupAccessCode, hashAccessCode, isWellFormedAccessCode, normalizeAccessCode } from './access-code.js';

// Crockford's base32, as printed on the receipt: no I, L, O or U.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('access codes', () => {
  const samples = Array.from({ length: 3000 }, () => generateAccessCode());

  it('are grouped in fours from the Crockford alphabet, all the same length', () => {
    const length = samples[0]?.length ?? 0;
    for (const code of samples) {
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
      expect(code.length).toBe(length);
      for (const c of code.replace(/-/g, '')) expect(CROCKFORD).toContain(c);
    }
  });

  it('carry at least 128 bits: measured per position over many codes', () => {
    // Each position contributes log2 of the symbols it is seen to take. With 3000 samples a
    // position drawing from 32 symbols shows all 32, so this estimates the real entropy and
    // would catch a generator that ignores part of its random bytes.
    const bare = samples.map((c) => c.replace(/-/g, ''));
    const positions = bare[0]?.length ?? 0;
    let bits = 0;
    for (let i = 0; i < positions; i += 1) bits += Math.log2(new Set(bare.map((c) => c[i])).size);
    expect(bits).toBeGreaterThanOrEqual(128);
    expect(positions * Math.log2(CROCKFORD.length)).toBeGreaterThanOrEqual(bits);
  });

  it('do not repeat', () => {
    expect(new Set(samples).size).toBe(samples.length);
  });

  it('forgive case, spaces, dashes and look-alike letters', () => {
    for (const code of samples.slice(0, 200)) {
      const canonical = normalizeAccessCode(code);
      expect(canonical).toBe(code.replace(/-/g, ''));
      const variants = [
        code.toLowerCase(),
        code.replace(/-/g, ' '),
        `  ${code.replace(/-/g, '')}\n`,
        code.replace(/-/g, ' - ').toLowerCase(),
        code.replace(/0/g, 'O').replace(/1/g, 'l'),
        code.replace(/0/g, 'o').replace(/1/g, 'I'),
      ];
      for (const variant of variants) {
        expect(normalizeAccessCode(variant), variant).toBe(canonical);
        expect(isWellFormedAccessCode(variant), variant).toBe(true);
        expect(hashAccessCode(variant), variant).toBe(hashAccessCode(code));
      }
    }
  });

  it('forgive what a phone adds when a code is copied or typed: odd spaces and dashes, full-width letters', () => {
    // The codes are ASCII, so one UTF-16 unit per character.
    const fullWidth = (text: string) => text.replace(/./g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const code of samples.slice(0, 100)) {
      const canonical = code.replace(/-/g, '');
      const groups = code.split('-');
      const variants = [
        groups.join('\u00a0'), // no-break space
        groups.join('\u2009'), // thin space
        groups.join('\u3000'), // ideographic space
        groups.join('\u2011'), // non-breaking hyphen
        groups.join(' \u2013 '), // en dash with spaces
        groups.join('\u2014'), // em dash
        groups.join('\u2212'), // minus sign
        groups.join('\u200b'), // zero-width space
        groups.join('\u00ad'), // soft hyphen
        `\ufeff${code}`,
        fullWidth(canonical.toLowerCase()),
      ];
      for (const variant of variants) {
        expect(normalizeAccessCode(variant), JSON.stringify(variant)).toBe(canonical);
        expect(hashAccessCode(variant)).toBe(hashAccessCode(code));
      }
    }
  });

  it('are shown in groups of four however they were typed', () => {
    for (const code of samples.slice(0, 100)) {
      expect(groupAccessCode(code)).toBe(code);
      expect(groupAccessCode(code.replace(/-/g, '').toLowerCase())).toBe(code);
      expect(groupAccessCode(code.replace(/-/g, ' '))).toBe(code);
      const groups = groupAccessCode(code).split('-');
      expect(groups).toHaveLength(7);
      for (const group of groups) expect(group).toHaveLength(4);
    }
  });

  it('refuse what cannot be a code', () => {
    const code = samples[0] ?? '';
    const bare = code.replace(/-/g, '');
    for (const bad of ['', bare.slice(1), `${bare}0`, `${bare.slice(1)}U`, `${bare.slice(1)}!`, `${bare.slice(1)}é`]) {
      expect(isWellFormedAccessCode(bad), bad).toBe(false);
    }
  });

  it('hash deterministically, differently per code, and never in clear', () => {
    const [a, b] = samples;
    if (a === undefined || b === undefined) throw new Error('no samples');
    expect(hashAccessCode(a)).toBe(hashAccessCode(a));
    expect(hashAccessCode(a)).not.toBe(hashAccessCode(b));
    expect(hashAccessCode(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAccessCode(a)).not.toContain(normalizeAccessCode(a).toLowerCase());
    const hashes = new Set(samples.map(hashAccessCode));
    expect(hashes.size).toBe(samples.length);
  });
});
