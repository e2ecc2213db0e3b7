/**
 * First-load weight and speed of the citizen portal's pages in Chromium, cold cache, under emulated network and
 * CPU throttling (CDP Network.emulateNetworkConditions + Emulation.setCPUThrottlingRate): "Fast 3G" (150 ms RTT,
 * 1.6 Mbit/s down, 750 kbit/s up) and a 4× slower CPU, the way a citizen on an old phone meets the portal.
 * Prints bytes over the wire (compressed) by resource type, and DOMContentLoaded, load and first contentful
 * paint. Budget: under 100 KB of compressed JavaScript on the first page. Printed, never asserted.
 * Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { DEMO_SEED_STEPS, demoCaseTypes, seedDemoIfEmpty } from '../src/modules/demo/index.js';
import { publishCaseType } from '../src/modules/case-types/index.js';
import { benchDatabase } from './bench-support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;
const RUNS = Number(process.env.BENCH_PORTAL_RUNS ?? 3);

interface Load {
  bytes: Record<string, number>;
  dcl: number;
  load: number;
  fcp: number;
}

async function measure(page: Page, url: string): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const types = new Map<string, string>();
  const bytes: Record<string, number> = {};
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const type = types.get(e.requestId) ?? 'Other';
    bytes[type] = (bytes[type] ?? 0) + e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : NaN };
  })()`)) as { dcl: number; load: number; fcp: number };
  await cdp.detach();
  return { bytes, ...timing };
}

const kb = (n: number | undefined) => `${((n ?? 0) / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`No Chromium at ${CHROMIUM}: skipped.`);
    return;
  }
  const database = await benchDatabase('pglite');
  const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { seedDemo: false });
  await seedDemoIfEmpty(
    createAppContext({ config, database }),
    { info: () => undefined },
    DEMO_SEED_STEPS.filter((s) => s.name === 'organisation'),
  );
  const unit = await database.db.selectFrom('unit').select('code').where('kind', '=', 'team').executeTakeFirstOrThrow();
  const family = demoCaseTypes().find((d) => d.code === 'family-reunification')!;
  await publishCaseType(database.db, { ...family, unitCode: unit.code }, null);
  const app = await buildApp(createAppContext({ config, database }), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const pages = { 'front page /': '/', 'apply start /ansoeg/…': `/ansoeg/${family.code}`, 'sign-in /login': '/login' };
  const rows: Record<string, string>[] = [];
  for (const [name, path] of Object.entries(pages)) {
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'da-DK' });
      loads.push(await measure(await context.newPage(), base + path));
      await context.close();
    }
    const b = loads[0].bytes;
    const total = Object.values(b).reduce((s, x) => s + x, 0);
    rows.push({
      page: name,
      'JS (compressed)': kb(b.Script),
      CSS: kb(b.Stylesheet),
      HTML: kb(b.Document),
      fonts: kb(b.Font),
      images: kb(b.Image),
      total: kb(total),
      'FCP ms': String(Math.round(median(loads.map((l) => l.fcp)))),
      'DCL ms': String(Math.round(median(loads.map((l) => l.dcl)))),
      'load ms': String(Math.round(median(loads.map((l) => l.load)))),
    });
  }
  console.log(
    `Chromium, cold cache, Fast 3G (${NETWORK.latency} ms RTT, 1.6 Mbit/s) and CPU ×${CPU_SLOWDOWN}; median of ${RUNS} loads`,
  );
  console.table(rows);
  await browser.close();
  await app.close();
  await database.close();
}

await main();
