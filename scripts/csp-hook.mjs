// Trunk post-build hook (also runnable as `node scripts/csp-hook.mjs DIST`): makes the
// page enforce "nothing leaves the browser".
// - The wasm is fetched with Subresource Integrity, like the JS glue (Trunk's preload
//   links carry the hashes; the loader's own fetch did not check them).
// - A Content-Security-Policy meta tag is added, with the sha256 of the inline loader.
// - The JS glue is minified.
// - The stylesheet and the panic panel's script are inlined, allowed by their hashes.
// - The offline page (scripts/offline.mjs): the service worker's registration, imported
//   once the page has loaded (release builds only, not under `trunk serve`), and
//   dist/sw.js's list of the build's files.
// Deterministic: the same build gives the same index.html and sw.js.
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { developmentBuild, writeRegistration, writeWorker } from './offline.mjs';

const dist = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dist) {
  console.error('usage: node scripts/csp-hook.mjs DIST (or run as a Trunk hook)');
  process.exit(2);
}
const file = join(dist, 'index.html');
let html = readFileSync(file, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.log('csp-hook: already applied');
  process.exit(0);
}

const fail = (message) => {
  console.error(`csp-hook: ${message}`);
  process.exit(1);
};

// The wasm-bindgen glue, minified: about 4 KB less gzip on every first load. (Trunk's
// `minify` stays off: its HTML minifier drops the attribute quotes this hook reads.) Its
// Subresource Integrity hash is updated to match.
const gluePreload = html.match(/<link rel="modulepreload" href="\/([^"]+\.js)"[^>]*integrity="([^"]+)"/);
if (!gluePreload) fail('no modulepreload link with integrity for the JS glue in index.html');
const [, gluePath, glueIntegrity] = gluePreload;
const glueFile = join(dist, gluePath);
const minified = await minify(readFileSync(glueFile, 'utf8'), { module: true, compress: true, mangle: true });
if (!minified.code) fail(`terser returned nothing for ${gluePath}`);
writeFileSync(glueFile, minified.code);
const newGlueIntegrity = `sha384-${createHash('sha384').update(minified.code, 'utf8').digest('base64')}`;
html = html.split(glueIntegrity).join(newGlueIntegrity);

// The first paint needs index.html alone: the stylesheet and the panic panel's script are
// inlined (the policy below allows each by its hash), so no request holds up the static
// shell (issue 15 §1). Their files are removed from dist/: nothing else names them.
const inlineFile = (pattern, tag, what) => {
  const found = html.match(pattern);
  if (!found) fail(`no ${what} in index.html to inline`);
  const path = join(dist, found[1]);
  const body = readFileSync(path, 'utf8').trim();
  if (body.includes(`</${tag}`)) fail(`${what} contains </${tag}> and cannot be inlined`);
  html = html.replace(found[0], () => `<${tag}>${body}</${tag}>`);
  unlinkSync(path);
  return body;
};
const css = inlineFile(/<link rel="stylesheet" href="\/([^"]+\.css)"[^>]*\/?>/, 'style', 'stylesheet link');
inlineFile(/<script src="\/(panic-[^"]+\.js)"[^>]*><\/script>/, 'script', 'panic script');
const styleHash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

const preload = html.match(/<link rel="preload" href="([^"]+\.wasm)"[^>]*integrity="([^"]+)"/);
if (!preload) fail('no wasm preload link with integrity in index.html (is SRI on in Trunk.toml?)');
const [, wasmPath, wasmIntegrity] = preload;
// Chromium ignores (and warns about) integrity on `as="fetch"` preloads, and a preload
// without it would not be reused by the checked fetch: the loader's fetch replaces it.
html = html.replace(/<link rel="preload" href="[^"]+\.wasm"[^>]*>/, '');
const loaderCall = `module_or_path: '${wasmPath}'`;
if (!html.includes(loaderCall)) fail(`the loader does not call init with ${loaderCall}`);
html = html.replace(loaderCall, 'module_or_path: window.stackdraftWasm');
// The fetch starts while the HTML is parsed, not once the module loader runs after it:
// download overlaps parsing, and the checked fetch is the only one.
const earlyFetch = `<script>window.stackdraftWasm = fetch('${wasmPath}', { integrity: '${wasmIntegrity}' });</script>`;
if (!html.includes('<meta charset="utf-8" />')) fail('no <meta charset="utf-8" /> to put the wasm fetch after');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${earlyFetch}`);

// The service worker is registered once the page has loaded (public/sw-register.js), in
// release builds only: under `trunk serve` it would keep serving a stale page.
const dev = developmentBuild();
const publicUrl = (process.env.TRUNK_PUBLIC_URL || '/').replace(/\/?$/, '/');
if (!dev) {
  if (!html.includes('</body>')) fail('no </body> to put the service worker registration before');
  html = html.replace('</body>', `  <script>${await writeRegistration(dist, publicUrl)}</script>\n  </body>`);
}

const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inlineScripts.length === 0) fail('no inline loader script found');
const scriptHashes = inlineScripts
  .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
  .join(' ');

// connect-src 'self': the page fetches its own wasm; nothing else, and no other origin.
// frame-ancestors cannot be set from a meta tag: a host serving the page should send
// `Content-Security-Policy: frame-ancestors 'none'` as a header.
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes}`,
  `style-src 'self' ${styleHash}`,
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // The offline page's service worker (public/sw.js), from the page's origin.
  "worker-src 'self'",
  "manifest-src 'self'",
].join('; ');

const cspMeta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
html = html.includes('<meta charset="utf-8" />')
  ? html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${cspMeta}`)
  : html.replace('<head>', `<head>\n    ${cspMeta}`);
writeFileSync(file, html);
// Last: the worker's list holds index.html's and the glue's final bytes.
const build = writeWorker(dist, { dev, publicUrl });
console.log(
  `csp-hook: CSP with ${inlineScripts.length} inline script hash(es); wasm fetched with SRI; ` +
    (dev ? 'development build: no service worker' : `service worker caches ${build.files.length} files (build ${build.id})`),
);
