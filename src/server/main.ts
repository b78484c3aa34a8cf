import type { FastifyInstance } from 'fastify';
import type { HavenConfig } from '../runtime/config.js';
import { openContext, type OpenedContext } from '../runtime/open-context.js';
import { startBackgroundWorker } from '../runtime/background-worker.js';
import { countStaffAccounts } from '../services/count-staff-accounts.js';
import { buildApp } from './app.js';

export interface RunningServer { app: FastifyInstance; handle: OpenedContext['handle']; url: string; stop(): Promise<void> }

/** Starts Haven: database, migrations, HTTP listener and the job worker. */
export async function startServer(config: HavenConfig): Promise<RunningServer> {
  const { ctx, handle } = await openContext(config);
  const app = await buildApp({ config, ctx });
  const worker = config.runWorker ? startBackgroundWorker(ctx, config, app.log) : null;
  const url = await app.listen({ port: config.port, host: config.host });
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
