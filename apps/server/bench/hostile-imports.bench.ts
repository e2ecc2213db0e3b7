// The hostile-file corpus of the importers, measured: each file is read in a child process of its own (killed after
// HOSTILE_TIMEOUT_SECONDS, default 60), which prints its wall time, CPU time, peak RSS, the longest the event loop
// stood still (what a health check would have waited) and how the import ended. Never fails on a time.
// Run: npx tsx --conditions=sagsgang-source bench/hostile-imports.bench.ts   (in apps/server)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_FILES, type HostileFile } from '../test/support/hostile-files.js';

const here = fileURLToPath(import.meta.url);
const timeoutSeconds = Number(process.env.HOSTILE_TIMEOUT_SECONDS ?? 60);

async function child(name: string, file: string): Promise<void> {
  const entry = HOSTILE_FILES.find((h) => h.name === name)!;
  let maxGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let outcome: string;
  try {
    outcome = `accepted: ${await entry.importWith(file)}`;
  } catch (err) {
    const e = err as { statusCode?: number; code?: string; message?: string };
    outcome = `refused ${e.statusCode ?? ''} ${e.code ?? ''}: ${(e.message ?? String(err)).split('\n')[0].slice(0, 150)}`;
  }
  const wall = (performance.now() - t0) / 1000;
  clearInterval(timer);
  // An import that held the loop to its end never let the timer fire: that wait counts too.
  maxGap = Math.max(maxGap, performance.now() - last);
  const cpu = process.cpuUsage(c0);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      wall: wall.toFixed(2),
      cpu: ((cpu.user + cpu.system) / 1e6).toFixed(2),
      rss: rss.toFixed(0),
      maxGap: maxGap.toFixed(0),
      outcome,
    }),
  );
}

async function runOne(h: HostileFile, dir: string): Promise<string> {
  const file = path.join(dir, h.name);
  writeFileSync(file, await h.build());
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...process.execArgv, here, '--child', h.name, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const kill = setTimeout(() => p.kill('SIGKILL'), timeoutSeconds * 1000);
    p.on('exit', (code, signal) => {
      clearTimeout(kill);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (signal === 'SIGKILL') return resolve(`> ${timeoutSeconds} s (killed)`);
      if (!line)
        return resolve(`crashed (exit ${code}): ${out.trim().split('\n').slice(-3).join(' | ').slice(0, 200)}`);
      const r = JSON.parse(line) as Record<string, string>;
      resolve(
        `${r.wall} s wall, ${r.cpu} s cpu, ${r.rss} MB peak RSS, event loop stood still ${r.maxGap} ms; ${r.outcome}`,
      );
    });
  });
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'sagsgang-hostile-'));
  try {
    for (const h of HOSTILE_FILES) {
      console.log(`${h.name.padEnd(34)} ${await runOne(h, dir)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
