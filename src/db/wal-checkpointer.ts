import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in its own thread with its own connection: copies committed WAL pages into the
// database file (and fsyncs it) while the main thread goes on serving requests.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** A background WAL checkpointer for one SQLite file; stop() ends it. */
export interface WalCheckpointer { stop(): Promise<void> }

/**
 * Moves WAL checkpoints off the request path. SQLite otherwise checkpoints inside the COMMIT
 * that crosses the threshold, so whichever requests share that commit wait for up to 1,000
 * pages to be copied and the database file to be fsynced (tens of milliseconds here).
 * A PASSIVE checkpoint never blocks writers or readers, and durability does not depend on it:
 * a commit is durable once the WAL is fsynced.
 */
export function startWalCheckpointer(file: string, intervalMs = 200, onError: (message: string) => void = () => undefined): WalCheckpointer {
  const worker = new Worker(SOURCE, {
    eval: true, workerData: { file, intervalMs, module: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  worker.on('message', (message: unknown) => onError(String(message)));
  worker.on('error', (error) => onError(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      // Referenced again while it winds down, or a process with nothing else to do would exit
      // before the thread had closed its connection (and before its own caller went on).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
