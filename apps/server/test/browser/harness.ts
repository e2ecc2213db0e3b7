/**
 * Browser journeys: the real server on a random port over a fresh PGlite database, driven by Debian's Chromium
 * through playwright-core, with an axe scan (WCAG 2.1 A and AA) on every page a journey visits.
 *
 *   const env = useJourneyEnvironment();              // in a describe block: server + browser for the file
 *   const page = await env().newPage();               // a fresh context (cookies) per journey
 *   await page.goto(env().url('/login'));
 *   await expectNoAxeViolations(page);
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createAppContext } from '../../src/composition.js';
import { loadConfig, type AppConfig } from '../../src/platform/config.js';
import type { Database } from '../../src/platform/db/database.js';
import { openTestDatabase } from '../support/test-database.js';
import { seedJourneyOrganisation, type JourneyPeople } from './journey-people.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WEB_DIR = path.join(REPO_ROOT, 'apps', 'web');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** True when the journeys cannot run here (no Chromium, or the test script said so). */
export const SKIP_BROWSER = process.env.SAGSGANG_SKIP_BROWSER === '1' || !fs.existsSync(CHROMIUM_PATH);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the back office when there is no build, or when its sources (or the shared texts) are newer. */
export function ensureWebBuild(): void {
  const index = path.join(WEB_DIR, 'dist', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = [
    path.join(WEB_DIR, 'src'),
    path.join(WEB_DIR, 'index.html'),
    path.join(WEB_DIR, 'vite.config.ts'),
    path.join(REPO_ROOT, 'packages', 'contracts', 'src'),
  ];
  if (built > 0 && Math.max(...sources.map(newestMtime)) <= built) return;
  execFileSync('npm', ['run', 'build', '-w', '@sagsgang/web', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export interface JourneyEnvironment {
  baseUrl: string;
  app: FastifyInstance;
  database: Database;
  browser: Browser;
  people: JourneyPeople;
  url(pathAndQuery: string): string;
  /** A page in a fresh context: its own cookies; `javaScriptEnabled: false` for the no-script journeys. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/** Enough demo history for every page to have something to show, small enough to seed in seconds. */
const JOURNEY_DEMO_CASES = 300;

// Pages opened with scripts off: axe cannot run in them (its scan waits on timers that never fire there).
const scriptless = new WeakMap<Page, BrowserContextOptions>();

/** Starts the server and Chromium once per test file; closes both afterwards. */
export function useJourneyEnvironment(overrides: Partial<AppConfig> = {}): () => JourneyEnvironment {
  let env: JourneyEnvironment | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    ensureWebBuild();
    const database = await openTestDatabase('pglite');
    const config = loadConfig(
      { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      // A second factor only in the journeys that turn it on (second-factor.browser.test.ts).
      { seedDemo: false, demoCases: JOURNEY_DEMO_CASES, mfaRequiredRoles: [], ...overrides },
    );
    const ctx = createAppContext({ config, database });
    const people = await seedJourneyOrganisation(ctx);
    const app = await buildApp(ctx, { logger: false });
    // A random port, unless the journey chose one (a passkey's origin must be known before the server starts).
    await app.listen({ port: overrides.port ?? 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    env = {
      baseUrl,
      app,
      database,
      browser,
      people,
      url: (p) => baseUrl + p,
      async newPage(options = {}) {
        const contextOptions = { locale: 'da-DK', viewport: { width: 1280, height: 900 }, ...options };
        const page = await (await browser.newContext(contextOptions)).newPage();
        pages.push(page);
        if (options.javaScriptEnabled === false) scriptless.set(page, contextOptions);
        return page;
      },
    };
  });
  afterAll(async () => {
    for (const page of pages)
      await page
        .context()
        .close()
        .catch(() => undefined);
    await env?.browser.close();
    await env?.app.close();
    await env?.database.close();
  });
  return () => {
    if (!env) throw new Error('journey environment not started');
    return env;
  };
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `    at ${n.target.map(String).join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `  ${v.id} [${v.impact ?? 'n/a'}] ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The same address, as a browser without scripts sees it, in a page where axe can run: the same cookies, and
 * every script request refused, so the page's own scripts never run while axe's injected one does.
 */
async function scanWithoutScripts(page: Page, options: BrowserContextOptions): Promise<AxeViolation[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('page has no browser');
  const storageState = await page.context().storageState();
  const context = await browser.newContext({ ...options, javaScriptEnabled: true, storageState });
  try {
    await context.route('**/*', (route) =>
      route.request().resourceType() === 'script' ? route.abort() : route.continue(),
    );
    const twin = await context.newPage();
    await twin.goto(page.url());
    expect(await twin.title(), 'the twin must show the same page').toBe(await page.title());
    return (await new AxeBuilder({ page: twin }).withTags(WCAG_TAGS).analyze()).violations;
  } finally {
    await context.close();
  }
}

/** Runs axe against WCAG 2.1 A and AA on the page as it is now, and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const scriptlessOptions = scriptless.get(page);
  const violations = scriptlessOptions
    ? await scanWithoutScripts(page, scriptlessOptions)
    : (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
  expect(violations.length, `axe found WCAG violations on ${page.url()}:\n${formatViolations(violations)}`).toBe(0);
}

/** Collects script errors and CSP violations reported by the page, to assert none happened. */
/**
 * Waits until the page's main heading reads `expected`. The back office renders a placeholder heading while a
 * page loads its data, so reading the heading once right after a navigation can catch the placeholder.
 */
export async function expectHeading(page: Page, expected: string): Promise<void> {
  const heading = page.locator('main h1').first();
  await expect
    .poll(async () => (await heading.textContent({ timeout: 5_000 }).catch(() => ''))?.trim() ?? '')
    .toBe(expected);
}

export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

/** Saves a screenshot for the README when SAGSGANG_SCREENSHOTS=1 (kept out of normal runs to keep the tree clean). */
export async function saveScreenshot(page: Page, name: string): Promise<string | undefined> {
  if (process.env.SAGSGANG_SCREENSHOTS !== '1') return undefined;
  const file = path.join(REPO_ROOT, 'docs', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
