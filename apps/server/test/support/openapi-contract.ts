/**
 * Holds every answer the API tests receive against the served OpenAPI document: the operation must exist, the
 * status must be documented, the media type must be one the answer lists, and a JSON body must match its schema.
 * A request the server accepted (2xx/3xx) must be one the document allows: its body media type and body, its path
 * and query parameters, and the session cookie and CSRF token its security asks for.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Json }> };
  responses: Record<string, Json>;
  security?: Record<string, string[]>[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components?: { securitySchemes?: Record<string, { in?: string; name?: string }> } & Json;
}

/** One exchange as the test client saw it. */
export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  url: string;
  requestHeaders: Record<string, string | string[] | undefined>;
  /** The body as sent: a parsed object for JSON, else a string or buffer. */
  requestBody?: unknown;
  status: number;
  responseHeaders: Record<string, string | string[] | number | undefined>;
  responseBody: string;
}

export interface ContractStats {
  /** Exchanges matched to an operation and checked. */
  checked: number;
  /** Exchanges outside the document (pages, static files, unknown addresses answered 404). */
  outside: number;
  violations: string[];
}

function mediaType(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text ? text.split(';')[0]!.trim().toLowerCase() : undefined;
}

function pointer(...parts: string[]): string {
  return '#/' + parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

function cookieNames(headers: Exchange['requestHeaders']): Set<string> {
  const raw = headers.cookie;
  const text = Array.isArray(raw) ? raw.join('; ') : (raw ?? '');
  return new Set(
    text
      .split(';')
      .map((c) => c.split('=')[0]!.trim())
      .filter(Boolean),
  );
}

interface Route {
  template: string;
  regex: RegExp;
  names: string[];
}

export class OpenApiContract {
  readonly stats: ContractStats = { checked: 0, outside: 0, violations: [] };
  private readonly ajv: Ajv2020;
  private readonly coercing: Ajv2020;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    private readonly doc: OpenApiDocument,
    /** Addresses this document does not cover (pages, static files): never flagged as undocumented. */
    private readonly isOutside: (path: string) => boolean = (path) => !path.startsWith('/api/'),
  ) {
    const make = (coerceTypes: boolean) => {
      const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, validateFormats: true });
      addFormats.default(ajv);
      ajv.addFormat('binary', true);
      ajv.addSchema(doc as object, 'openapi');
      return ajv;
    };
    this.ajv = make(false);
    // Path and query values arrive as text: a documented integer is checked as the number the text spells.
    this.coercing = make(true);
    this.routes = Object.keys(doc.paths)
      .map((template) => {
        const names: string[] = [];
        const source = template
          .split('/')
          .map((part) => {
            const m = /^\{(.+)\}$/.exec(part);
            if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(m[1]!);
            return '([^/]*)';
          })
          .join('/');
        return { template, regex: new RegExp(`^${source}$`), names };
      })
      // Literal routes before templated ones (/api/cases/queue before /api/cases/{id}).
      .sort((a, b) => a.names.length - b.names.length);
  }

  private validator(ref: string, coerce = false): ValidateFunction {
    const key = `${coerce}:${ref}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = (coerce ? this.coercing : this.ajv).compile({ $ref: `openapi${ref}` });
      this.compiled.set(key, fn);
    }
    return fn;
  }

  private check(ref: string, value: unknown, what: string, problems: string[], coerce = false): void {
    const fn = this.validator(ref, coerce);
    if (!fn(value)) problems.push(`${what}: ${this.ajv.errorsText(fn.errors, { dataVar: what })}`);
  }

  private resolve<T extends Json>(value: T): T {
    const ref = value.$ref;
    if (typeof ref !== 'string') return value;
    let node: unknown = this.doc;
    for (const part of ref.slice(2).split('/')) node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as T;
  }

  /** Checks one exchange and records what is wrong with it; returns the problems found. */
  record(x: Exchange): string[] {
    const [path = '', query = ''] = x.url.split('?');
    const method = x.method.toLowerCase();
    const route = this.routes.find((r) => r.regex.test(path) && this.doc.paths[r.template]![method]);
    if (!route) {
      // An API address the document does not know is a gap when the server took the request. A refusal (a 404, or
      // the CSRF or body-size check that runs before the not-found handler) means the server did not know it either.
      if (!this.isOutside(path) && x.status < 400) {
        const problem = `${x.method} ${path}: answered ${x.status} but the document has no such operation`;
        this.stats.violations.push(problem);
        return [problem];
      }
      this.stats.outside++;
      return [];
    }
    const op = this.doc.paths[route.template]![method]!;
    const base = pointer('paths', route.template, method);
    const problems: string[] = [];
    this.checkResponse(x, op, base, problems);
    // Only a 2xx is sure to be accepted: a form post answers a refusal with a redirect too.
    if (x.status < 300) this.checkRequest(x, op, base, route, path, query, problems);
    this.stats.checked++;
    const named = problems.map((p) => `${x.method} ${x.url} -> ${x.status} (${op.operationId}): ${p}`);
    this.stats.violations.push(...named);
    return named;
  }

  private checkResponse(x: Exchange, op: Operation, base: string, problems: string[]): void {
    const status = String(x.status);
    const key = op.responses[status] ? status : op.responses[`${status[0]}XX`] ? `${status[0]}XX` : 'default';
    const declared = op.responses[key];
    if (!declared) {
      problems.push(`status ${status} is not documented`);
      return;
    }
    const response = this.resolve(declared) as { content?: Record<string, unknown> };
    const responseRef = typeof declared.$ref === 'string' ? declared.$ref : `${base}/responses/${key}`;
    const type = mediaType(x.responseHeaders['content-type']);
    if (!response.content) {
      if (x.responseBody.length > 0) problems.push(`a body (${type}) where the document has none`);
      return;
    }
    if (!type || !(type in response.content)) {
      problems.push(`media type ${type ?? '(none)'} is not one of ${Object.keys(response.content).join(', ')}`);
      return;
    }
    if (type !== 'application/json' || x.responseHeaders['content-encoding']) return;
    let body: unknown;
    try {
      body = JSON.parse(x.responseBody);
    } catch {
      problems.push('the body is not JSON');
      return;
    }
    this.check(`${responseRef}/content/application~1json/schema`, body, 'response', problems);
  }

  private checkRequest(
    x: Exchange,
    op: Operation,
    base: string,
    route: Route,
    path: string,
    query: string,
    problems: string[],
  ): void {
    const params = op.parameters ?? [];
    const values = route.regex.exec(path)!.slice(1);
    route.names.forEach((name, i) => {
      const index = params.findIndex((p) => p.in === 'path' && p.name === name);
      if (index < 0) problems.push(`path parameter ${name} is not documented`);
      else this.check(`${base}/parameters/${index}/schema`, decodeURIComponent(values[i]!), name, problems, true);
    });
    const search = new URLSearchParams(query);
    params.forEach((p, index) => {
      if (p.in !== 'query') return;
      const value = search.get(p.name);
      if (value === null) {
        if (p.required) problems.push(`query parameter ${p.name} is required`);
        return;
      }
      this.check(`${base}/parameters/${index}/schema`, value, p.name, problems, true);
    });
    this.checkBody(x, op, base, problems);
    this.checkSecurity(x, op, problems);
  }

  private checkBody(x: Exchange, op: Operation, base: string, problems: string[]): void {
    const sent = x.requestBody !== undefined && x.requestBody !== '' && x.requestBody !== null;
    if (!sent) {
      if (op.requestBody?.required) problems.push('the request body is required');
      return;
    }
    // A body the operation does not take is ignored by the server, as it is when the body is optional.
    if (!op.requestBody) return;
    const type = mediaType(x.requestHeaders['content-type']) ?? 'application/json';
    if (!(type in op.requestBody.content)) {
      if (!op.requestBody.required) return;
      problems.push(`request media type ${type} is not one of ${Object.keys(op.requestBody.content).join(', ')}`);
      return;
    }
    const ref = `${base}/requestBody/content/${type.replace(/\//g, '~1')}/schema`;
    if (type === 'application/json') {
      const body = typeof x.requestBody === 'string' ? JSON.parse(x.requestBody) : x.requestBody;
      this.check(ref, body, 'request', problems);
    } else if (type === 'application/x-www-form-urlencoded') {
      const text = typeof x.requestBody === 'string' ? x.requestBody : String(x.requestBody);
      this.check(ref, Object.fromEntries(new URLSearchParams(text)), 'request', problems, true);
    }
  }

  /** Accepted requests carry what one of the operation's security alternatives names. */
  private checkSecurity(x: Exchange, op: Operation, problems: string[]): void {
    const alternatives = op.security ?? this.doc.security ?? [];
    if (alternatives.length === 0) return;
    const schemes = this.doc.components?.securitySchemes ?? {};
    const cookies = cookieNames(x.requestHeaders);
    const body = x.requestBody as { _csrf?: unknown } | undefined;
    const carries = (name: string): boolean => {
      const scheme = schemes[name];
      if (!scheme?.name) return false;
      if (scheme.in === 'cookie') return cookies.has(scheme.name);
      // A form without scripts sends the CSRF token as a field instead of the header (never in the address).
      return (
        x.requestHeaders[scheme.name.toLowerCase()] !== undefined ||
        (typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && '_csrf' in body) ||
        (typeof x.requestBody === 'string' && /(^|&)_csrf=/.test(x.requestBody)) ||
        (Buffer.isBuffer(x.requestBody) && x.requestBody.includes('name="_csrf"'))
      );
    };
    if (!alternatives.some((alt) => Object.keys(alt).every(carries)))
      problems.push(`accepted without what its security names (${JSON.stringify(alternatives)})`);
  }
}
