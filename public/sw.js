// Stackdraft's service worker: after the first visit the page loads and works with no
// network at all. Copied by Trunk as is to the site root (a stable URL: the browser
// compares its bytes to find a new version); the post-build hook (scripts/offline.mjs)
// writes BUILD below: the build's files with their Subresource Integrity hashes, and a
// build id derived from them.
//
// - install: every file of the build is fetched (checked against its hash) into one
//   cache named after the build; if any fetch fails, the cache is dropped and the old
//   version stays.
// - the page serves itself from that cache only: navigations get the build's
//   index.html, its other files come from the same cache, so old JS never meets new wasm.
// - activate (once the page says "reload", or when no page of the old version is open):
//   every other build's cache is deleted.
// - a development build (`trunk serve`, `trunk watch`, the debug profile) has no files:
//   the worker removes itself and its caches, so a developer's browser never keeps a
//   stale page.

// BUILD: written by the post-build hook.
const BUILD = { id: 'unbuilt', files: [] };

const PREFIX = 'stackdraft-';
const CACHE = `${PREFIX}${BUILD.id}`;
const BASE = new URL('./', self.location).pathname;
const FILES = new Map(BUILD.files); // URL path -> integrity

async function precache() {
  const cache = await caches.open(CACHE);
  const results = await Promise.allSettled(
    [...FILES].map(async ([path, integrity]) => {
      const response = await fetch(path, { integrity, cache: 'no-cache' });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      // A navigation must not be answered with a redirected response.
      const stored = response.redirected
        ? new Response(await response.blob(), { status: response.status, headers: response.headers })
        : response;
      await cache.put(path, stored);
    }),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await caches.delete(CACHE);
    throw failed.reason;
  }
}

async function dropOtherCaches(keep) {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== keep).map((n) => caches.delete(n)));
}

self.addEventListener('install', (event) => {
  if (FILES.size === 0) {
    self.skipWaiting();
    return;
  }
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  if (FILES.size === 0) {
    event.waitUntil(
      (async () => {
        await dropOtherCaches(null);
        await self.registration.unregister();
        const pages = await self.clients.matchAll({ type: 'window' });
        await Promise.all(pages.map((page) => page.navigate(page.url).catch(() => {})));
      })(),
    );
    return;
  }
  event.waitUntil(dropOtherCaches(CACHE).then(() => self.clients.claim()));
});

// The page asks for this when the person chooses to reload into the new version.
self.addEventListener('message', (event) => {
  if (event.data === 'stackdraft-activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || FILES.size === 0) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  let path = url.pathname;
  if (request.mode === 'navigate') {
    if (path !== BASE && path !== `${BASE}index.html`) return;
    path = BASE;
  }
  if (!FILES.has(path)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(path))
      .then((hit) => hit ?? fetch(request)),
  );
});
