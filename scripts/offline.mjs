// The offline page's part of the post-build hook (called by scripts/csp-hook.mjs):
// - writeRegistration(): public/sw-register.js, minified, into dist/, and the inline
//   script that imports it once the page has loaded;
// - writeWorker(): writes into dist/sw.js (public/sw.js, copied by Trunk) the build's
//   files with their Subresource Integrity hashes and a build id derived from them;
// - developmentBuild(): whether this build is for development (the debug profile, or made
//   by `trunk serve` / `trunk watch`): it gets no registration, and a worker with no files
//   that removes itself, so a developer's browser never keeps a stale page.
// Deterministic: the same dist/ gives the same sw.js.
//
// Also runnable on a built dist/ (the browser tests make a second build this way):
//   node scripts/offline.mjs DIST           rewrite dist/sw.js's file list
//   node scripts/offline.mjs --dev DIST     write the development worker instead
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';

export const WORKER = 'sw.js';
const REGISTRATION = resolve(import.meta.dirname, '../public/sw-register.js');
const BUILD_LINE = /^const BUILD = .*;$/m;
const TRUNK_COMMANDS = new Set(['build', 'watch', 'serve', 'clean', 'config', 'tools']);

/** The command line of this process's parent ([] when it cannot be read). */
function parentArgs() {
  try {
    return readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    /* not Linux: ask ps */
  }
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(process.ppid)], { encoding: 'utf8' }).trim().split(/\s+/);
  } catch {
    return [];
  }
}

/**
 * A development build: Trunk's debug profile, or a hook whose parent is `trunk serve` or
 * `trunk watch` (Trunk tells its hooks the profile but not the command). `trunk build
 * --release` and a run by hand (`node scripts/csp-hook.mjs DIST`) are release builds.
 */
export function developmentBuild(env = process.env, args = parentArgs()) {
  if (env.TRUNK_PROFILE === 'debug') return true;
  if (args.length === 0 || !/^trunk(\.exe)?$/.test(basename(args[0]))) return false;
  const command = args.slice(1).find((a) => TRUNK_COMMANDS.has(a));
  return command === 'serve' || command === 'watch';
}

/**
 * Writes public/sw-register.js, minified, to dist/ and returns the inline script that
 * imports it once the page has loaded (the first load does not wait for it).
 */
export async function writeRegistration(dist, publicUrl = '/') {
  const { code } = await minify(readFileSync(REGISTRATION, 'utf8'), { module: true, compress: true, mangle: true });
  if (!code) throw new Error(`terser returned nothing for ${REGISTRATION}`);
  writeFileSync(join(dist, basename(REGISTRATION)), code);
  return `addEventListener('load',()=>import('${publicUrl}${basename(REGISTRATION)}').catch(console.warn))`;
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
function files(dir) {
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

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * The build's files as the worker caches them: [URL path, integrity], index.html as the
 * site root; and the build id, the first 16 hex digits of the sha256 of that list. Every
 * file but the worker itself (the browser keeps that one).
 */
export function buildList(dist, publicUrl = '/') {
  const list = files(dist)
    .filter((f) => f !== WORKER)
    .map((f) => [f === 'index.html' ? publicUrl : `${publicUrl}${f}`, integrity(readFileSync(join(dist, f)))]);
  const id = createHash('sha256')
    .update(list.map(([path, hash]) => `${path} ${hash}\n`).join(''))
    .digest('hex')
    .slice(0, 16);
  return { id, files: list };
}

/** Writes the build's file list (none for a development build) into dist/sw.js. */
export function writeWorker(dist, { dev = false, publicUrl = '/' } = {}) {
  const file = join(dist, WORKER);
  const source = readFileSync(file, 'utf8');
  if (!BUILD_LINE.test(source)) throw new Error(`${file} has no "const BUILD = …;" line to write`);
  const build = dev ? { id: 'development', files: [] } : buildList(dist, publicUrl);
  writeFileSync(file, source.replace(BUILD_LINE, `const BUILD = ${JSON.stringify(build)};`));
  return build;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const dev = args[0] === '--dev';
  const dist = args[dev ? 1 : 0];
  if (!dist) {
    console.error('usage: node scripts/offline.mjs [--dev] DIST');
    process.exit(2);
  }
  const build = writeWorker(dist, { dev });
  console.log(`offline: ${WORKER} lists ${build.files.length} files, build ${build.id}`);
}
