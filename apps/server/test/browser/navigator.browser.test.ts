/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/platform/config.js';
import { JobRunner } from '../../src/platform/jobs/index.js';
import { createAppContext } from '../../src/composition.js';
import {
  expectHeading,
  expectNoAxeViolations,
  saveScreenshot,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/navigator/', import.meta.url));
const SHARED_LOGS = fileURLToPath(new URL('../../../../../shared/data/eventlogs/', import.meta.url));
const HAS_RECEIPT =
  fs.existsSync(path.join(SHARED_LOGS, 'receipt.xes.gz')) && fs.existsSync(path.join(SHARED_LOGS, 'receipt.bpmn'));
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function signIn(page: Page, url: (p: string) => string, username: string): Promise<void> {
  await page.goto(url('/app/workflows'));
  await page.waitForURL((u) => u.pathname === '/login');
  await page.fill('#username', username);
  await page.fill('#password', JOURNEY_PASSWORD);
  await page.click('form[action="/api/auth/login"] button[type="submit"]');
  await page.waitForURL((u) => u.pathname === '/app/workflows');
}

/** Pixels the replay canvas has painted (balls), counted in the page. */
function paintedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="replay-canvas"]');
    if (!c || !c.width || !c.height) return 0;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
}

interface JourneyFiles {
  name: string;
  bpmn: string;
  log: string;
  /** The metric the analyst looks at and the step whose cases they open. */
  metric: 'deviating' | 'passed';
}

const HOUSING: JourneyFiles = {
  name: 'Boligstøtte',
  bpmn: path.join(FIXTURES, 'housing-benefit.bpmn'),
  log: path.join(FIXTURES, 'housing-benefit.xes.gz'),
  metric: 'deviating',
};
const RECEIPT: JourneyFiles = {
  name: 'Kvittering for miljøansøgning',
  bpmn: path.join(SHARED_LOGS, 'receipt.bpmn'),
  log: path.join(SHARED_LOGS, 'receipt.xes.gz'),
  metric: 'passed',
};

describe.skipIf(SKIP_BROWSER)('process navigator in the browser', () => {
  const env = useJourneyEnvironment();
  let runner: JobRunner;
  beforeAll(() => {
    runner = new JobRunner({
      ctx: createAppContext({ config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), database: env().database }),
      log: silent,
      pollMs: 200,
    });
    runner.start();
  });
  afterAll(async () => runner?.stop());

  async function journey(files: JourneyFiles, shots: string) {
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await signIn(page, env().url, env().people.staff.analyst.username);
    await expectNoAxeViolations(page);

    // The workflow: imported from its .bpmn file in the modeler, saved as a new model.
    await page.goto(env().url('/app/workflows/new'));
    await page.locator('.bo-modeler .djs-container').waitFor();
    await page.setInputFiles('#wm-file', files.bpmn);
    await page.fill('#wm-name', files.name);
    await page.click('button:has-text("Opret arbejdsgang")');
    await page.waitForURL((u) => /^\/app\/workflows\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.locator('.bo-diagram .djs-container').waitFor();
    await expectHeading(page, files.name);
    await expectNoAxeViolations(page);

    // The log, then the analysis as a background job with its progress.
    await page.goto(env().url('/app/navigator'));
    await page.setInputFiles('#nav-file', files.log);
    await page.click('button:has-text("Indlæs")');
    await expect
      .poll(() => page.locator('#nav-log option').first().textContent(), { timeout: 60_000 })
      .toContain(path.basename(files.log));
    await page.selectOption('#nav-model', { label: files.name });
    await expectNoAxeViolations(page);
    await page.click('button:has-text("Kør analysen")');
    await page.waitForURL((u) => /^\/app\/navigator\/analyses\/[0-9a-f-]{36}$/.test(u.pathname));
    const fitness = page.locator('[data-testid="fitness"]');
    await fitness.waitFor({ timeout: 90_000 });
    expect(await fitness.textContent()).toMatch(/^\d{1,3}\.\d %$/);

    // Heat on the diagram: every step carries its number as a link to its cases.
    await page.click(`#metric-${files.metric}`);
    const badges = page.locator('.bo-heat-badge');
    await expect.poll(() => badges.count()).toBeGreaterThan(3);
    await page.locator('.bo-replay-controls').waitFor();
    await expectNoAxeViolations(page);
    if (files === RECEIPT) for (let i = 0; i < 2; i++) await page.click('button:has-text("Zoom ind")');
    await shot(page, `${shots}-overlay`);
    await saveScreenshot(page, `${shots}-overlay-page`);

    // The replay: balls on the canvas, moving as model time runs.
    const date = page.locator('[data-testid="replay-date"]');
    const before = await date.textContent();
    await page.click('.bo-replay-controls button:has-text("Afspil")');
    await expect.poll(() => date.textContent(), { timeout: 30_000 }).not.toBe(before);
    // Mid-flight: far enough in for many cases to be on their way at once.
    await expect.poll(() => paintedPixels(page), { timeout: 60_000 }).toBeGreaterThan(400);
    await shot(page, `${shots}-replay`);
    await page.click('.bo-replay-controls button:has-text("Pause")');
    await expectNoAxeViolations(page);

    await page.click('button:has-text("Hele diagrammet")');
    // The step with the highest figure under the chosen metric, and on to the cases behind it.
    const values = await badges.evaluateAll((els) =>
      els.map((e) => ({
        el: (e as HTMLElement).dataset.element!,
        v: parseFloat(e.textContent!.replace(',', '.')) || 0,
      })),
    );
    const top = values.sort((a, b) => b.v - a.v)[0];
    expect(top.v).toBeGreaterThan(0);
    await page.click(`.bo-heat-badge[data-element="${top.el}"]`);
    await page.waitForURL((u) => u.pathname.endsWith('/cases') && u.searchParams.get('element') === top.el);
    await expectHeading(page, 'Sagerne bag tallet');
    await expect.poll(() => page.locator('main table tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('main [role="status"]').textContent()).toMatch(/^\d+ sager$/);
    await expectNoAxeViolations(page);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  }

  test('an analyst checks the housing-benefit fixture log against its model and follows a deviation to its cases', async () => {
    await journey(HOUSING, 'navigator-housing');
  }, 240_000);

  test.skipIf(!HAS_RECEIPT)(
    'the same journey on the public receipt log and its BPMN model',
    async () => {
      await journey(RECEIPT, 'navigator-receipt');
    },
    300_000,
  );
});

/** The diagram alone, saved like the harness's page shots: only when SAGSGANG_SCREENSHOTS=1. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SAGSGANG_SCREENSHOTS !== '1') return;
  const dir = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));
  fs.mkdirSync(dir, { recursive: true });
  await page.locator('.bo-diagram').screenshot({ path: path.join(dir, `${name}.png`) });
}
