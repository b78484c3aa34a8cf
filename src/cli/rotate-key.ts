import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../db/connection.js';
import type { HavenConfig } from '../runtime/config.js';
import { rotateKeys, valuesUnderOlderKeys, type RotationProgress } from '../services/rotate-keys.js';
import { FieldCipher } from '../services/security/field-cipher.js';
import { decodeKey, keyFiles, loadFieldCipher, readPreviousKeyFile } from '../services/security/load-key.js';

/**
 * `haven rotate-key --new-key`: makes a new key current and keeps the old one for opening.
 * With HAVEN_SECRET_KEY it prints the new key and the settings to change (Haven does not
 * own the environment); with the key file, it rewrites `secret.key` and `previous.keys`.
 */
export function runNewKey(config: HavenConfig, out: NodeJS.WritableStream = process.stdout): number {
  const key = randomBytes(32).toString('base64');
  if (config.secretKey !== undefined) {
    const previous = [config.secretKey.trim(), ...config.previousSecretKeys].join(',');
    out.write('A new key (keep it as safe as the old one):\n\n' +
      `  HAVEN_SECRET_KEY=${key}\n  HAVEN_PREVIOUS_SECRET_KEYS=${previous}\n\n` +
      'Set both on every Haven process and restart them, then run `haven rotate-key`.\n');
    return 0;
  }
  const files = keyFiles(config.dataDir);
  if (!existsSync(files.current)) {
    process.stderr.write(`There is no ${files.current} to replace: start Haven once, or set HAVEN_SECRET_KEY.\n`);
    return 1;
  }
  const old = readFileSync(files.current, 'utf8').trim();
  decodeKey(old, files.current);
  // The old key is written to previous.keys first: a crash in between leaves both keys on disk.
  writeAtomically(files.previous, [old, ...readPreviousKeyFile(config.dataDir)].join('\n') + '\n');
  writeAtomically(files.current, key + '\n');
  out.write(`${files.current} now holds a new key (${FieldCipher.keyId(Buffer.from(key, 'base64'))}); the old one ` +
    `(${FieldCipher.keyId(Buffer.from(old, 'base64'))}) is kept in ${files.previous}.\n` +
    'Restart every Haven process so it seals with the new key, then run `haven rotate-key`.\n');
  return 0;
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** A one-line progress bar on a terminal; plain lines, one per finished step, elsewhere. */
export function progressPrinter(stream: NodeJS.WriteStream | NodeJS.WritableStream): (p: RotationProgress) => void {
  const tty = 'isTTY' in stream && stream.isTTY;
  return (p) => {
    const share = p.total === 0 ? 1 : p.done / p.total;
    if (tty) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ` +
        `step ${Math.min(p.stepsDone + 1, p.steps)}/${p.steps} ${p.step} ${p.done}/${p.total}\x1b[K`);
    } else if (p.done >= p.total) {
      stream.write(`${p.step}: ${p.total} done (${p.stepsDone}/${p.steps} steps)\n`);
    }
  };
}

/** `haven rotate-key`: re-seals every stored value under the current key, resumably, while Haven runs. */
export async function runRotateKey(config: HavenConfig): Promise<number> {
  const cipher = loadFieldCipher({ dataDir: config.dataDir, secretKey: config.secretKey, previousKeys: config.previousSecretKeys });
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const ctx = { db: handle.db, dialect: handle.dialect, cipher, now: () => new Date(), sessionHours: 12 };
    const result = await rotateKeys(ctx, { onProgress: progressPrinter(process.stderr) });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const left = await valuesUnderOlderKeys(ctx);
    const unreadable = Object.entries(result.unreadable);
    process.stdout.write(`${result.resumed ? 'Resumed and finished' : 'Finished'} the rotation to key ${result.keyId}: ${result.resealed} values re-sealed.\n`);
    for (const [step, count] of unreadable) process.stdout.write(`  ${count} values in ${step} open under no configured key; they were left as they are.\n`);
    const leftOver = Object.entries(left);
    if (leftOver.length > 0) {
      process.stdout.write('Some values were sealed under an older key after this run passed them: a Haven process still ' +
        `runs with the old key (${leftOver.map(([s, n]) => `${s}: ${n}`).join(', ')}). Restart it and run this again.\n`);
      return 1;
    }
    process.stdout.write('No stored value uses an older key now. Keep the older keys for `haven audit verify` (audit entries linked ' +
      'under them) and for recovery codes issued before; they no longer open anything stored.\n');
    return 0;
  } finally {
    await handle.close();
  }
}
