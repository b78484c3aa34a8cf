import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher.js';

export function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must be 32 bytes, base64-encoded (openssl rand -base64 32).`);
  return key;
}

/** The key files of the zero-configuration key ring, in the data folder. */
export function keyFiles(dataDir: string): { current: string; previous: string } {
  return { current: path.join(dataDir, 'secret.key'), previous: path.join(dataDir, 'previous.keys') };
}

/** The older keys kept in `<dataDir>/previous.keys` (one base64 key a line), newest first. */
export function readPreviousKeyFile(dataDir: string): string[] {
  const file = keyFiles(dataDir).previous;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/**
 * The field cipher from HAVEN_SECRET_KEY, or from `<dataDir>/secret.key`, created on first
 * start with owner-only permissions so the zero-configuration default is still encrypted.
 * Older keys (HAVEN_PREVIOUS_SECRET_KEYS, or `previous.keys` beside `secret.key`) still open
 * what they sealed; `haven rotate-key --new-key` moves a key-file install to a new key.
 */
export function loadFieldCipher(input: { dataDir: string; secretKey: string | undefined; previousKeys: string[] }): FieldCipher {
  const previous = input.previousKeys.map((k, i) => decodeKey(k, `HAVEN_PREVIOUS_SECRET_KEYS[${i}]`));
  if (input.secretKey !== undefined) return new FieldCipher(decodeKey(input.secretKey, 'HAVEN_SECRET_KEY'), previous);
  const file = keyFiles(input.dataDir).current;
  previous.push(...readPreviousKeyFile(input.dataDir).map((k, i) => decodeKey(k, `${keyFiles(input.dataDir).previous}, line ${i + 1}`)));
  if (!existsSync(file)) {
    mkdirSync(input.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new FieldCipher(decodeKey(readFileSync(file, 'utf8'), file), previous);
}
