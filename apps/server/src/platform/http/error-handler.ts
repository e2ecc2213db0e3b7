import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { CsrfRefusalDetails, RateLimitDetails } from '@sagsgang/contracts';
import { AppError, HTTP_STATUS, type ErrorCode } from '../errors.js';
import { isDeniedMarker } from '../audit/record-audit.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
  requestId: string;
}

function fromFastifyError(err: FastifyError): AppError {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: v.instancePath || '/',
      message: v.message,
      keyword: v.keyword,
      params: v.params,
    }));
    return new AppError(
      'validation',
      'The request is not valid: ' + details.map((d) => `${d.path} ${d.message}`).join('; '),
      details,
    );
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'This content type is not accepted here.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation', 'The request body is not valid JSON.');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET': {
      const details: CsrfRefusalDetails = { reason: 'csrf' };
      return new AppError(
        'forbidden',
        'The form has expired or did not come from this site. Reload the page and try again.',
        details,
      );
    }
  }
  if (err.statusCode === 429) return new AppError('rate_limited', 'Too many attempts. Wait a moment and try again.');
  if (err instanceof SyntaxError || err.statusCode === 400) return new AppError('validation', err.message);
  if (err.statusCode === 413) return new AppError('payload_too_large', err.message);
  if (err.statusCode === 415) return new AppError('unsupported_media_type', err.message);
  // Other client errors a plugin raises stay the client's: a 4xx. The file server refuses a folder with a 403; a
  // folder is not a file to hand out, so it is the 404 of any address that names none, not a refusal to audit.
  if (err.statusCode === 403 || err.statusCode === 404) return new AppError('not_found', 'No such address.');
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
    return new AppError('validation', err.message);
  return new AppError('internal', 'Something went wrong on our side. The error has been logged.');
}

/**
 * Errors Fastify raises before any route runs (an address that cannot be decoded, a path part longer than the
 * router takes): the same body as every other error, as a 400 that says what is wrong with the address.
 */
export function frameworkErrorReply(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const message =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the address is too long.'
      : 'The address is not valid: it contains characters that cannot be decoded.';
  const body: ErrorBody = {
    error: { code: 'validation', message, details: [{ path: 'url', message: err.code }] },
    requestId: request.id,
  };
  void reply.status(HTTP_STATUS.validation).send(body);
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return fromFastifyError(err as FastifyError);
}

export interface ErrorHandlerOptions {
  /**
   * Called for a `forbidden` answer to a signed-in principal, and for any error whose details carry the
   * `auditDenied(...)` marker (a 404 hiding someone else's data). The app records it in audit_log.
   */
  onDenied?: (request: FastifyRequest, error: AppError) => Promise<void>;
}

function retryAfterSeconds(error: AppError): number | undefined {
  if (error.code !== 'rate_limited') return undefined;
  const details = error.details as Partial<RateLimitDetails> | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
}

/** One place maps every error to `{ error: { code, message, details }, requestId }`. */
export function registerErrorHandler(app: FastifyInstance, options: ErrorHandlerOptions = {}): void {
  app.setErrorHandler(async (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    const status = HTTP_STATUS[appError.code];
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: appError.code }, appError.message);
    const marked = isDeniedMarker(appError.details);
    if (options.onDenied && (marked || (appError.code === 'forbidden' && request.principal))) {
      await options
        .onDenied(request, appError)
        .catch((auditErr: unknown) => request.log.error({ err: auditErr }, 'could not audit a denial'));
    }
    const body: ErrorBody = {
      // The marker stays internal: a hidden record must look exactly like a missing one.
      error: { code: appError.code, message: appError.message, details: marked ? undefined : appError.details },
      requestId: request.id,
    };
    const retryAfter = retryAfterSeconds(appError);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: `No such address: ${request.method} ${request.url.split('?')[0]}` },
      requestId: request.id,
    };
    return reply.status(404).send(body);
  });
}
