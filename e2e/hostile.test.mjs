// Browser tests with hostile input (issue 6): broken and malicious share links, files that
// are not designs, oversized designs, odd names and CIDRs. Each case must show a clear
// message and leave a page that works, with the user's design intact. Plus "nothing leaves
// the browser": a whole session makes no request to another origin and breaks no CSP rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import {
  CLI,
  countRole,
  diagramSvg,
  download,
  dropFile,
  fill,
  open,
  openFile,
  preview,
  shareLink,
  ready,
  savedDesign,
  STORAGE_KEY,
  useBrowser,
  showTemplate,
} from './helpers.mjs';

const env = useBrowser();
const { work, freshContext } = env;

const PRECIOUS = 'my-precious-vpc';
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const defaults = () => JSON.parse(execFileSync(CLI, ['defaults'], { encoding: 'utf8' }));

/** A page with a distinctive edit, the design every hostile case must leave intact. */
async function preciousPage(context) {
  const opened = await open(context, env.base);
  await fill(opened.page, '#f-network-name', PRECIOUS);
  await opened.page.waitForFunction(
    ([key, name]) => localStorage.getItem(key)?.includes(name),
    [STORAGE_KEY, PRECIOUS],
  );
  return opened;
}

/** The design is still the user's, and the page still answers an edit. */
async function assertIntact(page, what) {
  await showTemplate(page, 'network');
  assert.equal(await page.locator('#f-network-name').inputValue(), PRECIOUS, `${what}: the form lost the design`);
  assert.equal(JSON.parse(await savedDesign(page)).network.name, PRECIOUS, `${what}: the saved design changed`);
  await fill(page, '#f-network-cidr', '192.168.0.0/16');
  await page.waitForFunction(() => document.querySelector('#preview-yaml').innerText.includes('CidrBlock: 192.168.0.0/16'));
  await fill(page, '#f-network-cidr', '192.168.0.0/18');
  await page.waitForFunction(() => document.querySelector('#preview-yaml').innerText.includes('CidrBlock: 192.168.0.0/18'));
  assert.equal(await page.locator('#error-summary').count(), 0, `${what}: the design has errors`);
}

/** The alert shows `message`; it is dismissed so the next case starts clean. */
async function assertAlert(page, message, what) {
  const banner = page.locator('#link-banner');
  await banner.waitFor({ timeout: 5_000 });
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.innerText(), message, what);
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await banner.waitFor({ state: 'detached' });
}

/** The hostile share links, as [what, fragment, message]. */
async function hostileLinks(page) {
  // A real link of a design far from the default, so that it is long enough to cut.
  await page.click('#add-service');
  await fill(page, '#f-services-2-image', 'public.ecr.aws/docker/library/httpd:2.4');
  const real = (await shareLink(page)).split('#')[1];
  await page.click('[data-testid="remove-service-2"]');
  const payload = real.slice(3);
  assert.ok(payload.length > 40, real);
  const bomb = deflateRawSync(Buffer.alloc(300_000, ' '));
  assert.ok(bomb.length < 2_000, `the bomb is small: ${bomb.length} bytes`);
  return [
    ['a truncated payload', `v2=${payload.slice(0, Math.floor(payload.length / 2))}`, /damaged|cut short/],
    ['bad base64', 'v2=@@not*base64!!', /damaged: its design part has characters/],
    ['valid base64 of garbage', `v2=${b64url(Buffer.from('this is not deflate data, just bytes \x00\xff'))}`, /damaged or cut short/],
    ['deflated text that is not JSON', `v2=${b64url(deflateRawSync('hello, not json'))}`, /not readable JSON/],
    ['a zip bomb', `v2=${b64url(bomb)}`, /unpacks to more than 256 KiB.*refused/],
    ['a newer format', `v9=${payload}`, /format 'v9'.*newer Stackdraft/],
  ];
}

