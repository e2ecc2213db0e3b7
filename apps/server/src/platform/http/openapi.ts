import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { z } from 'zod';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ZErrorBody } from '@sagsgang/contracts';
import { SESSION_COOKIE } from '../auth/session-store.js';

type JsonSchema = Record<string, unknown>;
type SchemaLike = z.ZodType | JsonSchema;

/** What a route's schema cannot say because the route reads or writes the body itself. */
export interface OpenApiExtras {
  /** Request bodies the handler parses itself (a JSON or form sign-in, a multipart upload), by media type. */
  requestBody?: Record<string, SchemaLike>;
  /** The body may be left out (a sign-out without a form). */
  requestBodyOptional?: boolean;
  /** Answers that are not serialized through a response schema (files, CSV, redirects), by status. */
  responses?: Record<number, { description: string; content?: Record<string, SchemaLike> }>;
  /** Error statuses this route answers beyond those every route of its kind does (429 of a rate limit). */
  errors?: readonly number[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    openapi?: OpenApiExtras;
  }
}

const EXTRAS_KEY = 'x-sagsgang-extras';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A file in the body: `{ type: string, format: binary }` for any media type that is not JSON. */
export const BINARY: JsonSchema = { type: 'string', format: 'binary' };

const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The request is not valid (code validation)' },
  401: { name: 'Unauthenticated', description: 'Not signed in (code unauthenticated)' },
  403: { name: 'Forbidden', description: 'Not allowed, or the CSRF token is missing or wrong (code forbidden)' },
  404: { name: 'NotFound', description: 'No such record, or one the caller may not see (code not_found)' },
  409: { name: 'Conflict', description: 'A conflicting change or a state that refuses it (conflict, invalid_state)' },
  413: { name: 'PayloadTooLarge', description: 'The body or the file is too large (code payload_too_large)' },
  415: { name: 'UnsupportedMediaType', description: 'This content type is not accepted (unsupported_media_type)' },
  429: { name: 'RateLimited', description: 'Too many attempts; wait and try again (code rate_limited)' },
  500: { name: 'InternalError', description: 'Something went wrong on the server (code internal)' },
  503: { name: 'Unavailable', description: 'A service the answer depends on is unavailable' },
};

function toJsonSchema(schema: SchemaLike, io: 'input' | 'output'): JsonSchema {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
  return rest;
}

