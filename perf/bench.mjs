// Browser benchmark of the release build (issue 5): load weight, time to interactive,
// edit latency and share-link length, in Debian's headless Chromium on 127.0.0.1.
//   node perf/bench.mjs [--quick]     (scripts/bench.sh builds dist/ and the CLI first)
// Prints a table and writes target/bench/browser.json. Timings are printed, not asserted.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = process.env.STACKDRAFT_DIST ?? join(ROOT, 'dist');
const CLI = process.env.STACKDRAFT_CLI ?? join(ROOT, 'target/debug/stackdraft');
const QUICK = process.argv.includes('--quick');
const LOADS = QUICK ? 3 : 5;
const EDITS = QUICK ? 50 : 200;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const BUDGETS = { weightKb: 150, ttiMs: 150, editP95Ms: 16, edit10P95Ms: 33, linkDefault: 400, link10: 2000 };

const work = mkdtempSync(join(tmpdir(), 'stackdraft-bench-'));
const gzipKb = (bytes) => gzipSync(bytes, { level: 9 }).length / 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function browser() {
  return chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
  });
}

/** One fresh load: every response's gzip -9 size, and the ready mark's time. */
async function load(url, mark) {
  const context = await browser();
  const page = await context.newPage();
  const bodies = [];
  page.on('response', async (r) => {
    try {
      const bytes = await r.body();
      // Count each URL once (Chromium asks for the icon twice).
      if (!bodies.some((b) => b.url === r.url())) bodies.push({ url: r.url(), bytes });
    } catch { /* redirects have no body */ }
  });
  await page.goto(url);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 30_000 });
  const tti = await page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, mark);
  // Where the time goes: the wasm's main() starts once it is fetched, compiled and
  // instantiated; from there to the ready mark the app builds the page.
  const [wasmStart, mounted] = await page.evaluate(() => ['stackdraft-start', 'stackdraft-mounted']
    .map((name) => performance.getEntriesByName(name)[0]?.startTime ?? null));
  await page.waitForTimeout(200);
  await context.close();
  return { tti, wasmStart, mounted, bodies };
}

/** Edits `selector` `count` times; per edit, the time until the preview shows the value and layout is done. */
async function editLatency(url, selector, values, count) {
  const context = await browser();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('stackdraft-ready').length > 0);
  const result = await page.evaluate(async ({ selector, values, count }) => {
    const input = document.querySelector(selector);
    const previewText = () => document.querySelector('#preview-yaml').textContent;
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const update = [];
    const toFrame = [];
    for (let i = 0; i < count; i++) {
      const value = values[i % values.length];
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      let spins = 0;
      while (!previewText().includes(value) && spins++ < 1000) await settle();
      document.body.getBoundingClientRect();
      update.push(performance.now() - t0);
      await frame();
      toFrame.push(performance.now() - t0);
    }
    return { update, toFrame };
  }, { selector, values, count });
  await context.close();
  return result;
}

function designLink(config) {
  const path = join(work, 'design.json');
  writeFileSync(path, JSON.stringify(config));
  return execFileSync(CLI, ['link', path]).toString().trim();
}

function tenServiceDesign() {
  const config = JSON.parse(execFileSync(CLI, ['defaults']).toString());
  while (config.services.length < 10) {
    const i = config.services.length;
    config.services.push({ ...config.services[1], name: `service-${i}`,
      image: `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/service-${i}:1.0` });
  }
  return config;
}

const { server, url } = await serve(DIST, 0);
const base = `${url}/`;

// A plain static page of the same byte weight, marked at the end of its body: the floor.
const distFiles = readdirSync(DIST).filter((f) => statSync(join(DIST, f)).isFile());
const rawBytes = distFiles.reduce((sum, f) => sum + statSync(join(DIST, f)).size, 0);
const floorDir = join(work, 'floor');
mkdirSync(floorDir);
const filler = 'x'.repeat(Math.max(0, rawBytes - 200));
writeFileSync(join(floorDir, 'index.html'),
  `<!doctype html><title>floor</title><p>static</p><!--${filler}--><script>requestAnimationFrame(() => setTimeout(() => performance.mark('floor-ready')))</script>`);
