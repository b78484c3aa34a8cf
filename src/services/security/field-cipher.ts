import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for sensitive fields (contact addresses and the like). Each value carries the
 * id of the key that sealed it, so keys can be rotated: new values use the current key,
 * old ones stay readable while their key is still configured.
 * Stored form: `v1.<keyId>.<iv>.<ciphertext>.<tag>` in base64url.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;
  /** Keys for keyed hashes, per purpose, derived on first use. */
  private readonly derived = new Map<string, Buffer[]>();

  constructor(current: Buffer, previous: Buffer[] = []) {
    if (current.length !== 32) throw new Error('The encryption key must be 32 bytes.');
    this.currentId = FieldCipher.keyId(current);
    this.keys = new Map([[this.currentId, current], ...previous.map((k) => [FieldCipher.keyId(k), k] as [string, Buffer])]);
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.currentId;
  }

  /** The ids of the older keys still configured (they open, never seal). */
  get previousKeyIds(): string[] {
    return [...this.keys.keys()].filter((id) => id !== this.currentId);
  }

  /** A short public fingerprint of a key. */
  static keyId(key: Buffer): string {
    return createHash('sha256').update(key).digest('base64url').slice(0, 8);
  }

  /** Encrypts a value; `context` binds it to its place (e.g. the column) so it cannot be moved. */
  seal(plain: string, context: string): string {
    return this.sealBytes(Buffer.from(plain, 'utf8'), context);
  }

  /** Decrypts a sealed value; throws when it was tampered with or its key is unknown. */
  open(sealed: string, context: string): string {
    return this.openBytes(sealed, context).toString('utf8');
  }

  /** Seals bytes (an evidence file; a value, through `seal`): one form for both, so rotation treats them alike. */
  sealBytes(plain: Uint8Array, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentId), iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return ['v1', this.currentId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** Opens what `sealBytes` sealed; throws when it was tampered with, moved or its key is unknown. */
  openBytes(sealed: string, context: string): Buffer {
    const [version, keyId, iv, body, tag] = sealed.split('.');
    if (version !== 'v1' || keyId === undefined || iv === undefined || body === undefined || tag === undefined) {
      throw new Error('Not a sealed value.');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  }

  /**
   * Keyed hashes of `value` for one purpose (a blind index, an idempotency key), hex, one per
   * configured key, the current key's first: write the first, look up with all of them, so a
   * value hashed before a rotation is still found. Each purpose gets its own key, derived with
   * HKDF, so a hash never equals one made for another purpose nor uses the encryption key itself.
   */
  keyedHashes(value: string, purpose: string): string[] {
    return this.hashKeys(purpose).map((key) => createHmac('sha256', key).update(value, 'utf8').digest('hex'));
  }

  /** The keys for one purpose's keyed hashes, the current key's first; derived once. */
  private hashKeys(purpose: string): Buffer[] {
    let keys = this.derived.get(purpose);
    if (keys === undefined) {
      const ids = [this.currentId, ...[...this.keys.keys()].filter((id) => id !== this.currentId)];
      keys = ids.map((id) => Buffer.from(hkdfSync('sha256', this.key(id), Buffer.alloc(0), `haven-keyed-hash:${purpose}`, 32)));
      this.derived.set(purpose, keys);
    }
    return keys;
  }

  /** Whether a sealed value uses an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentId;
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (key === undefined) throw new Error(`No encryption key with id ${id} is configured.`);
    return key;
  }
}
