import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { i18nResources } from '@sagsgang/contracts/i18n';
import { expectHeading, SKIP_BROWSER, useJourneyEnvironment, watchPageErrors } from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';

/** A back-office text that differs between Danish and English and survives minifying unchanged (plain ASCII). */
function distinctText(): { da: string; en: string } {
  const { da, en } = i18nResources();
  const plain = (s: string | undefined): s is string => !!s && s.length > 30 && /^[\x20-\x7e]+$/.test(s);
  for (const [key, text] of Object.entries(en.backOffice!)) {
    const danish = da.backOffice![key];
    if (plain(text) && plain(danish) && text !== danish && !/[`'"\\{]/.test(text + danish))
      return { da: danish, en: text };
  }
  throw new Error('no plain back-office text differs between Danish and English');
}

/** Every script the page loads from the back office build, with its body. */
function watchScripts(page: Page): Map<string, Promise<string>> {
  const scripts = new Map<string, Promise<string>>();
  page.on('response', (res) => {
    if (new URL(res.url()).pathname.startsWith('/app/') && res.url().endsWith('.js'))
      scripts.set(res.url(), res.text());
  });
  return scripts;
}

async function loadedText(scripts: Map<string, Promise<string>>): Promise<string> {
  return (await Promise.all(scripts.values())).join('\n');
}

/** Records Content-Security-Policy violations from before the first script runs. */
async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

describe.skipIf(SKIP_BROWSER)("the back office's first screen", () => {
  const env = useJourneyEnvironment();

  test("loads only the reader's language, and the Content-Security-Policy reports nothing (no eval)", async () => {
    const { staff } = env().people;
    const person = staff.caseworker;
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    const violations = await watchCspViolations(page);
    const scripts = watchScripts(page);
    const text = distinctText();

    await page.goto(`${env().baseUrl}/app/`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.fill('#username', person.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/app/');
    await expectHeading(page, `Velkommen, ${person.displayName}`);
    await page.waitForLoadState('networkidle');

    // The policy is really in force on the back office (else no violation could be reported).
    const response = await page.request.get(env().url('/app/'));
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");

    expect(scripts.size).toBeGreaterThan(0);
    const firstScreen = await loadedText(scripts);
    expect(firstScreen).toContain(text.da);
    expect(firstScreen).not.toContain(text.en);
    expect(await violations()).toEqual([]);

    // Switching fetches the other language then, and still nothing is blocked.
    await page.click('header button[lang="en"]');
    await expectHeading(page, `Welcome, ${person.displayName}`);
    expect(await loadedText(scripts)).toContain(text.en);
    expect(await violations()).toEqual([]);
    // The one expected error: the session check before signing in answers 401 and sends the reader to sign in.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
