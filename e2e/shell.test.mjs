// Issue 15 §1–2: index.html's static shell stands where the app will be (same boxes at a
// phone's and a desktop's width, same headings and help text), the app replaces it in the
// task that mounts it, and nothing moves after the first paint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useBrowser } from './helpers.mjs';

const env = useBrowser();
const SIZES = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
];
/** How far a box of the shell may be from the app's, in CSS pixels. */
const TOLERANCE = 3;

/**
 * The boxes a first look at the page sees, by selector. Columns and the first card of each
 * column run past the viewport, so for them only the part inside the viewport counts.
 */
const BOXES = [
  'header.top',
  '.top h1',
  '.top .tagline',
  '.top .about',
  '.top-actions',
  '.top-actions .open',
  '.top-actions > button',
  'main.design-col',
  'aside.output-col',
  '.design-col > .card:first-of-type',
  '.design-col > .card:first-of-type > h2',
  '.design-col > .card:first-of-type > .help',
  '.output-col > .card:first-of-type',
  '.output-col > .card:first-of-type > h2',
  '.output-col > .card:first-of-type > .help',
  '.output-col > .card:first-of-type .panel-bar',
  '.output-col > .card:first-of-type .zoom-group',
  '.output-col > .card:first-of-type .hint',
  '.output-col > .card:first-of-type .diagram',
  'nav.action-bar',
  // (Not the problem count between them: its text comes from the design.)
  'nav.action-bar > .bar-group:first-child',
  'nav.action-bar > .bar-group.end',
];

/** Each selector's box clipped to the viewport (null when it is not on the page). */
function measure(page) {
  return page.evaluate((selectors) => {
    const clip = (r) => {
      const top = Math.max(r.top, 0);
      const bottom = Math.min(r.bottom, innerHeight);
      const left = Math.max(r.left, 0);
      const right = Math.min(r.right, innerWidth);
      return bottom <= top || right <= left ? { x: 0, y: 0, w: 0, h: 0 } : { x: left, y: top, w: right - left, h: bottom - top };
    };
    return Object.fromEntries(selectors.map((s) => {
      const e = document.querySelector(s);
      return [s, e ? clip(e.getBoundingClientRect()) : null];
    }));
  }, BOXES);
}

/** Each section's heading and the first paragraph of help under it, column by column. */
function headings(page) {
  return page.evaluate(() => [...document.querySelectorAll('.design-col > section, .output-col > section')].map((s) => {
    const h = s.querySelector('h2');
    const help = s.querySelector('h2 + p');
    return {
      column: s.parentElement.classList.contains('design-col') ? 'design' : 'outputs',
      // The app's review heading adds its count ("Before you deploy: 4 warnings").
      heading: h.textContent.split(':')[0].trim(),
      help: help?.textContent.trim() ?? '',
    };
  }));
}

/** The page as it stands before the wasm runs: its fetch is held until the test ends. */
async function shellView(viewport) {
  const context = await env.freshContext(viewport);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*.wasm', () => {});
  await page.goto(env.base, { waitUntil: 'load' });
  return { page, errors };
}

for (const [name, viewport] of SIZES) {
  test(`${name}: the static shell's boxes are the app's first render's, within ${TOLERANCE} px`, async () => {
    const shell = await shellView(viewport);
    assert.equal(await shell.page.locator('#shell').count(), 1, 'the shell is on the page');
    assert.match(await shell.page.locator('#shell .shell-loading').innerText(), /Loading the designer/);
    const before = await measure(shell.page);
    const shellHeadings = await headings(shell.page);
    assert.deepEqual(shell.errors, []);

    const { page, log } = await open(await env.freshContext(viewport), env.base);
    assert.equal(await page.locator('#shell').count(), 0, 'the app removed the shell');
    assert.equal(await page.locator('.page').count(), 1, 'one page, not the shell beside the app');
    const after = await measure(page);
    const far = [];
    for (const selector of BOXES) {
      const [a, b] = [before[selector], after[selector]];
      assert.ok(a, `the shell has ${selector}`);
      assert.ok(b, `the app has ${selector}`);
      const off = Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.w - b.w), Math.abs(a.h - b.h));
      if (off > TOLERANCE) far.push(`${selector}: shell ${JSON.stringify(a)} app ${JSON.stringify(b)}`);
    }
    assert.deepEqual(far, [], 'boxes that moved when the app replaced the shell');
    // Hand-kept text: the same headings and help text in the same order.
    assert.deepEqual(shellHeadings, await headings(page));
    assert.deepEqual(log.errors, []);
  });

  test(`${name}: nothing shifts while the page loads and draws its diagram`, async () => {
    const context = await env.freshContext(viewport);
    await context.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (!e.hadRecentInput) window.__shifts.push({ value: e.value, sources: e.sources.map((s) => s.node?.nodeName ?? '?') });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const { page } = await open(context, env.base);
    await page.locator('#diagram[data-state="drawn"]').waitFor();
    // Two frames after the drawing, for a shift to be reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const shifts = await page.evaluate(() => window.__shifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    assert.equal(total, 0, `layout shifts: ${JSON.stringify(shifts)}`);
  });
}
