// Why the static shell's first contentful paint is over its floor: static pages made from
// index.html with style/app.css inlined and no wasm (the shell as shipped, without its
// stylesheet, without its help texts, its header only), beside the benchmark's floor page of
// the same bytes, bare and under the page's stylesheet. Fresh browsers, the variants
// interleaved; prints the median FCP of each and how far over the floor it is. Asserts nothing; figures in BENCHMARKS.md (issue 15).
//   node perf/shell-fcp.mjs [LOADS]     (9 by default)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const LOADS = Number(process.argv[2] ?? 9);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
const css = readFileSync(join(ROOT, 'style/app.css'), 'utf8');
const page = (style, body = (b) => b) => {
  const [head, rest] = html.split('<body>');
  return head.replace(/<link data-trunk[^>]*>\s*/g, '').replace(/<script data-trunk[^>]*><\/script>\s*/g, '')
    .replace(/<link rel="manifest"[^>]*>/, '').replace('</head>', `<style>${style}</style></head>`)
    + '<body>' + body(rest);
};
const variants = {
  'the shell as shipped': page(css),
  'the shell, no stylesheet': page(''),
  'the shell, no help or hint text': page(css, (b) => b.replace(/<p class="(help|hint|about|tagline)">.*?<\/p>/gs, '')),
  'the header only': page(css, (b) => b.replace(/<main class="design-col">.*<\/aside>/s, '')),
};
// The benchmark's floor (perf/bench.mjs): one paragraph, padded to the shell's bytes; and
// the same paragraph under the page's stylesheet.
const padding = `<!--${'x'.repeat(html.length + css.length)}-->`;
variants['the floor, with the stylesheet'] = `<!doctype html><title>floor</title><style>${css}</style><p>static</p>${padding}`;
variants['the floor'] = `<!doctype html><title>floor</title><p>static</p>${padding}`;

const work = mkdtempSync(join(tmpdir(), 'stackdraft-shell-fcp-'));
const servers = {};
for (const [i, [name, text]] of Object.entries(variants).entries()) {
  const dir = join(work, String(i));
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), text);
  servers[name] = await serve(dir, 0);
}
const fcps = Object.fromEntries(Object.keys(variants).map((n) => [n, []]));
for (let i = 0; i < LOADS; i++) {
  for (const name of Object.keys(variants)) {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
      executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${servers[name].url}/`);
    await tab.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 20000 });
    fcps[name].push(await tab.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
    await context.close();
  }
}
for (const { server } of Object.values(servers)) server.close();
rmSync(work, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const floor = median(fcps['the floor']);
console.log(`first contentful paint, median of ${LOADS} fresh loads each (static pages, no wasm)`);
console.log('| page | FCP | over the floor |\n|---|---:|---:|');
for (const [name, xs] of Object.entries(fcps)) {
  const percent = Math.round((median(xs) / floor - 1) * 100);
  const over = name === 'the floor' ? '—' : `${percent >= 0 ? '+' : ''}${percent} %`;
  console.log(`| ${name} | ${median(xs).toFixed(0)} ms | ${over} |`);
}
