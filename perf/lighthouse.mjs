// Lighthouse (npm `lighthouse`, pinned in package.json) on the release build served on
// 127.0.0.1 gzipped, as a static host serves it, desktop preset, driving Debian's Chromium
// (CHROME_PATH; Lighthouse never downloads a browser). Its simulated timings charge each
// request's transferred bytes at the preset's 10 Mbit/s: served uncompressed, the 0.96 MB
// wasm alone costs 0.8 s of simulated largest contentful paint. Prints the run with the
// median performance score: the category scores, cumulative layout shift, first contentful
// paint, largest contentful paint, total blocking time and speed index. Asserts nothing.
//   node perf/lighthouse.mjs [--quick]     (1 run with --quick, else 3)
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '../e2e/server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = process.env.STACKDRAFT_DIST ?? join(ROOT, 'dist');
const RUNS = process.argv.includes('--quick') ? 1 : 3;
const LIGHTHOUSE = join(ROOT, 'node_modules/.bin/lighthouse');
const OUT = join(ROOT, 'target/bench');
mkdirSync(OUT, { recursive: true });

const { server, url } = await serve(DIST, 0, { gzip: true });
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const path = join(OUT, `lighthouse-${i}.json`);
    // Asynchronous: this process serves the page meanwhile.
    await promisify(execFile)(
      LIGHTHOUSE,
      [
        `${url}/`,
        '--preset=desktop',
        '--only-categories=performance,accessibility,best-practices,seo',
        '--output=json',
        `--output-path=${path}`,
        '--quiet',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ],
      { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 << 20 },
    );
    runs.push(JSON.parse(readFileSync(path, 'utf8')));
  }
} finally {
  server.close();
}

const score = (r, c) => Math.round(r.categories[c].score * 100);
runs.sort((a, b) => score(a, 'performance') - score(b, 'performance'));
const report = runs[Math.floor((runs.length - 1) / 2)];
const audit = (id) => report.audits[id].numericValue;
const figures = {
  lighthouse: report.lighthouseVersion,
  runs: RUNS,
  performance: score(report, 'performance'),
  accessibility: score(report, 'accessibility'),
  bestPractices: score(report, 'best-practices'),
  seo: score(report, 'seo'),
  cls: audit('cumulative-layout-shift'),
  fcpMs: audit('first-contentful-paint'),
  lcpMs: audit('largest-contentful-paint'),
  tbtMs: audit('total-blocking-time'),
  speedIndexMs: audit('speed-index'),
  allPerformance: runs.map((r) => score(r, 'performance')),
};
writeFileSync(join(OUT, 'lighthouse.json'), JSON.stringify(figures, null, 2));
console.log(`\nLighthouse ${figures.lighthouse}, desktop preset (${RUNS === 1 ? '1 run' : `median of ${RUNS} runs by performance score: ${figures.allPerformance.join(', ')}`})`);
console.log('| figure | measured | goal (issue 15) |\n|---|---|---|');
console.log(`| performance | ${figures.performance} | 100 |`);
console.log(`| accessibility / best practices / SEO | ${figures.accessibility} / ${figures.bestPractices} / ${figures.seo} | |`);
console.log(`| cumulative layout shift | ${figures.cls.toFixed(3)} | 0.00 |`);
console.log(`| first contentful paint (simulated) | ${figures.fcpMs.toFixed(0)} ms | |`);
console.log(`| largest contentful paint (simulated) | ${figures.lcpMs.toFixed(0)} ms | |`);
console.log(`| total blocking time | ${figures.tbtMs.toFixed(0)} ms | |`);
console.log(`| speed index | ${figures.speedIndexMs.toFixed(0)} ms | |`);
