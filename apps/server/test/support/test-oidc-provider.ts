/**
 * A real OpenID Connect provider (oidc-provider) on a random localhost port, and a tiny browser that walks its
 * development sign-in and consent pages. Used to test our relying party end to end.
 *
 *   const idp = await startTestOidcProvider({ clients: [{ clientId, clientSecret, redirectUri }], accounts });
 *   const callback = await walkOidcFlow(authorizationUrl, 'account-id');   // -> our callback URL with code & state
 *   await idp.close();
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TestOidcProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startTestOidcProvider(options: {
  clients: TestOidcClient[];
  /** Claims per account id (the `login` typed on the dev sign-in page). */
  accounts: Record<string, Record<string, unknown>>;
}): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    async findAccount(_ctx: unknown, id: string) {
      const claims = options.accounts[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    claims: {
      openid: ['sub', 'cpr'],
      profile: ['name', 'given_name', 'family_name', 'locale'],
      email: ['email', 'email_verified'],
    },
    // Brokers can send claims in the ID token itself; this one does, so we prove the CPR claim is dropped.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A cookie jar good enough for one provider: name -> value, every cookie sent on every request. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function formOf(html: string, base: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi))
    fields[input[1]] = input[2];
  return { action: new URL(form[1].replace(/&amp;/g, '&'), base).toString(), fields };
}

/**
 * Follows redirects from the authorization URL through the provider's sign-in and consent pages (signing in as
 * `login`) until the provider redirects somewhere else — our callback — and returns that URL.
 */
export async function walkOidcFlow(authorizationUrl: string, login: string): Promise<URL> {
  const origin = new URL(authorizationUrl).origin;
  const jar = new CookieJar();
  let next: { url: string; init?: RequestInit } = { url: authorizationUrl };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(next.url, {
      ...next.init,
      redirect: 'manual',
      headers: { ...next.init?.headers, cookie: jar.header() },
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (location) {
      const target = new URL(location, next.url);
      if (target.origin !== origin) return target;
      next = { url: target.toString() };
      continue;
    }
    const html = await res.text();
    const form = res.status === 200 ? formOf(html, next.url) : undefined;
    if (!form) throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    const body = new URLSearchParams({
      ...form.fields,
      ...(form.fields.prompt === 'login' ? { login, password: 'any' } : {}),
    });
    next = {
      url: form.action,
      init: { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    };
  }
  throw new Error('the OIDC flow did not come back within 20 steps');
}
