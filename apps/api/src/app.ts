import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Clock } from './platform/clock.js';
import { systemClock } from './platform/clock.js';
import { Mailer } from './platform/mailer.js';
import { createSerializerCompiler } from './platform/serializer.js';
import { redactUrl } from './platform/log-redaction.js';
import type { Deps } from './platform/deps.js';
import {
  frameworkErrors,
  PLATFORM_PUBLIC_PREFIXES,
  problem,
  registerAuthHooks,
  registerErrorHandler,
} from './platform/http.js';
import { registerTextGuard } from './platform/text-guard.js';
import { registerSecurityHeaders } from './platform/security-headers.js';
import { registerWebApp } from './platform/web-app.js';
import { registerCompression } from './platform/compression.js';
import { registerSettings } from './platform/settings.js';
import { registerRecords } from './platform/records.js';
import { registerSweeps } from './platform/jobs.js';
import { RATE_LIMIT_SWEEP } from './platform/rate-limit.js';
import { buildModuleServices, registerModuleRoutes, required } from './platform/module.js';
import { registerDemoParts } from './seed/demo.js';
import { MODULES } from './modules/index.js';

/** logStream: where the log goes instead of stdout (tests read it). */
export type BuildOptions = {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: boolean;
  logStream?: NodeJS.WritableStream;
};
export type App = { app: FastifyInstance; deps: Deps };

/** Builds the whole API: external plugins, then platform hooks, then each module's routes. Tests use it too. */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config, database, clock = systemClock, logger = true, logStream } = options;
  // A request line names its URL without the secret of a personal link (see redactUrl).
  const serializers = {
    req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
  };
  const app = Fastify({
    logger: logger ? { level: config.logLevel, serializers, ...(logStream ? { stream: logStream } : {}) } : false,
    bodyLimit: 1_048_576,
    // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY: per-address limits depend on it.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    // One line per request only at debug level: at info the log stays about what matters.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler({ checkContracts: config.checkResponses }));

  const mailer = new Mailer(database.db, clock, config.smtpUrl, config.mailFrom, {
    showLinks: config.demo,
    publicUrl: config.publicUrl,
  });
  const deps: Deps = { db: database.db, engine: database.engine, clock, mailer, config };
  app.addHook('onClose', async () => mailer.close());

  await app.register(cookie);
  await registerSecurityHeaders(app, config);
  await registerCompression(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Harmonie API', version: '0.1.0', description: 'Run a music-lesson organisation.' },
      servers: [],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerErrorHandler(app);
  registerTextGuard(app);

  // The modules, from their manifests (modules/index.ts): what they declare becomes known (settings, record
  // policies, sweeps, demo parts), their services are built in list order, the hooks learn every public prefix,
  // and their routes are registered after the platform's.
  registerSweeps([RATE_LIMIT_SWEEP]);
  for (const m of MODULES) {
    registerSettings(m.settings ?? []);
    registerRecords(m.records ?? []);
    registerSweeps(m.sweeps ?? []);
  }
  registerDemoParts(MODULES);
  const services = buildModuleServices(MODULES, deps);
  const publicPrefixes = [...PLATFORM_PUBLIC_PREFIXES, ...MODULES.flatMap((m) => m.publicPrefixes ?? [])];
  registerAuthHooks(app, required(services, 'auth'), publicPrefixes);

  app.get('/api/health', { schema: { tags: ['platform'] } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ok', database: database.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: database.engine });
    }
  });

  await registerModuleRoutes(app, MODULES, services, deps);

  const webDist = path.resolve(config.webDist);
  const indexHtml = path.join(webDist, 'index.html');
  const webBuilt = fs.existsSync(indexHtml);
  if (webBuilt) await registerWebApp(app, webDist);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') return problem(reply, request, 404, 'NOT_FOUND');
    if (!webBuilt)
      return reply.status(404).type('text/plain').send('The web app is not built: run `npm run build:web`.');
    // The single-page app owns every other path (deep links such as /office/families/…): the same static entry,
    // negotiated and revalidated like /index.html.
    return reply.sendFile('index.html');
  });

  return { app, deps };
}
