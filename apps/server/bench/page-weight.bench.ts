/**
 * Page weight of the first screen of the citizen portal and the back office: every script and stylesheet the
 * HTML references, as the server sends it (gzip and brotli). Prints figures; never fails on a size.
 *
 *   npm run build -w @sagsgang/web && npx tsx --conditions=sagsgang-source apps/server/bench/page-weight.bench.ts
 */
import { buildApp } from '../src/app.js';
import { createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import { openTestDatabase } from '../test/support/test-database.js';

const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { seedDemo: false });
const database = await openTestDatabase('pglite');
const app = await buildApp(createAppContext({ config, database }), { logger: false });
await app.ready();

async function size(url: string, encoding: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  return res.rawPayload.length;
}

async function weigh(label: string, pageUrl: string): Promise<void> {
  const page = await app.inject({ method: 'GET', url: pageUrl });
  const scripts = [...page.body.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  const styles = [...page.body.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const row = async (kind: string, urls: string[]) => {
    let raw = 0,
      gz = 0,
      br = 0;
    for (const u of urls) {
      raw += await size(u, 'identity');
      gz += await size(u, 'gzip');
      br += await size(u, 'br');
    }
    console.log(
      `${label.padEnd(22)} ${kind.padEnd(4)} ${String(urls.length).padStart(2)} files  raw ${(raw / 1024).toFixed(1).padStart(6)} KB  gzip ${(gz / 1024).toFixed(1).padStart(5)} KB  brotli ${(br / 1024).toFixed(1).padStart(5)} KB`,
    );
  };
  await row('JS', scripts);
  await row('CSS', styles);
  console.log(`${label.padEnd(22)} HTML gzip ${((await size(pageUrl, 'gzip')) / 1024).toFixed(1)} KB`);
}

await weigh('portal front page', '/');
await weigh('back office (first)', '/app/');
await app.close();
await database.close();