test('hostile share links show a message and leave the design intact, on an open page and on a new one', async () => {
  const context = await freshContext();
  const { page, log } = await preciousPage(context);
  const cases = await hostileLinks(page);
  for (const [what, fragment, message] of cases) {
    // Pasted into the address bar of the open page.
    await page.evaluate((f) => {
      location.hash = f;
    }, fragment);
    await assertAlert(page, message, what);
    await assertIntact(page, what);

    // Opened in a new tab: the design saved in this browser is shown.
    const { page: opened, log: openedLog } = await open(context, `${env.base}#${fragment}`);
    const banner = opened.locator('#link-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), message, what);
    assert.match(await banner.innerText(), /saved in this browser/, what);
    await assertIntact(opened, `${what} (new tab)`);
    assert.deepEqual(openedLog.errors, [], what);
    await opened.close();
  }
  assert.deepEqual(log.errors, []);
  assert.deepEqual(context.cspViolations, []);
});

test('files that are not designs are refused with a message, and the design stays', async () => {
  const context = await freshContext();
  const { page, log } = await preciousPage(context);
  const dir = join(work, 'hostile-files');
  mkdirSync(dir, { recursive: true });

  // 50 MB (sparse, so the test does not write 50 MB): refused from its size alone.
  const huge = join(dir, 'huge-stackdraft.json');
  closeSync(openSync(huge, 'w'));
  truncateSync(huge, 50 * 1024 * 1024);
  const started = Date.now();
  await openFile(page, huge);
  await page.locator('#link-banner').waitFor();
  const took = Date.now() - started;
  assert.ok(took < 2_000, `the 50 MB file took ${took} ms to refuse`);
  await assertAlert(page, /huge-stackdraft\.json. could not be opened: the file is 52\.4 MB.*at most 1024 KiB.*still seeing your design/, '50 MB');
  await assertIntact(page, '50 MB');

  const deepArrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const deepObjects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const newer = { ...defaults(), version: 9 };
  const cases = [
    ['10,000-deep arrays', 'deep.json', Buffer.from(deepArrays), /not valid JSON: recursion limit exceeded/],
    ['10,000-deep objects', 'deep-objects.json', Buffer.from(deepObjects), /not valid JSON: recursion limit exceeded/],
    ['a PNG', 'picture.png', png, /not text \(UTF-8\)/],
    ['an empty file', 'empty.json', Buffer.alloc(0), /not valid JSON/],
    ['JSON that is not a design', 'list.json', Buffer.from('[1, 2, 3]'), /a design is a JSON object/],
    ['a newer config version', 'newer.json', Buffer.from(JSON.stringify(newer)), /is 9; this build of Stackdraft reads config version 1 only/],
    ['an unknown field', 'extra.json', Buffer.from(JSON.stringify({ ...defaults(), extra: true })), /extra: “extra” is not a field here/],
  ];
  for (const [what, name, buffer, message] of cases) {
    await openFile(page, { name, mimeType: 'application/json', buffer });
    await assertAlert(page, message, what);
    await assertIntact(page, what);
  }
  // Dropped on the page: the same checks.
  await dropFile(page, 'dropped-deep.json', deepArrays);
  await assertAlert(page, /dropped-deep\.json. could not be opened: not valid JSON/, 'dropped');
  await assertIntact(page, 'dropped');
  assert.equal(await page.locator('#previous-notice').count(), 0, 'no design was replaced');
  assert.deepEqual(log.errors, []);
});

test('a design with 1,000 services shows the limit and the page stays responsive', async () => {
  const context = await freshContext();
  const { page, log } = await preciousPage(context);
  const design = defaults();
  const template = design.services[1];
  design.services = [design.services[0]];
  for (let i = 1; i < 1000; i += 1) design.services.push({ ...template, name: `svc-${i}` });
  const json = JSON.stringify(design);
  assert.ok(json.length < 1024 * 1024, `${json.length} bytes`);

  const started = Date.now();
  await openFile(page, { name: 'thousand.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  const error = page.locator('#f-services-err');
  await error.waitFor({ timeout: 5_000 });
  assert.match(await error.innerText(), /has 1000 services; one Express Mode ALB serves at most 25/);
  // The page answers quickly after rendering it.
  const answered = Date.now();
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  const took = Date.now() - started;
  assert.ok(took < 5_000, `opening 1,000 services took ${took} ms`);
  assert.ok(Date.now() - answered < 1_000, 'an evaluate answers at once');
  assert.match(await page.locator('#error-summary').innerText(), /1 problem to fix/);
  assert.ok(await page.locator('#download-zip').isDisabled());
  assert.equal(await page.locator('.service-card').count(), 25, 'cards for the first 25 only');
  assert.match(await page.locator('#too-many-services').innerText(), /1000 services; only the first 25 are shown/);
  const svg = await diagramSvg(page);
  assert.equal(countRole(svg, 'service'), 50);
  assert.match(svg, /950 more services not drawn/);
  // An edit still works at once.
  const edit = Date.now();
  await fill(page, '#f-services-3-name', 'renamed-svc');
  await page.locator('.service-card h3', { hasText: 'renamed-svc' }).waitFor({ timeout: 5_000 });
  assert.ok(Date.now() - edit < 5_000);

  // Keeping the first 25 makes it a valid design; the previous one can come back.
  await page.click('#keep-first-services');
  await page.locator('#error-summary').waitFor({ state: 'detached' });
  assert.equal(JSON.parse(await savedDesign(page)).services.length, 25);
  await page.click('#restore-previous');
  await assertIntact(page, '1,000 services');
  assert.deepEqual(log.errors, []);
});

test('names with YAML-special and Unicode characters, and malformed CIDRs, get field errors', async () => {
  const context = await freshContext();
  const { page, log } = await preciousPage(context);

  // `yes` is a valid stack name; YAML 1.1 would read it as true, so the template quotes it.
  await fill(page, '#f-services-1-name', 'yes');
  await showTemplate(page, 'service');
  await page.waitForFunction(() => document.querySelector('#preview-yaml').innerText.includes("Default: 'yes'"));
  assert.equal(await page.locator('#f-services-1-name-err').count(), 0);
  assert.equal(await page.locator('#error-summary').count(), 0);

  for (const [selector, text, message] of [
    ['#f-services-1-name', 'サービス', /'サービス' is not a valid CloudFormation stack name/],
    ['#f-services-1-name', 'a b', /not a valid CloudFormation stack name/],
    ['#f-network-cidr', '10.0.0.0 /16', /contains spaces/],
    ['#f-network-cidr', ' 10.0.0.0/16', /contains spaces/],
    ['#f-network-cidr', '010.0.0.0/16', /leading zero/],
    ['#f-network-cidr', '2001:db8::/32', /looks like an IPv6 block/],
    ['#f-network-subnets-0', 'fd00::/64', /IPv6/],
    ['#f-network-subnets-1', '192.168.016.0/20', /leading zero/],
  ]) {
    const original = await page.locator(selector).inputValue();
    await fill(page, selector, text);
    const error = page.locator(`${selector}-err`);
    await error.waitFor();
    assert.match(await error.innerText(), message, `${selector} = ${text}`);
    assert.equal(await page.locator(selector).getAttribute('aria-invalid'), 'true');
    assert.ok(await page.locator('#download-zip').isDisabled());
    // The value is kept as typed, and saved, so nothing is lost.
    assert.equal(JSON.parse(await savedDesign(page)).network.name, PRECIOUS);
    await fill(page, selector, original);
    await error.waitFor({ state: 'detached' });
  }
  await fill(page, '#f-services-1-name', 'ecs-express-secondary');
  await assertIntact(page, 'names and CIDRs');
  assert.deepEqual(log.errors, []);
});

test('nothing leaves the browser: a whole session stays on the origin with no CSP violation', async () => {
  const context = await freshContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  const { page, log } = await open(context, env.base);
  const dir = join(work, 'session');
  mkdirSync(dir, { recursive: true });

  // Edits.
  await fill(page, '#f-network-name', 'session-net');
  await page.click('#add-service');
  await page.selectOption('#f-region', 'eu-central-1');
  await fill(page, '#f-services-2-image', '210987654321.dkr.ecr.eu-central-1.amazonaws.com/app:1.0');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 5);
  await page.locator('#tab-3').click();
  await page.locator('#diagram-zoom').click();

  // Every download.
  await download(page, page.locator('#download-zip'), dir);
  const json = await download(page, page.locator('#download-json'), dir);
  await download(page, page.locator('#download-svg'), dir);
  const templates = page.locator('[data-testid="download-template"]');
  for (let i = 0; i < (await templates.count()); i += 1) await download(page, templates.nth(i), dir);

  // Copies, the deploy panel, the share link.
  await page.click('#copy-link');
  await page.locator('#share-status', { hasText: 'Link copied' }).waitFor();
  await page.click('#copy-yaml');
  await page.click('#deploy-sh-show');
  await page.click('#deploy-sh-copy');
  await page.click('#deploy-md-show');
  assert.match(
    await page.locator('#share-warning').innerText(),
    /carries your whole design, including the account ids in image URIs and the certificate ARN/,
  );

  // Open a file (the design saved above, changed) and drop one.
  const other = JSON.parse(readFileSync(json, 'utf8'));
  other.network.name = 'opened-in-session';
  const otherPath = join(dir, 'other.json');
  writeFileSync(otherPath, JSON.stringify(other, null, 2));
  await openFile(page, otherPath);
  await page.waitForFunction(() => document.querySelector('#f-network-name').value === 'opened-in-session');
  await dropFile(page, 'stackdraft.json', readFileSync(json, 'utf8'));
  await page.waitForFunction(() => document.querySelector('#f-network-name').value === 'session-net');

  // A reload, and a share link opened in a new tab. The address bar carries the design a
  // moment after the change, and a reload reads it: wait for it first.
  await page.waitForFunction(() => location.href === document.querySelector('#share-url').value);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#f-network-name').inputValue(), 'session-net');
  const link = await shareLink(page);
  const { page: shared, log: sharedLog } = await open(context, link);
  assert.equal(await shared.locator('#f-network-name').inputValue(), 'session-net');
  await page.waitForTimeout(300);

  for (const [name, l] of [
    ['page', log],
    ['shared', sharedLog],
  ]) {
    assert.ok(l.requests.length >= 3, `${name}: requests: ${l.requests}`);
    for (const url of l.requests) {
      const local = url.startsWith(`${env.origin}/`) || url.startsWith(`blob:${env.origin}/`) || url.startsWith('data:');
      assert.ok(local, `${name}: a request left the origin: ${url}`);
    }
    assert.deepEqual(l.csp, [], `${name}: CSP messages`);
    assert.deepEqual(l.errors, [], `${name}: console errors`);
  }
  assert.deepEqual(context.cspViolations, [], 'securitypolicyviolation events');
  assert.match(await preview(page), /session-net/);

  // The policy is on: the page itself cannot reach another origin.
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/');
      return 'fetched';
    } catch (e) {
      return `blocked: ${e.name}`;
    }
  });
  assert.equal(outcome, 'blocked: TypeError');
  const beacon = await page.evaluate(
    () =>
      new Promise((resolvePromise) => {
        const img = new Image();
        img.onload = () => resolvePromise('loaded');
        img.onerror = () => resolvePromise('blocked');
        img.src = 'https://example.com/pixel.png';
      }),
  );
  assert.equal(beacon, 'blocked');
  await page.waitForTimeout(200);
  const blocked = context.cspViolations.map((v) => `${v.directive} ${v.blocked}`);
  assert.ok(blocked.includes('connect-src https://example.com/'), `violations: ${blocked}`);
  assert.ok(blocked.includes('img-src https://example.com/pixel.png'), `violations: ${blocked}`);
  assert.ok(log.csp.some((m) => m.includes('example.com')), 'the console reports the refusal');
  // Chromium lists the attempt as a request, refused before it reaches the network.
  for (const url of log.requests.filter((u) => !u.startsWith(env.origin) && !u.startsWith(`blob:${env.origin}`))) {
    assert.ok(log.failed.includes(`${url} csp`), `${url} was not blocked by the CSP: ${log.failed}`);
  }
});
