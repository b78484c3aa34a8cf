import type { FastifyInstance } from 'fastify';
import type { HavenConfig } from '../runtime/config.js';
import { openContext, type OpenedContext } from '../runtime/open-context.js';
import { startBackgroundWorker } from '../runtime/background-worker.js';
import { countStaffAccounts } from '../services/count-staff-accounts.js';
import { buildApp } from './app.js';

/** Why the server could not listen, as a sentence for the operator (no stack trace). */
import { ListenError } from './listen-error.js';

export { ListenError };

function listenError(error: unknown, config: HavenConfig): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE') return new ListenError(`Cannot listen on ${where}: another program (perhaps another Haven) is using that port. Stop it or set PORT to a free port.`);
  if (code === 'EACCES') return new ListenError(`Cannot listen on ${where}: permission denied. Use a port above 1023 or run behind a proxy.`);
  if (code === 'EADDRNOTAVAIL') return new ListenError(`Cannot listen on ${where}: this machine has no such address. Check HOST.`);
  return error instanceof Error ? error : new Error(String(error));
}

export interface RunningServer { app: FastifyInstance; handle: OpenedContext['handle']; url: string; stop(): Promise<void> }

/** Starts Haven: database, migrations, HTTP listener and the job worker. */
export async function startServer(config: HavenConfig): Promise<RunningServer> {
  const { ctx, handle } = await openContext(config);
  const app = await buildApp({ config, ctx });
  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // Nothing else may keep the process alive (the worker starts only once the port is ours).
    await app.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw listenError(error, config);
  }
  const worker = config.runWorker ? startBackgroundWorker(ctx, config, app.log) : null;
  const staff = await countStaffAccounts(ctx);
  app.log.info({ database: handle.location, mail: config.smtpUrl === undefined ? config.mailDir : 'smtp' }, `Haven is listening on ${url}`);
  if (staff === 0) {
    process.stdout.write(
      `\nHaven is running at ${config.publicUrl} — reporters can use ${config.publicUrl}/report now.\n` +
      'There is no staff account yet. Create the first administrator with:\n\n' +
      '  npx haven user add --username YOUR_NAME --role admin --password-stdin\n\n' +
      'then type the password (at least 12 characters) and press Enter. Sign in at ' + `${config.publicUrl}/desk/\n\n`,
    );
  }
  return {
    app, handle, url,
    async stop() {
      await worker?.stop();
      await app.close();
      await handle.close();
    },
  };
}