const floorServer = await serve(floorDir, 0);

const loads = [];
for (let i = 0; i < LOADS; i++) loads.push(await load(base, 'stackdraft-ready'));
const floors = [];
for (let i = 0; i < LOADS; i++) floors.push(await load(`${floorServer.url}/`, 'floor-ready'));
const first = loads[0].bodies;
const weight = first.reduce((sum, b) => sum + gzipKb(b.bytes), 0);

// Neither value contains the other, so the preview shows the new one only after the update.
const names = ['edit-net-alpha', 'edit-net-bravo'];
const edits = await editLatency(base, '#f-network-name', names, EDITS);
const ten = tenServiceDesign();
const tenLink = designLink(ten);
const edits10 = await editLatency(`${base}#${tenLink.split('#')[1] ?? tenLink}`, '#f-network-name', names, EDITS);
const defaultLink = designLink(JSON.parse(execFileSync(CLI, ['defaults']).toString()));

server.close();
floorServer.server.close();
rmSync(work, { recursive: true, force: true });

const fragment = (link) => (link.includes('#') ? link.split('#')[1] : link).length + 1;
const rows = [
  ['1. first load weight (gzip -9)', `${weight.toFixed(1)} KB in ${first.length} requests`, `<= ${BUDGETS.weightKb} KB`, weight <= BUDGETS.weightKb],
  ['2. time to interactive (median)', `${median(loads.map((l) => l.tti)).toFixed(0)} ms (floor: static page ${median(floors.map((l) => l.tti)).toFixed(0)} ms)`, `<= ${BUDGETS.ttiMs} ms`, median(loads.map((l) => l.tti)) <= BUDGETS.ttiMs],
  ['2. of which: until main() starts / building the page / until painted', loads[0].mounted === null ? 'n/a' : `${median(loads.map((l) => l.wasmStart)).toFixed(0)} ms / ${median(loads.map((l) => l.mounted - l.wasmStart)).toFixed(0)} ms / ${median(loads.map((l) => l.tti - l.mounted)).toFixed(0)} ms`, '', true],
  ['3. edit latency, default design', `median ${median(edits.update).toFixed(1)} ms, p95 ${percentile(edits.update, 95).toFixed(1)} ms (to next frame: p95 ${percentile(edits.toFrame, 95).toFixed(1)} ms)`, `p95 <= ${BUDGETS.editP95Ms} ms`, percentile(edits.update, 95) <= BUDGETS.editP95Ms],
  ['3. edit latency, 10 services', `median ${median(edits10.update).toFixed(1)} ms, p95 ${percentile(edits10.update, 95).toFixed(1)} ms (to next frame: p95 ${percentile(edits10.toFrame, 95).toFixed(1)} ms)`, `p95 <= ${BUDGETS.edit10P95Ms} ms`, percentile(edits10.update, 95) <= BUDGETS.edit10P95Ms],
  ['5. share link, default design', `${fragment(defaultLink)} characters in the fragment`, `<= ${BUDGETS.linkDefault}`, fragment(defaultLink) <= BUDGETS.linkDefault],
  ['5. share link, 10 services', `${fragment(tenLink)} characters in the fragment`, `<= ${BUDGETS.link10}`, fragment(tenLink) <= BUDGETS.link10],
];
console.log(`\nStackdraft browser benchmark (${QUICK ? 'quick' : 'full'}: ${LOADS} fresh loads, ${EDITS} edits)`);
console.log('| budget | measured | goal | met |\n|---|---|---|---|');
for (const [name, measured, goal, met] of rows) console.log(`| ${name} | ${measured} | ${goal} | ${met ? 'yes' : 'NO'} |`);
console.log('\nper file (gzip -9):');
for (const b of first) console.log(`  ${new URL(b.url).pathname.padEnd(48)} ${(b.bytes.length / 1024).toFixed(1).padStart(8)} KB raw ${gzipKb(b.bytes).toFixed(1).padStart(8)} KB gzip`);
mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
writeFileSync(join(ROOT, 'target/bench/browser.json'), JSON.stringify({ quick: QUICK, rows, tti: loads.map((l) => l.tti), floor: floors.map((l) => l.tti), edits, edits10 }, null, 2));
