import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates `dir` (and missing parents) readable by the owner only, whatever the umask: each
 * folder this call creates is set to 0700. A folder that already existed is left as it is
 * (it may be the operator's, such as /srv).
 */
export function makePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // From the first folder created down to `dir`: each was created here.
  let current = path.resolve(dir);
  const stop = path.dirname(path.resolve(first));
  while (current !== stop && current !== path.dirname(current)) {
    chmodSync(current, 0o700);
    current = path.dirname(current);
  }
}

/**
 * Makes sure `file` exists and is 0600 before anything writes to it: SQLite creates its file
 * with 0644 less the umask, and gives the -wal and -shm files the database file's mode, so a
 * database created here keeps all three private. An existing file is set to 0600 as well
 * (a database created by an older version), when this process owns it.
 */
export function makePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not ours to change (another owner): leave it, as the operator set it.
  }
}
