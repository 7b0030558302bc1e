// Browser tests of the offline page (issue 15): after one visit the page loads and works
// with the server stopped, a new build replaces the old one whole once the person agrees,
// a development build removes the worker, and Chromium finds the page installable.
// The tests of this file run in order and share one browser profile and one port (a
// service worker belongs to its origin).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, DIST, ROOT, cliRender, download, fill, open, preview, ready, savedDesign, showTemplate, useBrowser } from './helpers.mjs';
import { serve } from './server.mjs';

const env = useBrowser();
const { work } = env;
const profile = join(work, 'offline-profile');
mkdirSync(profile);

/**
 * The site on one port for the whole file: started, stopped and started with another dist.
 * Starting stops what a failed test left running.
 */
const site = { port: 0, server: null };
async function start(dir) {
  stop();
  const served = await serve(dir, site.port);
  site.server = served.server;
  site.port = Number(new URL(served.url).port);
  return `${served.url}/`;
}
function stop() {
  site.server?.closeAllConnections();
  site.server?.close();
  site.server = null;
}
after(stop);

/**
 * The browser on the shared profile (closing one a failed test left open), with service
 * workers on; the workers' console errors are collected.
 */
let shared = null;
async function browser() {
  await shared?.close().catch(() => {});
  const context = await env.freshContext(undefined, { serviceWorkers: 'allow', profile });
  shared = context;
  context.workerErrors = [];
  const watch = (worker) =>
    worker.on('console', (m) => m.type() === 'error' && context.workerErrors.push(`${worker.url()}: ${m.text()}`));
  context.serviceWorkers().forEach(watch);
  context.on('serviceworker', watch);
  return context;
}

/** What the page sees of its worker: the registration's states and the caches. */
const workerState = (page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return {
      controlled: navigator.serviceWorker.controller !== null,
      active: registration?.active?.scriptURL ?? null,
      waiting: registration?.waiting !== null && registration?.waiting !== undefined,
      caches: await caches.keys(),
    };
  });

/** Each cached file's URL path and sha256, read back from the named cache. */
const cachedFiles = (page, name) =>
  page.evaluate(async (cacheName) => {
    const cache = await caches.open(cacheName);
    const out = {};
    for (const request of await cache.keys()) {
      const bytes = await (await cache.match(request)).arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', bytes);
      out[new URL(request.url).pathname] = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    }
    return out;
  }, name);

/** What the cache of a build must hold: every file of `dir` but the worker, by URL path. */
function expectedFiles(dir) {
  const out = {};
  for (const name of readdirSync(dir)) {
    if (name === 'sw.js') continue;
    out[name === 'index.html' ? '/' : `/${name}`] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
  }
  return out;
}

/** The build id that dist/sw.js carries. */
const buildId = (dir) => readFileSync(join(dir, 'sw.js'), 'utf8').match(/^const BUILD = \{"id":"([^"]+)"/m)[1];

const SECOND_BUILD = ' the second build ';
/** Whether the page that runs is the second build's (its index.html has the marker). */
const isSecondBuild = (page) => page.evaluate((marker) => document.body.innerHTML.includes(`<!--${marker}-->`), SECOND_BUILD);

test('after one visit the page loads, is edited and downloads its zip with the server stopped', async () => {
  const base = await start(DIST);
  let context = await browser();
  let { page, log } = await open(context, base);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  const state = await workerState(page);
  assert.equal(state.active, `${base}sw.js`);
  assert.deepEqual(state.caches, [`stackdraft-${buildId(DIST)}`]);
  assert.deepEqual(await cachedFiles(page, state.caches[0]), expectedFiles(DIST), 'the cache holds the build, byte for byte');
  assert.deepEqual(log.errors, []);
  assert.equal(await page.locator('#update-note').count(), 0, 'a first visit offers no update');
  // Once the build is cached, the page says so, quietly.
  await page.locator('#offline-status', { hasText: 'Ready offline' }).waitFor();

  stop();
  await assert.rejects(fetch(base), 'the server is stopped');
  // A new browser on the same profile, as after a restart on a plane.
  await context.close();
  context = await browser();
  ({ page, log } = await open(context, base));
  await showTemplate(page, 'network');
  assert.match(await preview(page), /CidrBlock: 192\.168\.0\.0\/18/);
  await fill(page, '#f-network-name', 'offline-net');
  await page.waitForFunction(() => document.querySelector('#preview-yaml').innerText.includes('offline-net'));
  // The address bar carries the design a moment after the edit; a reload reads it.
  await page.waitForFunction(() => location.href === document.querySelector('#share-url').value);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#f-network-name').inputValue(), 'offline-net', 'the design survives an offline reload');
  await page.locator('#offline-status', { hasText: 'Ready offline' }).waitFor();

  const dir = join(work, 'offline-downloads');
  mkdirSync(dir, { recursive: true });
  const zip = await download(page, page.locator('#download-zip'), dir);
  assert.match(zip, /offline-net-stackdraft\.zip$/);
  const unzipped = join(work, 'offline-unzipped');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, unzipped]);
  const design = readFileSync(join(unzipped, 'stackdraft.json'), 'utf8');
  assert.equal(design, await savedDesign(page));
  const rendered = cliRender(join(unzipped, 'stackdraft.json'), join(work, 'offline-cli'));
  assert.ok(rendered['offline-net.yaml'].equals(readFileSync(join(unzipped, 'offline-net.yaml'))));
  const cliZip = join(work, 'offline-cli.zip');
  execFileSync(CLI, ['zip', join(unzipped, 'stackdraft.json'), '--out', cliZip], { stdio: 'pipe' });
  assert.ok(readFileSync(zip).equals(readFileSync(cliZip)), 'the zip differs from `stackdraft zip`');

  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.csp, []);
  assert.deepEqual(context.cspViolations, []);
  assert.deepEqual(context.workerErrors, []);
  await context.close();
});

