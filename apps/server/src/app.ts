import crypto from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  serializerCompiler,
  validatorCompiler,
  jsonSchemaTransform,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { loggerOptions } from './platform/logging.js';
import { frameworkErrorReply, registerErrorHandler } from './platform/http/error-handler.js';
import { registerAuthPlatform } from './platform/auth/auth-plugin.js';
import { registerTextGuard } from './platform/http/text-guard.js';
import { denialRecorder } from './platform/audit/audit-denials.js';
import type { DestinationStream } from 'pino';
import type { AppContext } from './platform/context.js';

export interface BuildAppOptions {
  /** Pass false in tests that do not want log output. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them to prove what is never logged). */
  logStream?: DestinationStream;
  /** Told of every route as it is added (tests enumerate the API with it). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * One log line per request, written when it is answered, with the request, the status and the time: Fastify's own
 * second line on arrival doubled the logging work of every request and said nothing the last line does not.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(ctx.config.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: true,
    frameworkErrors: frameworkErrorReply,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  registerErrorHandler(app, { onDenied: denialRecorder(ctx.database.db) });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
  });
  // Pages, scripts and styles go out compressed (brotli or gzip); tiny bodies are not worth the work.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sagsgang API',
        version: '0.1.0',
        description: 'Casework and service quality for public authorities.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sagsgang_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await registerAuthPlatform(app, ctx);
  registerTextGuard(app);
  // Every module's routes, in the order of the composition's list (src/composition.ts).
  for (const m of ctx.registry.modules) if (m.routes) await app.register(m.routes(ctx));
  return app;
}
