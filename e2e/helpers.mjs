// Shared helpers of the browser tests (e2e/*.test.mjs): a static server for dist/, fresh
// Chromium profiles, page loading with a log of errors, requests and CSP violations,
// downloads, and the CLI that every download is compared with.
import { before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const DIST = process.env.STACKDRAFT_DIST ?? join(ROOT, 'dist');
export const CLI = process.env.STACKDRAFT_CLI ?? join(ROOT, 'target/debug/stackdraft');
export const SHOTS = join(ROOT, 'target/screenshots');
export const STORAGE_KEY = 'stackdraft.design.v1';
/** Where the page records the fragment it last wrote to the address bar (browser.rs). */
export const WRITTEN_FRAGMENT_KEY = 'stackdraft.written-fragment';
/** The screen sizes the page must work at: a desktop and a phone. */
export const VIEWPORTS = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Serves dist/ for the tests of one file and closes every browser after them. Returns
 * { base, origin, work, freshContext }; `base` and `origin` are set by a `before` hook, so
 * tests read them as `env.base` when they run.
 */
export function useBrowser() {
  const env = {
    base: '',
    origin: '',
    work: mkdtempSync(join(tmpdir(), 'stackdraft-e2e-')),
    contexts: [],
  };
  let server;
  before(async () => {
    const served = await serve(DIST, 0);
    server = served.server;
    env.base = `${served.url}/`;
    env.origin = served.url;
  });
  after(async () => {
    for (const context of env.contexts) await context.close().catch(() => {});
    server?.close();
    rmSync(env.work, { recursive: true, force: true });
  });

  /**
   * A new browser with a fresh, empty profile: its own localStorage, no history. Every
   * `securitypolicyviolation` event of its pages lands in `context.cspViolations`.
   * The page's service worker is blocked (tests count the page's own requests, and a
   * worker's precache would add to them) unless `serviceWorkers: 'allow'`; `profile`
   * reuses a profile directory.
   */
  env.freshContext = async (
    viewport = { width: 1280, height: 900 },
    { serviceWorkers = 'block', profile = mkdtempSync(join(env.work, 'profile-')) } = {},
  ) => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      acceptDownloads: true,
      serviceWorkers,
    });
    env.contexts.push(context);
    context.cspViolations = [];
    await context.exposeBinding('__stackdraftCspViolation', (_source, violation) => {
      context.cspViolations.push(violation);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__stackdraftCspViolation?.({
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          sample: e.sample,
        });
      });
    });
    return context;
  };
  return env;
}

/**
 * Opens `url` and records console errors, page errors, console messages about the
 * Content Security Policy, every request URL and the requests that failed (with why).
 */
export async function open(context, url) {
  const page = await context.newPage();
  const log = { errors: [], requests: [], csp: [], failed: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (m.text().includes('Content Security Policy')) log.csp.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  await ready(page);
  return { page, log };
}

export async function ready(page) {
  await page.waitForFunction(() => performance.getEntriesByName('stackdraft-ready').length > 0, null, {
    timeout: 30_000,
  });
}

export const preview = (page) => page.locator('#preview-yaml').innerText();
/** Selects the template tab of the stack with this role ("network", "initial service", …). */
export async function showTemplate(page, role) {
  const tab = page.locator('[data-testid="template-tab"]', {
    has: page.locator('.tab-role', { hasText: new RegExp(`^${role}$`) }),
  });
  await tab.click();
  await page.waitForFunction(
    (id) => document.querySelector('#template-panel')?.getAttribute('aria-labelledby') === id,
    await tab.getAttribute('id'),
  );
}
/** How many template tabs the page shows. */
export const tabCount = (page) => page.locator('[data-testid="template-tab"]').count();
/** Waits for the page to save the last edit: it saves right after the frame that shows it. */
export const afterSave = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => setTimeout(r, 0), 0))));
export const savedDesign = async (page) => {
  await afterSave(page);
  return page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
};
/** The link in the Share section, once the last edit is saved (it is updated with the save). */
export const shareLink = async (page) => {
  await afterSave(page);
  return page.locator('#share-url').inputValue();
};

export async function fill(page, selector, text) {
  await page.locator(selector).fill(text);
}

/** Clicks a download button and returns the saved file's path. */
export async function download(page, locator, dir) {
  const [file] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Every file under `dir`, by path relative to it: { 'test-app/server.js': bytes, … }. */
export function readTree(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  return files;
}

/** Renders a config with the CLI (`--kit` adds the deploy kit); returns { file: bytes }. */
export function cliRender(configPath, outDir, { kit = false, base } = {}) {
  const args = ['render', configPath, '--out', outDir, ...(kit ? ['--kit'] : []), ...(base ? ['--base', base] : [])];
  execFileSync(CLI, args, { stdio: 'pipe' });
  return readTree(outDir);
}

/**
 * The SVG markup the page's architecture diagram shows (its `<img>` holds a data: URL),
 * once it is drawn: it is redrawn a moment after the last edit.
 */
export async function diagramSvg(page) {
  await page.locator('#diagram[data-state="drawn"]').waitFor();
  const src = await page.locator('#diagram-img').getAttribute('src');
  const prefix = 'data:image/svg+xml;charset=utf-8,';
  if (!src?.startsWith(prefix)) throw new Error(`the diagram is not an SVG data URL: ${src?.slice(0, 80)}`);
  return decodeURIComponent(src.slice(prefix.length));
}

/** How many elements of the SVG markup carry data-role="ROLE". */
export function countRole(svg, role) {
  return svg.split(`data-role="${role}"`).length - 1;
}

/** Opens a file through the "Open a design…" button: { name, buffer } or a path. */
export async function openFile(page, file) {
  await page.locator('#open-file').setInputFiles(file);
}

/** Drops a file with this text on the page, as a person dragging it from a file manager. */
export async function dropFile(page, name, text) {
  const transfer = await page.evaluateHandle(
    ([n, t]) => {
      const data = new DataTransfer();
      data.items.add(new File([t], n, { type: 'application/json' }));
      return data;
    },
    [name, text],
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}
