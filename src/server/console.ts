import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { translator } from '../services/i18n.js';

/** Serves the built console under /desk/, every unknown path falling back to its index.html. */
export async function registerConsole(app: FastifyInstance, dir: string | null): Promise<void> {
  const t = translator('public');
  const index = dir === null ? null : await readFile(path.join(dir, 'index.html'), 'utf8');
  if (dir !== null) {
    await app.register(fastifyStatic, { root: path.join(dir, 'assets'), prefix: '/desk/assets/', decorateReply: false, index: false, immutable: true, maxAge: '365d' });
  }
  const sendIndex = (reply: FastifyReply) => index === null
    ? reply.status(503).type('text/plain; charset=utf-8').send(t('console.notbuilt'))
    : reply.type('text/html; charset=utf-8').send(index);
  // The router ignores trailing slashes, so this route answers /desk/ too: only the bare
  // /desk may redirect, or /desk/ would redirect to itself for ever.
  app.get('/desk', { schema: { hide: true } }, async (request, reply) => (request.url.split('?')[0] === '/desk' ? reply.redirect('/desk/', 308) : sendIndex(reply)));
  app.get('/desk/*', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
}
