/**
 * Replay frame-time benchmark: BENCH_REPLAY_CASES (default 10,000) housing-benefit cases, received within
 * BENCH_REPLAY_SPREAD_DAYS (default 20) days so nearly all are in flight at once, analysed and replayed in Chromium.
 * Frame times are taken from requestAnimationFrame timestamps in the page while the replay plays, and printed
 * (frames, fps, median / p95 / p99 / max frame interval, balls on screen). Never asserts a time.
 *
 *   npx tsx --conditions=sagsgang-source apps/server/bench/replay-frames.bench.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/session-store.js';
import { createProcessModel } from '../src/modules/process-models/index.js';
import { uploadLog } from '../src/modules/navigator/use-cases/upload-log.js';
import { startAnalysis } from '../src/modules/navigator/use-cases/start-analysis.js';
import { runAnalysis } from '../src/modules/navigator/use-cases/run-analysis.js';
import { createUnitTree, createUser } from '../test/support/test-auth.js';
import { housingBenefitTraces, toXes } from '../test/fixtures/navigator/housing-log.fixture.js';

const CASES = Number(process.env.BENCH_REPLAY_CASES ?? 10_000);
const SPREAD = Number(process.env.BENCH_REPLAY_SPREAD_DAYS ?? 20);
const SECONDS = Number(process.env.BENCH_REPLAY_SECONDS ?? 8);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function prepareAnalysis(db: Awaited<ReturnType<typeof openDatabase>>) {
  const bpmnXml = fs.readFileSync(new URL('../test/fixtures/navigator/housing-benefit.bpmn', import.meta.url), 'utf8');
  const model = await createProcessModel(
    db.db,
    { name: 'Housing benefit', topic: '', description: '', caseTypeCode: null, bpmnXml, source: 'import', comment: '' },
    null,
  );
  const bytes = zlib.gzipSync(toXes(housingBenefitTraces(CASES, 5, SPREAD)));
  const log = await uploadLog(db.db, { name: `housing-${CASES}.xes.gz`, bytes }, null);
  const info = await startAnalysis(
    db.db,
    { modelId: model.id, population: { kind: 'log', logId: log.id }, name: 'frames' },
    null,
    async () => null,
  );
  await runAnalysis(db.db, info.id);
  return info.id;
}

// Sent as source text: the page must get plain JavaScript, not a function transformed by the TypeScript loader.
const MEASURE = `async (ms) => {
  const stamps = [];
  await new Promise((done) => {
    const start = performance.now();
    const frame = (t) => { stamps.push(t); if (t - start < ms) requestAnimationFrame(frame); else done(); };
    requestAnimationFrame(frame);
  });
  const legend = [...document.querySelectorAll('.bo-legend label')].map((l) => Number((/\\((\\d+)\\)\\s*$/.exec(l.textContent || '') || [])[1] || 0));
  return { stamps, balls: legend.reduce((a, b) => a + b, 0) };
}`;

/** Collects rAF timestamps in the page for `seconds`, and the balls on screen at the end. */
function measure(page: Page, seconds: number): Promise<{ stamps: number[]; balls: number }> {
  return page.evaluate(`(${MEASURE})(${seconds * 1000})`);
}

function summarise(label: string, stamps: number[], balls: number) {
  const d = stamps
    .slice(1)
    .map((t, i) => t - stamps[i])
    .sort((a, b) => a - b);
  const q = (p: number) => d[Math.min(d.length - 1, Math.floor(p * d.length))].toFixed(1);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  console.log(
    `${label}: ${d.length} frames, ${(1000 / mean).toFixed(1)} fps; frame interval median ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${d[d.length - 1].toFixed(1)} ms; ${balls} balls on screen`,
  );
}

if (!fs.existsSync(`${REPO}/apps/web/dist/index.html`))
  execFileSync('npm', ['run', 'build', '-w', '@sagsgang/web', '--silent'], { cwd: REPO, stdio: 'inherit' });
const database = await openDatabase({ dataDir: 'memory://' });
await migrate(database.pool);
const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { seedDemo: false });
const app = await buildApp(createAppContext({ config, database }), { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
try {
  let t = performance.now();
  const analysisId = await prepareAnalysis(database);
  console.log(`analysis of ${CASES} cases ready in ${Math.round(performance.now() - t)} ms`);
  const units = await createUnitTree(database.db);
  const analyst = await createUser(database.db, { grants: [{ role: 'analyst', unitId: units.authority }] });
  const { token } = await createSession(
    database.db,
    { userId: analyst.id, authMethod: 'bench' },
    { idleMinutes: 60, maxMinutes: 120 },
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  const page = await context.newPage();
  t = performance.now();
  await page.goto(`${base}/app/navigator/analyses/${analysisId}`);
  await page.locator('.bo-replay-controls').waitFor({ timeout: 120_000 });
  console.log(`analysis page with ${CASES} replay paths ready in ${Math.round(performance.now() - t)} ms`);
  const idle = await measure(page, 2);
  summarise('paused (baseline)', idle.stamps, idle.balls);
  await page.click('.bo-replay-controls button[aria-pressed="false"]');
  await page.waitForTimeout(1500);
  const playing = await measure(page, SECONDS);
  summarise(`playing ${CASES} cases`, playing.stamps, playing.balls);
} finally {
  await browser.close();
  await app.close();
  await database.close();
}
