import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotpStep, otpauthUri, totpAt } from './totp.js';

// The shared secret of the RFCs' test vectors: ASCII "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP', () => {
  it('gives the HOTP values of RFC 4226, Appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it.each([
    [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
    [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
  ])('gives the SHA-1 value of RFC 6238, Appendix B, at %i s', (seconds, code) => {
    expect(totpAt(RFC_KEY, new Date(seconds * 1000), 8)).toBe(code);
  });

  it('accepts one step either side of now, and never a step at or before the last one used', () => {
    const now = new Date(1111111111 * 1000);
    const step = Math.floor(1111111111 / 30);
    const previous = hotp(RFC_KEY, step - 1);
    const next = hotp(RFC_KEY, step + 1);
    expect(matchTotpStep(RFC_KEY, hotp(RFC_KEY, step), now, null)).toBe(step);
    expect(matchTotpStep(RFC_KEY, previous, now, null)).toBe(step - 1);
    expect(matchTotpStep(RFC_KEY, next, now, null)).toBe(step + 1);
    expect(matchTotpStep(RFC_KEY, hotp(RFC_KEY, step - 2), now, null)).toBeNull();
    expect(matchTotpStep(RFC_KEY, hotp(RFC_KEY, step), now, step)).toBeNull();
    expect(matchTotpStep(RFC_KEY, next, now, step)).toBe(step + 1);
  });

  it('round-trips base32 as RFC 4648 spells it', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(base32Encode(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('writes an otpauth URI with the issuer, the account and the secret', () => {
    const uri = new URL(otpauthUri({ issuer: 'Haven', account: 'sam', secret: 'ABC' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Haven:sam');
    expect(uri.searchParams.get('secret')).toBe('ABC');
    expect(uri.searchParams.get('issuer')).toBe('Haven');
  });
});