function camel(word: string): string {
  return word
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** `GET /api/cases/:id/documents/:documentId` -> `getCasesByIdDocumentsByDocumentId`: stable, unique per route. */
export function operationIdFor(method: string, url: string): string {
  const parts = url
    .split('/')
    .filter((p) => p && p !== 'api')
    .map((p) => (p.startsWith(':') ? 'By' + camel(p.slice(1)) : camel(p)));
  return method.toLowerCase() + parts.join('');
}

/**
 * Per route: the zod schemas as JSON Schema, an operation id, and the security every operation needs unless its
 * schema says `security: []` (open). A write with the session cookie needs the CSRF token too.
 */
export function openApiRouteTransform(input: Parameters<typeof jsonSchemaTransform>[0]) {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown> | undefined;
  if (!schema || schema.hide) return out;
  const method = Array.isArray(input.route.method) ? input.route.method[0]! : input.route.method;
  const write = WRITE_METHODS.has(method);
  schema.operationId ??= operationIdFor(method, input.url);
  schema.security ??= write ? [{ session: [], csrf: [] }] : [{ session: [] }];
  const extras = (input.route.config as { openapi?: OpenApiExtras } | undefined)?.openapi ?? {};
  schema[EXTRAS_KEY] = { ...extras, write };
  return out;
}

type Operation = Record<string, unknown> & {
  parameters?: { in: string }[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
};

function errorStatuses(op: Operation, extras: OpenApiExtras & { write: boolean }): number[] {
  const secured = (op.security ?? []).length > 0 && !(op.security ?? []).some((s) => Object.keys(s).length === 0);
  // Any operation may name a record (in the path, the query or the body) that is missing or hidden from the caller.
  const statuses = new Set<number>([400, 404, 500, ...(extras.errors ?? [])]);
  if (secured) [401, 403].forEach((s) => statuses.add(s));
  // Fastify reads (and may refuse) a body sent with any write, whether the operation takes one or not.
  if (extras.write) [403, 409, 413, 415].forEach((s) => statuses.add(s));
  // A named record may be in a state that refuses the request (an analysis that has not finished).
  if (op.parameters?.some((p) => p.in === 'path')) statuses.add(409);
  if (op.requestBody) [413, 415].forEach((s) => statuses.add(s));
  return [...statuses].sort();
}

/** Completes one operation and returns the error statuses it refers to. */
function completeOperation(op: Operation): number[] {
  const extras = (op[EXTRAS_KEY] ?? { write: false }) as OpenApiExtras & { write: boolean };
  delete op[EXTRAS_KEY];
  if (extras.requestBody) {
    const content = Object.fromEntries(
      Object.entries(extras.requestBody).map(([type, s]) => [type, { schema: toJsonSchema(s, 'input') }]),
    );
    op.requestBody = { required: !extras.requestBodyOptional, content };
  }
  // Answers the route declares replace the placeholder 200 the generator adds to a route without response schemas.
  const placeholder = op.responses['200'] as { description?: string; content?: unknown } | undefined;
  if (
    extras.responses &&
    !extras.responses[200] &&
    placeholder?.description === 'Default Response' &&
    !placeholder.content
  )
    delete op.responses['200'];
  for (const [status, r] of Object.entries(extras.responses ?? {})) {
    const content = r.content
      ? Object.fromEntries(Object.entries(r.content).map(([type, s]) => [type, { schema: toJsonSchema(s, 'output') }]))
      : undefined;
    op.responses[status] = { description: r.description, ...(content ? { content } : {}) };
  }
  for (const [status, r] of Object.entries(op.responses)) {
    // A bodiless answer (z.null(), a 204) has no content; 'Default Response' says nothing to a reader.
    const response = r as { description?: string; content?: Record<string, { schema?: JsonSchema }> };
    if (response.content?.['application/json']?.schema?.type === 'null') delete response.content;
    if (response.description === 'Default Response') response.description = status.startsWith('2') ? 'OK' : status;
  }
  const referred = errorStatuses(op, extras).filter((status) => !op.responses[String(status)]);
  for (const status of referred) {
    op.responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status]!.name}` };
  }
  return referred;
}

/** The whole document: shared components, the error answers of every operation, and the bodies routes parse. */
export function openApiDocumentTransform(input: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const doc = jsonSchemaTransformObject(input) as Record<string, unknown> & {
    paths?: Record<string, Record<string, Operation>>;
    components?: Record<string, Record<string, unknown>>;
  };
  const components = (doc.components ??= {});
  components.schemas = { ...components.schemas, ErrorBody: toJsonSchema(ZErrorBody, 'output') };
  const used = new Set<number>();
  for (const item of Object.values(doc.paths ?? {}))
    for (const op of Object.values(item)) completeOperation(op).forEach((s) => used.add(s));
  components.responses = Object.fromEntries(
    [...used].sort().map((status) => [
      ERROR_RESPONSES[status]!.name,
      {
        description: ERROR_RESPONSES[status]!.description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
      },
    ]),
  );
  return doc;
}

/** The document's head; `sessionCookie` is the session cookie's name here (`__Host-` prefixed over https). */
export const openApiInfo = (sessionCookie = SESSION_COOKIE): NonNullable<FastifyDynamicSwaggerOptions['openapi']> => ({
  openapi: '3.1.0',
  info: {
    title: 'Sagsgang API',
    version: '0.1.0',
    description:
      'Casework and service quality for public authorities. Errors answer `{ error: { code, message, details }, ' +
      'requestId }`. Writes made with the session cookie carry the token of `GET /api/auth/csrf` in `x-csrf-token`.',
    license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: sessionCookie, description: 'Set by a sign-in' },
      csrf: {
        type: 'apiKey',
        in: 'header',
        name: 'x-csrf-token',
        description: 'From `GET /api/auth/csrf`; every write made with the session cookie needs it',
      },
    },
  },
});
