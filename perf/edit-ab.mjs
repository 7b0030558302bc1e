// Edit latency of two or more builds side by side (issue 15): each build served on its own
// port, measured in interleaved fresh browsers, so the machine's drift falls on all alike.
//   node perf/edit-ab.mjs ROUNDS EDITS DIST_A DIST_B [...]   (DEFAULT=1: the default design)
// The measure is perf/bench.mjs's: from the input event until the preview shows the value and
// layout is done, and its two parts. The design is the default one grown to 25 services, as there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = process.env.STACKDRAFT_CLI ?? join(ROOT, 'target/debug/stackdraft');
const [rounds = '3', edits = '100', ...dists] = process.argv.slice(2);
if (dists.length < 1) throw new Error('usage: node perf/edit-ab.mjs ROUNDS EDITS DIST_A [DIST_B ...]');
const work = mkdtempSync(join(tmpdir(), 'stackdraft-ab-'));
const config = JSON.parse(execFileSync(CLI, ['defaults']).toString());
while (!process.env.DEFAULT && config.services.length < 25) {
  const i = config.services.length;
  config.services.push({ ...config.services[1], name: `service-${i}`,
    image: `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/service-${i}:1.0` });
}
writeFileSync(join(work, 'design.json'), JSON.stringify(config));
const link = execFileSync(CLI, ['link', join(work, 'design.json')]).toString().trim();
const fragment = link.slice(link.indexOf('#'));
const servers = await Promise.all(dists.map((d) => serve(d, 0)));
const times = dists.map(() => []);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
for (let r = 0; r < Number(rounds); r++) {
  for (let d = 0; d < dists.length; d++) {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
      executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'],
      viewport: { width: 1280, height: 900 }, serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.goto(`${servers[d].url}/${fragment}`);
    await page.waitForFunction(() => performance.getEntriesByName('stackdraft-ready').length > 0);
    await page.waitForTimeout(300);
    times[d].push(...await page.evaluate(async (count) => {
      const input = document.querySelector('#f-network-name');
      const previewText = () => document.querySelector('#preview-yaml').textContent;
      const out = [];
      for (let i = 0; i < count; i++) {
        const value = ['edit-net-alpha', 'edit-net-bravo'][i % 2];
        const t0 = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        let spins = 0;
        while (!previewText().includes(value) && spins++ < 1000) await new Promise((r) => setTimeout(r, 0));
        const t1 = performance.now();
        document.body.getBoundingClientRect();
        out.push([performance.now() - t0, t1 - t0, performance.now() - t1]);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      return out;
    }, Number(edits)));
    await context.close();
  }
}
// Per edit: the whole, then its parts: the script (until the preview shows the value) and
// the forced layout after it.
const part = (i, k, p) => pct(times[i].map((t) => t[k]), p).toFixed(1);
for (const [i, d] of dists.entries()) {
  console.log(`${d}: median ${part(i, 0, 50)} ms, p95 ${part(i, 0, 95)} ms, p99 ${part(i, 0, 99)} ms (${times[i].length} edits);`
    + ` script median ${part(i, 1, 50)} / p95 ${part(i, 1, 95)} ms, layout ${part(i, 2, 50)} / ${part(i, 2, 95)} ms`);
}
for (const s of servers) s.server.close();
