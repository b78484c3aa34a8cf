import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Another process holding the SQLite file's write lock: it begins IMMEDIATE, writes a row
 * (so any snapshot taken before its commit is stale), and commits after `holdMs`. Resolves
 * once the lock is held. Like a CLI command, or a second server, on the same file.
 */
export async function holdWriteLockElsewhere(file: string, holdMs: number): Promise<{ process: ChildProcess; done: Promise<number | null> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    db.exec("CREATE TABLE IF NOT EXISTS lock_probe (n INTEGER)");
    db.prepare('INSERT INTO lock_probe (n) VALUES (1)').run();
    process.stdout.write('held\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('held')) resolve(); });
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${String(code)}) before holding the lock`)));
  });
  return { process: child, done };
}
