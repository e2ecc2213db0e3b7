import crypto from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { loggerOptions } from './platform/logging.js';
import { frameworkErrorReply, registerErrorHandler } from './platform/http/error-handler.js';
import { registerPrivacyHeaders } from './platform/http/privacy-headers.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerAuthPlatform, sessionCookieName } from './platform/auth/auth-plugin.js';
import { openApiInfo, openApiDocumentTransform, openApiRouteTransform } from './platform/http/openapi.js';
import { registerTextGuard } from './platform/http/text-guard.js';
import { denialRecorder } from './platform/audit/audit-denials.js';
import { registerRequestMetrics, type Metrics } from './platform/metrics/metrics.js';
import type { DestinationStream } from 'pino';
import type { AppContext } from './platform/context.js';
import type { TrustProxy } from './platform/config.js';

export interface BuildAppOptions {
  /** Pass false in tests that do not want log output. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them to prove what is never logged). */
  logStream?: DestinationStream;
  /** Told of every route as it is added (tests enumerate the API with it). */
  onRoute?: (route: RouteOptions) => void;
  /** Times every request by route and status (served on the metrics port, never by this app). */
  metrics?: Metrics;
}

/** A hop count believes that many proxies nearest the server; a list believes the proxies at those addresses. */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
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
    // Off unless configured: a client could otherwise choose the address the audit log and the limits see.
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    frameworkErrors: frameworkErrorReply,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  if (options.metrics) registerRequestMetrics(app, options.metrics);
  registerErrorHandler(app, { onDenied: denialRecorder(ctx.database.db) });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerPrivacyHeaders(app);

  registerSecurityHeaders(app, {
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
    // The same rule as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
    // HSTS only where the public address is https: over plain http it is ignored at best and misleading at worst.
    strictTransportSecurity: ctx.config.publicUrl.startsWith('https:')
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
  });
  // Pages, scripts and styles go out compressed when the client asks; tiny bodies are not worth the work. gzip first:
  // on an 8.6 KB case page it took a third of brotli's time (quality 4) for a smaller body, and on the DKFDS styles
  // it is smaller too. Bodies up to 64 KiB (every page) are compressed in one call with an exact content-length,
  // not through a stream.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'br'], syncThreshold: 64 * 1024 });
  await app.register(swagger, {
    openapi: openApiInfo(sessionCookieName(ctx)),
    transform: openApiRouteTransform,
    transformObject: openApiDocumentTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await registerAuthPlatform(app, ctx);
  registerTextGuard(app);
  // Every module's routes, in the order of the composition's list (src/composition.ts); a worker-only node serves
  // only the operational ones (health), so a load balancer's checks still reach it but no user does.
  const serves = (m: (typeof ctx.registry.modules)[number]) => ctx.config.role !== 'worker' || m.operational;
  for (const m of ctx.registry.modules) if (m.routes && serves(m)) await app.register(m.routes(ctx));
  return app;
}
