import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { translator } from '../shared/i18n.js';

/** Serves the built console under /desk/, every unknown path falling back to its index.html. */
export async function registerConsole(app: FastifyInstance, dir: string | null): Promise<void> {
  app.get('/desk', async (_request, reply) => reply.redirect('/desk/', 308));
  if (dir === null) {
    const t = translator('public');
    app.get('/desk/*', async (_request, reply) => reply.status(503).type('text/plain; charset=utf-8').send(t('console.notbuilt')));
    return;
  }
  const index = await readFile(path.join(dir, 'index.html'), 'utf8');
  await app.register(fastifyStatic, { root: path.join(dir, 'assets'), prefix: '/desk/assets/', decorateReply: false, index: false, immutable: true, maxAge: '365d' });
  app.get('/desk/*', async (_request, reply) => reply.type('text/html; charset=utf-8').send(index));
}