/**
 * A second build: dist/ with its index.html changed (a marker comment at the end of the
 * body), and its worker's file list written again, as the post-build hook does.
 */
function secondBuild() {
  const dir = join(work, 'dist-2');
  cpSync(DIST, dir, { recursive: true });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.ok(html.includes('</body>'));
  writeFileSync(join(dir, 'index.html'), html.replace('</body>', `<!--${SECOND_BUILD}--></body>`));
  execFileSync('node', [join(ROOT, 'scripts/offline.mjs'), dir], { stdio: 'pipe' });
  return { dir };
}

test('a new build waits, the page offers a reload, and then the new build replaces the old one whole', async () => {
  const second = secondBuild();
  assert.notEqual(buildId(second.dir), buildId(DIST));
  const base = await start(second.dir);
  const context = await browser();
  const { page, log } = await open(context, base);
  // The old build still runs the page while the new one waits, fully cached.
  assert.equal(await isSecondBuild(page), false);
  const note = page.locator('#update-note');
  await note.waitFor({ timeout: 30_000 });
  assert.equal(await note.getAttribute('role'), 'status');
  await page.locator('#update-reload').waitFor();
  assert.match(await note.innerText(), /new version of Stackdraft is ready/);
  // The footer says what works offline meanwhile: this version, the new one after a reload.
  assert.match(await page.locator('#offline-status').innerText(), /^Ready offline with this version; a newer one is saved too and opens once you reload\.$/);
  let state = await workerState(page);
  assert.ok(state.waiting, 'the new worker waits for the page to agree');
  assert.deepEqual(state.caches.sort(), [`stackdraft-${buildId(DIST)}`, `stackdraft-${buildId(second.dir)}`].sort());
  assert.deepEqual(await cachedFiles(page, `stackdraft-${buildId(second.dir)}`), expectedFiles(second.dir));

  // "Later" hides the notice; a new visit offers it again; "Reload" lets the new build in.
  await page.click('#update-later');
  assert.equal(await note.count(), 0);
  await page.reload();
  await ready(page);
  assert.equal(await isSecondBuild(page), false, 'still the old build until the person agrees');
  await Promise.all([page.waitForEvent('load'), page.locator('#update-reload').click()]);
  await ready(page);
  assert.equal(await isSecondBuild(page), true);
  assert.equal(await page.locator('#f-network-name').inputValue(), 'offline-net', 'the design is kept');
  state = await workerState(page);
  assert.equal(state.waiting, false);
  assert.ok(state.controlled);
  assert.deepEqual(state.caches, [`stackdraft-${buildId(second.dir)}`], 'the old build is gone whole');

  // And the new build works offline too.
  stop();
  await page.reload();
  await ready(page);
  assert.equal(await isSecondBuild(page), true);
  assert.match(await preview(page), /offline-net/);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(context.cspViolations, []);
  assert.deepEqual(context.workerErrors, []);
  await context.close();
});

test('a development build removes the worker and its caches', async () => {
  // As under `trunk serve`: no registration in the page, and a worker with no files.
  const dir = join(work, 'dist-dev');
  cpSync(DIST, dir, { recursive: true });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const withoutRegistration = html.replace(/<script>[^<]*sw-register\.js[^<]*<\/script>/, '');
  assert.notEqual(withoutRegistration, html, 'the release build imports the registration');
  writeFileSync(join(dir, 'index.html'), withoutRegistration);
  rmSync(join(dir, 'sw-register.js'));
  execFileSync('node', [join(ROOT, 'scripts/offline.mjs'), '--dev', dir], { stdio: 'pipe' });

  const base = await start(dir);
  const context = await browser();
  const { page, log } = await open(context, base);
  // The old worker serves this first load; the browser then finds the new one, which
  // deletes the caches, unregisters and reloads the page from the network.
  await page.waitForFunction(
    async () =>
      navigator.serviceWorker.controller === null &&
      (await navigator.serviceWorker.getRegistrations()).length === 0 &&
      (await caches.keys()).length === 0,
    null,
    { timeout: 30_000, polling: 200 },
  );
  await ready(page);
  assert.equal(await page.locator('#preview-yaml').count(), 1);
  assert.deepEqual(log.errors, []);
  await context.close();
  stop();
});

test('Chromium finds the page installable: a manifest with icons, and no installability errors', async () => {
  const base = await start(DIST);
  const context = await env.freshContext(undefined, { serviceWorkers: 'allow' });
  const { page, log } = await open(context, base);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, `${base}manifest.webmanifest`);
  assert.deepEqual(manifest.errors, []);
  const parsed = JSON.parse(manifest.data);
  assert.deepEqual(
    parsed.icons.map((i) => i.sizes),
    ['192x192', '512x512'],
  );
  for (const icon of parsed.icons) {
    const response = await page.request.get(new URL(icon.src, base).href);
    assert.equal(response.status(), 200);
    const png = await response.body();
    // PNG's IHDR: width and height at bytes 16 and 20.
    const [w, h] = icon.sizes.split('x').map(Number);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [w, h], `${icon.src} is ${icon.sizes}`);
  }
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  assert.deepEqual(log.errors, []);
  await context.close();
  stop();
});
