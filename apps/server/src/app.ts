import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { areas } from './modules/index.ts';
import type { AppContext } from './platform/context.ts';
import { notFound } from './platform/errors.ts';
import { createFileStore } from './platform/files.ts';
import { registerAuthentication, SESSION_COOKIE } from './platform/http.ts';
import { createLedgerWriter } from './platform/ledger-writer.ts';
import { errorHandler, sendProblem } from './platform/problem.ts';

export type App = FastifyInstance;
export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type BuildOptions = {
  config: Config;
  database: Database;
  /** Tests pass false to keep the output clean. */
  logger?: boolean;
};

export type RegisteredRoute = { method: string; url: string };

export async function buildApp({
  config,
  database,
  logger = true,
}: BuildOptions): Promise<{ app: App; ctx: AppContext; routes: RegisteredRoute[] }> {
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          // Secrets never reach the log.
          redact: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.headers["x-csrf-token"]',
            'res.headers["set-cookie"]',
          ],
        }
      : false,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Kept for the authorization matrix, which must cover every route.
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });

  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    log: app.log,
    files: createFileStore(config, database.db),
    ledger: createLedgerWriter(database.db, app.log),
    clock: { now: () => new Date() },
  };
  // Closing waits for the ledger batch in hand (what is left stays pending for the next start).
  app.addHook('onClose', () => ctx.ledger.stop());

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Rich text of course content may show images of other sites over https (the
        // sanitizer sends them no Referer); plain http and other schemes stay blocked.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Course pages embed videos of these hosts (content area) and preview PDFs of this site.
        frameSrc: ["'self'", 'https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 } });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'KATU distance learning API',
        description:
          'Every operation answers errors as RFC 9457 problem+json. Cookie sessions send X-CSRF-Token on unsafe methods; integrations use `Authorization: Bearer <personal API token>`.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () =>
    app.swagger(),
  );

  registerAuthentication(app, ctx);

  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const area of areas) {
    await api.register(async (scope) => area(scope.withTypeProvider<ZodTypeProvider>(), ctx));
  }

  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      // The build writes .br and .gz copies of its text assets; browsers that accept them get them.
      preCompressed: true,
      // Built assets carry a content hash in their names: they never change, so browsers keep them.
      setHeaders: (reply, file) => {
        if (file.startsWith(path.join(webDist, 'assets')))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') return sendProblem(req, reply, notFound());
    // Deep links of the single-page app all load its shell.
    const index = path.join(webDist, 'index.html');
    if (!fs.existsSync(index))
      return reply.status(404).type('text/plain').send('Web app not built: run npm run build');
    const assetPath = path.join(webDist, req.url.split('?')[0]!);
    if (assetPath.startsWith(webDist) && fs.existsSync(assetPath) && fs.statSync(assetPath).isFile()) {
      return reply.sendFile(path.relative(webDist, assetPath));
    }
    return reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(index));
  });

  return { app, ctx, routes };
}
