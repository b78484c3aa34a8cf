import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../../services/context.js';
import { recordTrainingStep } from '../../../services/record-training-progress.js';
import { viewOwnTrainingProgress } from '../../../services/view-own-training.js';
import { safeEqual } from '../../../services/security/tokens.js';
import { findModule, type TrainingCatalog } from '../../../training/load-catalog.js';
import { moduleOutline } from '../../../training/outline.js';
import { sectionQuestions } from '../../../training/types.js';
import { errorPage } from '../error-page.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { listPage } from './list-page.js';
import { sectionPath } from './module-text.js';
import { trainingHref, trainingReader, type TrainingReader } from './reader.js';
import { sectionPage } from './section-page.js';

function send(reply: FastifyReply, reader: TrainingReader, page: { title: string; body: SafeHtml }, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(layout(reader.page, page));
}

function field(source: unknown, name: string): string | null {
  const value = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The training pages: a list of modules and each module's tabs, rendered on the server and
 * complete without script. Anyone may read; a signed-in staff member's reading and answers
 * are recorded, and their answers must carry the session's CSRF token.
 */
export function registerTrainingPages(app: FastifyInstance, ctx: ServiceContext, catalog: TrainingCatalog): void {
  const outlines = new Map(catalog.modules.map((m) => [m.id, moduleOutline(m)]));
  const notFound = (request: FastifyRequest, reply: FastifyReply) => reply.status(404).type('text/html; charset=utf-8').send(errorPage(request, 404, request.id));

  app.get('/training', { schema: { hide: true } }, async (request, reply) => {
    const reader = await trainingReader(request, ctx);
    const progress = reader.staff === null ? null : await viewOwnTrainingProgress(ctx, reader.staff.id, [...outlines.values()]);
    return send(reply, reader, listPage(reader, catalog.modules, progress));
  });

  app.get<{ Params: { module: string } }>('/training/:module', { schema: { hide: true } }, async (request, reply) => {
    const module = findModule(catalog, request.params.module);
    const first = module?.sections[0];
    if (module === undefined || first === undefined) return notFound(request, reply);
    return reply.redirect(trainingHref(await trainingReader(request, ctx), sectionPath(module, first.id)), 303);
  });

  app.get<{ Params: { module: string; section: string } }>('/training/:module/:section', { schema: { hide: true } }, async (request, reply) => {
    const module = findModule(catalog, request.params.module);
    const outline = outlines.get(request.params.module);
    const index = module?.sections.findIndex((s) => s.id === request.params.section) ?? -1;
    if (module === undefined || outline === undefined || index === -1) return notFound(request, reply);
    const reader = await trainingReader(request, ctx);
    const progress = reader.staff === null ? null : await recordTrainingStep(ctx, reader.staff.id, outline, { kind: 'read', sectionId: request.params.section });
    const question = field(request.query, 'question');
    const answered = question === null ? null : { questionId: question, optionId: field(request.query, 'choice') };
    return send(reply, reader, sectionPage(reader, { module, index, progress, answered }));
  });

  app.post<{ Params: { module: string; section: string } }>('/training/:module/:section/answers', { schema: { hide: true } }, async (request, reply) => {
    const module = findModule(catalog, request.params.module);
    const outline = outlines.get(request.params.module);
    const section = module?.sections.find((s) => s.id === request.params.section);
    const question = field(request.body, 'question');
    const asked = section === undefined ? [] : [...section.texts.values()].flatMap((text) => sectionQuestions(text).map((q) => q.id));
    if (module === undefined || outline === undefined || section === undefined || question === null || !asked.includes(question)) return notFound(request, reply);
    const reader = await trainingReader(request, ctx);
    const path = sectionPath(module, section.id);
    const choice = field(request.body, 'choice');
    if (choice === null) return reply.redirect(trainingHref(reader, path, { question, missing: '1' }, `question-${question}`), 303);
    if (reader.staff !== null) {
      // The staff cookie is SameSite=Strict and the origin is checked, and still the form must
      // carry this session's token: a stored answer is a write made in someone's name.
      if (!safeEqual(field(request.body, 'csrf') ?? '', reader.staff.csrfToken)) {
        return send(reply, reader, { title: reader.page.t('training.title'), body: html`<h1>${reader.page.t('training.title')}</h1><p class="error" role="alert">${reader.page.t('training.csrf')}</p><p><a href="${trainingHref(reader, path)}">${reader.page.t('training.csrf.back')}</a></p>` }, 403);
      }
      await recordTrainingStep(ctx, reader.staff.id, outline, { kind: 'answer', questionId: question, optionId: choice });
    }
    return reply.redirect(trainingHref(reader, path, { question, choice }, `answer-${question}`), 303);
  });
}
