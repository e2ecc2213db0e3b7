import type { LoggerOptions } from 'pino';

// Passwords, session tokens and CPR numbers must never reach a log line.
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.cpr',
  '*.nationalId',
  '*.token',
  '*.sessionSecret',
  '*.clientSecret',
];

// Six digits and four, joined by nothing, a hyphen or dash, a space (also non-breaking) or its URL encoding.
const CPR_PATTERN = /\b(\d{6})(?:[-\s\u00a0\u2010-\u2015+]|%20|%2D)?(\d{4})\b/gi;

/** Masks anything shaped like a CPR number (DDMMYY-XXXX, DDMMYY XXXX, DDMMYYXXXX, URL-encoded) in free text. */
export function maskCpr(text: string): string {
  return text.replace(CPR_PATTERN, '******-****');
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskCpr(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        return { method: req.method, url: maskCpr(req.url.split('?')[0] ?? ''), id: req.id };
      },
    },
  };
}
