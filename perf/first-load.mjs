// Which files of a build the first load fetches: index.html, every local file its tags
// name (href and src, except the web app manifest's link, which the browser reads only to
// offer an install), the wasm its early fetch names, and what the loaded CSS names with
// url(). Everything else in dist/ (the service worker and its later precache, the manifest
// and its icons) is fetched later, if at all. Used by scripts/size-budget.sh and
// perf/bench.mjs, so both count the same files.
//   node perf/first-load.mjs DIST   prints "first PATH" and "later PATH" lines, sorted
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A reference in the page, as a path under dist/, or null for another origin or data:. */
function local(ref) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) return null;
  const path = ref.split(/[?#]/)[0].replace(/^\.?\//, '');
  return path === '' ? null : decodeURIComponent(path);
}

function allFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** { first: [path], later: [path] }, paths relative to `dist`. Throws on a missing file. */
export function firstLoad(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = new Set(['index.html']);
  for (const [tag] of html.matchAll(/<(?:link|script|img|source)\b[^>]*>/g)) {
    if (/\brel="manifest"/.test(tag)) continue;
    for (const [, ref] of tag.matchAll(/\b(?:href|src)="([^"]+)"/g)) refs.add(local(ref));
  }
  for (const [, ref] of html.matchAll(/\bfetch\('([^']+)'/g)) refs.add(local(ref));
  for (const css of [...refs].filter((r) => r?.endsWith('.css'))) {
    const text = existsSync(join(dist, css)) ? readFileSync(join(dist, css), 'utf8') : '';
    for (const [, ref] of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) refs.add(local(ref));
  }
  refs.delete(null);
  const missing = [...refs].filter((r) => !existsSync(join(dist, r)));
  if (missing.length > 0) throw new Error(`index.html names files that ${dist} lacks: ${missing.join(', ')}`);
  const files = allFiles(dist);
  return { first: files.filter((f) => refs.has(f)), later: files.filter((f) => !refs.has(f)) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = process.argv[2] ?? 'dist';
  const { first, later } = firstLoad(dist);
  for (const f of first) console.log(`first ${f}`);
  for (const f of later) console.log(`later ${f}`);
}
