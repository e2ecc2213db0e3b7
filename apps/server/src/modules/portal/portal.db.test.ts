import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/test-database.js';

const oidc = [
  {
    id: 'mitid',
    label: 'MitID',
    issuer: 'https://broker.example',
    clientId: 'c',
    clientSecret: 's',
    audience: 'applicant' as const,
  },
  {
    id: 'staff',
    label: 'Medarbejder-login',
    issuer: 'https://idp.example',
    clientId: 'c',
    clientSecret: 's',
    audience: 'staff' as const,
  },
];

for (const engine of ENGINES)
  describe(`citizen portal pages [${engine}]`, () => {
    const t = useTestApp(engine, { authorityName: 'Testrup <Kommune>', oidc });
    const get = (url: string, headers: Record<string, string> = {}) => t().app.inject({ method: 'GET', url, headers });

    test('the front page is Danish by default, names the authority (escaped) and leads to "Mine sager"', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('<html lang="da">');
      expect(res.body).toContain('Testrup &lt;Kommune&gt;');
      expect(res.body).not.toContain('Testrup <Kommune>');
      expect(res.body).toContain('href="/login?returnTo=%2Fmine-sager"');
      expect(res.body).toContain('href="/tilgaengelighed"');
      expect(res.body).toContain('class="skipnav" href="#main-content"');
    });

    test('?lang=en switches to English and remembers it in a cookie', async () => {
      const res = await get('/?lang=en');
      expect(res.body).toContain('<html lang="en">');
      expect(res.body).toContain('What you can apply for');
      const cookie = res.cookies.find((c) => c.name === 'sagsgang_lang');
      expect(cookie?.value).toBe('en');
      const next = await get('/tilgaengelighed', { cookie: 'sagsgang_lang=en' });
      expect(next.body).toContain('Accessibility statement');
    });

    test('Swedish is offered and the whole frame is Swedish, from the switcher or from Accept-Language', async () => {
      const res = await get('/?lang=sv');
      expect(res.body).toContain('<html lang="sv">');
      expect(res.body).toContain('Det här kan du ansöka om');
      expect(res.body).toContain('Välj språk');
      expect(res.body).not.toContain('What you can apply for');
      const front = await get('/', { 'accept-language': 'sv-SE,sv;q=0.9' });
      expect(front.body).toContain('<html lang="sv">');
      expect(front.body).toContain('hreflang="da"');
      const login = await get('/login?lang=sv');
      expect(login.body).toContain('Logga in med användarnamn och lösenord');
    });

    test('a browser that asks for no language we have gets Danish, not English', async () => {
      for (const asked of ['de-DE,de;q=0.9,fr;q=0.8', 'pl', '*']) {
        const res = await get('/', { 'accept-language': asked });
        expect(res.body).toContain('<html lang="da">');
        expect(res.body).not.toContain('What you can apply for');
        expect(res.headers.vary).toContain('accept-language');
      }
    });

    test("the person's remembered choice wins over what the browser asks for", async () => {
      const english = await get('/', { cookie: 'sagsgang_lang=en', 'accept-language': 'da-DK,da' });
      expect(english.body).toContain('<html lang="en">');
      expect(english.body).toContain('What you can apply for');
      const danish = await get('/login', { cookie: 'sagsgang_lang=da', 'accept-language': 'en-GB,en' });
      expect(danish.body).toContain('<html lang="da">');
      // A remembered value we do not have falls through to the browser's languages.
      const unknown = await get('/', { cookie: 'sagsgang_lang=xx', 'accept-language': 'en-GB' });
      expect(unknown.body).toContain('<html lang="en">');
    });

    test('an unsupported ?lang= is ignored and Accept-Language is honoured', async () => {
      const res = await get('/?lang=xx', { 'accept-language': 'en-GB,en;q=0.9' });
      expect(res.body).toContain('<html lang="en">');
      expect(res.cookies.find((c) => c.name === 'sagsgang_lang')).toBeUndefined();
    });

    test('the language links keep the page and its parameters', async () => {
      const res = await get('/login?returnTo=%2Fmine-sager');
      expect(res.body).toContain('href="/login?returnTo=%2Fmine-sager&amp;lang=en"');
      expect(res.body).toContain('href="/login?returnTo=%2Fmine-sager&amp;lang=sv"');
    });

    test('only external scripts: nothing inline for the CSP to block', async () => {
      const res = await get('/login');
      const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, content] of scripts) {
        expect(attrs).toMatch(/src="\/static\//);
        expect(content.trim()).toBe('');
      }
      expect(res.body).not.toMatch(/\son[a-z]+="/);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    });

    test('the sign-in form posts to the API with a CSRF token and the return address', async () => {
      const res = await get('/login?returnTo=%2Fapp%2F');
      expect(res.body).toContain('action="/api/auth/login"');
      expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
      expect(res.body).toContain('name="returnTo" value="/app/"');
      expect(res.body).toContain('autocomplete="current-password"');
    });

    test('a return address off the site is replaced by the front page', async () => {
      for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
        const res = await get(`/login?returnTo=${encodeURIComponent(evil)}`);
        expect(res.body).toContain('name="returnTo" value="/"');
      }
    });

    test('a failed sign-in shows the error summary linked to the field and keeps the username', async () => {
      const res = await get('/login?error=invalid&username=%3Cb%3Eanna&returnTo=%2Fapp%2F');
      expect(res.body).toContain('data-module="error-summary"');
      expect(res.body).toContain('href="#password"');
      expect(res.body).toContain('Brugernavnet eller adgangskoden er forkert.');
      expect(res.body).toContain('value="&lt;b&gt;anna"');
      expect(res.body).toContain('aria-invalid="true" aria-describedby="password-error"');
    });

    test('an empty username is reported on the username field', async () => {
      const res = await get('/login?error=invalid&username=&lang=en');
      expect(res.body).toContain('href="#username"');
      expect(res.body).toContain('Enter your username.');
    });

    test('wrong credentials without the username sent back are reported on the first field', async () => {
      const res = await get('/login?error=invalid&lang=en');
      expect(res.body).toContain('href="#username"');
      expect(res.body).toContain('The username or password is incorrect.');
    });

    test('configured OpenID Connect providers are offered, the citizen eID first', async () => {
      const res = await get('/login?returnTo=%2Fmine-sager');
      const mitid = res.body.indexOf('href="/auth/oidc/mitid/start?returnTo=%2Fmine-sager"');
      const staff = res.body.indexOf('href="/auth/oidc/staff/start?returnTo=%2Fmine-sager"');
      expect(mitid).toBeGreaterThan(0);
      expect(staff).toBeGreaterThan(mitid);
      expect(res.body).toContain('Log ind med MitID');
    });

    test('"Mine sager" asks an anonymous visitor to sign in first', async () => {
      const res = await get('/mine-sager');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?returnTo=%2Fmine-sager');
    });

    test('the accessibility statement has the legally required parts', async () => {
      const res = await get('/tilgaengelighed');
      expect(res.statusCode).toBe(200);
      for (const text of [
        'WCAG 2.1',
        'Digitaliseringsstyrelsen',
        'mailto:borgerservice@sagsgang.example',
        'Erklæringen blev udarbejdet',
      ]) {
        expect(res.body).toContain(text);
      }
    });
  });

describe('portal assets', () => {
  const t = useTestApp('pglite');

  test('DKFDS styles are served compressed and cacheable', async () => {
    const res = await t().app.inject({
      method: 'GET',
      url: '/static/dkfds/css/dkfds-borgerdk.min.css',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('max-age=86400');
    const css = zlib.gunzipSync(res.rawPayload).toString('utf8');
    expect(css).toContain('.skipnav');
  });

  test('the DKFDS script, fonts and icons are reachable; sources and maps are not', async () => {
    const ok = [
      '/static/dkfds/js/dkfds.min.js',
      '/static/dkfds/img/all-svg-icons.svg',
      '/static/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2',
      '/static/portal/portal.js',
    ];
    for (const url of ok) expect((await t().app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    for (const url of [
      '/static/dkfds/css/dkfds-borgerdk.min.css.map',
      '/static/dkfds/../package.json',
      '/static/dkfds/scss/_dkfds-base.scss',
    ]) {
      expect((await t().app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
