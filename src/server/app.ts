import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../services/context.js';
import type { HavenConfig } from '../runtime/config.js';
import { registerBodyParsers } from './plugins/body-parsers.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { clientErrorHandler, frameworkErrorHandler } from './plugins/framework-errors.js';
import { registerPublicPages } from './public/register.js';
import { healthRoutes } from './routes/health/health.routes.js';
import { reportRoutes } from './routes/reports/reports.routes.js';
import { sessionRoutes } from './routes/session/session.routes.js';
import { caseRoutes } from './routes/cases/cases.routes.js';
import { caseWorkRoutes } from './routes/cases/case-work.routes.js';
import { partyRoutes } from './routes/parties/parties.routes.js';
import { consentRoutes } from './routes/consent/consent.routes.js';
import { reporterRoutes } from './routes/reporter/reporter.routes.js';
import { reportingRoutes } from './routes/reporting/reporting.routes.js';
import { templateRoutes } from './routes/templates/templates.routes.js';
import { routingRoutes } from './routes/routing/routing.routes.js';
import { referralRoutes } from './routes/referrals/referrals.routes.js';
import { reviewRoutes } from './routes/review/review.routes.js';
import { registerConsole } from './console.js';
import { loggableUrl } from './log-redaction.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import { loadCatalog } from '../training/load-catalog.js';
import { formatProblem } from '../training/problems.js';
import { registerTrainingPages } from './public/training/register.js';
import { trainingRoutes } from './routes/training/training.routes.js';
import { emergencyRoutes } from './routes/emergency/emergency.routes.js';
import { staffRoutes } from './routes/staff/staff.routes.js';
import { auditRoutes } from './routes/audit/audit.routes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BODY_LIMIT = 256 * 1024;

export interface AppOptions {
  config: Pick<HavenConfig, 'publicUrl' | 'secureCookies' | 'trustProxy' | 'logLevel'>;
  ctx: ServiceContext;
  /** Where the built console lives; defaults to dist/client. */
  consoleDir?: string;
  /** Where the training modules live; defaults to content/training. */
  trainingDir?: string;
  /** Where log lines go; defaults to standard output (tests read them here). */
  logStream?: NodeJS.WritableStream;
  /** Told of every route as it is registered (the access-matrix test walks them all). */
  onRoute?: (route: { method: string; url: string }) => void;
}

/** Builds the whole Haven HTTP app without listening, for main.ts and the tests. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, ctx } = options;
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    logger: config.logLevel === 'silent' ? false : {
      level: config.logLevel,
      ...(options.logStream === undefined ? {} : { stream: options.logStream }),
      // No query string reaches a log line but allow-listed parameters (see log-redaction.ts).
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
      },
    },
    routerOptions: { ignoreTrailingSlash: true },
    // What the framework answers by itself still has Haven's error shape and headers.
    frameworkErrors: frameworkErrorHandler(config.publicUrl),
    clientErrorHandler: clientErrorHandler(config.publicUrl),
  }).withTypeProvider<ZodTypeProvider>();

  const { onRoute } = options;
  if (onRoute !== undefined) {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) onRoute({ method, url: route.url });
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerBodyParsers(app);
  registerErrorHandler(app);
  registerSecurityHeaders(app, config.publicUrl);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: OPENAPI_DOCUMENT,
    transform: jsonSchemaTransform,
  });

  await app.register(healthRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(sessionRoutes(ctx, config.secureCookies));
  await app.register(caseRoutes(ctx));
  await app.register(caseWorkRoutes(ctx));
  await app.register(partyRoutes(ctx));
  await app.register(consentRoutes(ctx));
  await app.register(reporterRoutes(ctx, config.secureCookies));
  await app.register(reportingRoutes(ctx));
  await app.register(emergencyRoutes(ctx));
  await app.register(templateRoutes(ctx));
  await app.register(routingRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(referralRoutes(ctx));
  await app.register(staffRoutes(ctx));
  await app.register(auditRoutes(ctx));
  // A broken module is left out, not fatal: the desk must start whatever a training file says.
  const training = loadCatalog(options.trainingDir ?? path.join(ROOT, 'content/training'));
  for (const problem of training.problems) app.log.warn(`training module left out: ${formatProblem(problem)}`);
  await app.register(trainingRoutes(ctx, training));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyStatic, { root: path.join(ROOT, 'src/server/public/assets'), prefix: '/assets/', decorateReply: false, index: false });
  registerPublicPages(app, ctx, config.secureCookies);
  registerTrainingPages(app, ctx, training);
  const consoleDir = options.consoleDir ?? path.join(ROOT, 'dist/client');
  await registerConsole(app, existsSync(path.join(consoleDir, 'index.html')) ? consoleDir : null);
  return app;
}
