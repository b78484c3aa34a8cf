import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for cookies and CSRF, 256 bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a high-entropy token; what the database stores instead of the token. */
export function hashToken(token: string, purpose: string): string {
  return createHash('sha256').update(purpose).update('\0').update(token).digest('hex');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
