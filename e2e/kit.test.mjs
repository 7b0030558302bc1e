// Browser tests of the architecture diagram, the deploy panel and opening a saved design
// (issue 4). Run by scripts/e2e.sh with the other e2e/*.test.mjs files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLI,
  SHOTS,
  cliRender,
  countRole,
  diagramSvg,
  download,
  dropFile,
  fill,
  open,
  openFile,
  readTree,
  savedDesign,
  useBrowser,
  VIEWPORTS,
} from './helpers.mjs';

const env = useBrowser();
const { work, freshContext } = env;

const defaults = () => JSON.parse(execFileSync(CLI, ['defaults'], { encoding: 'utf8' }));
const pretty = (design) => `${JSON.stringify(design, null, 2)}\n`;

/** The page's design, through the CLI's share link (the same for equal designs). */
const linkOf = (json) => execFileSync(CLI, ['link', '-'], { input: json, encoding: 'utf8' }).trim();

test('the architecture diagram shows the design and follows its edits', async () => {
  const context = await freshContext();
  const { page, log } = await open(context, env.base);
  const img = page.locator('#diagram-img');
  await img.waitFor();
  // The image decoded and has a size: the browser drew it.
  await page.waitForFunction(() => document.querySelector('#diagram-img')?.naturalWidth > 0);
  assert.match(await img.getAttribute('alt'), /ecs-express-vpc in ap-northeast-1 with 3 private subnets/);
  let svg = await diagramSvg(page);
  assert.equal(countRole(svg, 'service'), 2);
  assert.ok(svg.includes('<style>'), 'the SVG carries its own styles');

  await page.click('#add-service');
  await page.waitForFunction(
    () => document.querySelector('#diagram-img')?.getAttribute('src').split('data-role%3D%22service%22').length - 1 === 3,
  );
  svg = await diagramSvg(page);
  assert.equal(countRole(svg, 'service'), 3);
  assert.ok(svg.includes('service-3'), 'the new service is drawn by name');
  await fill(page, '#f-network-name', 'drawn-net');
  await page.waitForFunction(() => decodeURIComponent(document.querySelector('#diagram-img')?.src).includes('drawn-net'));

  // With errors the diagram draws the design as it is, says so, and its download is off.
  await fill(page, '#f-network-cidr', '10.0.1.0/16');
  await page.locator('#diagram-note').waitFor();
  assert.match(await page.locator('#diagram-note').innerText(), /draws what it can/);
  assert.ok((await diagramSvg(page)).includes('10.0.1.0/16'));
  assert.ok(await page.locator('#download-svg').isDisabled());
  await fill(page, '#f-network-cidr', '192.168.0.0/18');
  await page.locator('#diagram-note').waitFor({ state: 'detached' });
  assert.ok(await page.locator('#download-svg').isEnabled());

  // Fit to width, or actual size in a scrolling box.
  const zoom = page.locator('#diagram-zoom');
  assert.equal(await zoom.getAttribute('aria-pressed'), 'false');
  const fitted = await img.evaluate((e) => e.getBoundingClientRect().width);
  await zoom.click();
  assert.equal(await zoom.getAttribute('aria-pressed'), 'true');
  const actual = await img.evaluate((e) => e.getBoundingClientRect().width);
  assert.ok(actual > fitted, `actual size ${actual} should be wider than the fitted ${fitted}`);
  assert.equal(actual, await img.evaluate((e) => e.naturalWidth));

  // The SVG's <style> is inside an image document: no CSP violation on the page.
  assert.deepEqual(context.cspViolations, []);
  assert.deepEqual(log.csp, []);
  assert.deepEqual(log.errors, []);
});

test('architecture.svg, deploy.sh and DEPLOY.md equal what `stackdraft render --kit` writes', async () => {
  const context = await freshContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  const { page } = await open(context, env.base);
  await fill(page, '#f-network-name', 'kit-net');
  await page.click('#add-service');
  await fill(page, '#f-services-2-name', 'orders');
  await page.selectOption('#f-region', 'eu-west-1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 5);

  const dir = join(work, 'kit-downloads');
  mkdirSync(dir, { recursive: true });
  const design = join(dir, 'stackdraft.json');
  writeFileSync(design, await savedDesign(page));
  const kit = cliRender(design, join(work, 'kit-cli'), { kit: true });
  for (const file of ['deploy.sh', 'DEPLOY.md', 'architecture.svg', 'test-app/push-image.sh']) {
    assert.ok(kit[file], `the CLI kit has no ${file}`);
  }

  // The diagram's download and the diagram on the page are the kit's architecture.svg.
  const svgPath = await download(page, page.locator('#download-svg'), dir);
  assert.match(svgPath, /architecture\.svg$/);
  assert.ok(readFileSync(svgPath).equals(kit['architecture.svg']), 'architecture.svg differs from the CLI kit');
  assert.equal(await diagramSvg(page), kit['architecture.svg'].toString('utf8'));

  // The deploy panel shows the kit's deploy.sh and DEPLOY.md, and copies them.
  for (const [id, file] of [
    ['deploy-sh', 'deploy.sh'],
    ['deploy-md', 'DEPLOY.md'],
  ]) {
    const text = page.locator(`#${id}-text`);
    assert.ok(await text.isHidden(), `${file} is folded at first`);
    await page.click(`#${id}-show`);
    await text.waitFor();
    assert.equal(await page.locator(`#${id}-show`).getAttribute('aria-expanded'), 'true');
    assert.equal(await text.textContent(), kit[file].toString('utf8'), `${file} differs from the CLI kit`);
    await page.click(`#${id}-copy`);
    await page.locator(`#sec-deploy [role="status"]`, { hasText: `Copied ${file}` }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), kit[file].toString('utf8'));
  }
  assert.match(await page.locator('#sec-deploy').innerText(), /\.\/deploy\.sh smoke[\s\S]*\.\/deploy\.sh teardown/);

  // The zip carries the same kit, and is byte for byte `stackdraft zip` (also checked
  // in app.test.mjs for templates).
  const zip = await download(page, page.locator('#download-zip'), dir);
  const unzipped = join(work, 'kit-unzipped');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, unzipped]);
  const inZip = readTree(unzipped);
  for (const [file, bytes] of Object.entries(kit)) {
    assert.ok(inZip[file]?.equals(bytes), `${file} in the zip differs from the CLI kit`);
  }
  const cliZip = join(work, 'kit-cli.zip');
  execFileSync(CLI, ['zip', design, '--out', cliZip], { stdio: 'pipe' });
  assert.ok(readFileSync(zip).equals(readFileSync(cliZip)), 'the zip differs from `stackdraft zip`');

  // The zip made the design the baseline: the panel's kit is now made against it, as the
  // next zip would be (`render --kit --base`). With errors the kit shown is the last valid
  // one, marked, and copying is off.
  const against = cliRender(design, join(work, 'kit-cli-base'), { kit: true, base: design });
  assert.match(against['deploy.sh'].toString('utf8'), /expect none/);
  await fill(page, '#f-services-2-port', '0');
  await page.locator('#deploy-blocked').waitFor();
  assert.ok(await page.locator('#deploy-sh-copy').isDisabled());
  assert.match(await page.locator('#deploy-sh-text').getAttribute('class'), /stale/);
  assert.equal(await page.locator('#deploy-sh-text').textContent(), against['deploy.sh'].toString('utf8'));
  await fill(page, '#f-services-2-port', '3000');
  await page.locator('#deploy-blocked').waitFor({ state: 'detached' });
  assert.ok(await page.locator('#deploy-sh-copy').isEnabled());
});

test('opening a saved stackdraft.json restores exactly that design, and the previous one stays at hand', async () => {
  const context = await freshContext();
  const { page, log } = await open(context, env.base);
  await fill(page, '#f-network-name', 'before-open');
  const before = await savedDesign(page);

  const design = defaults();
  design.region = 'us-west-2';
  design.network.name = 'opened-net';
  design.network.cidr = '10.20.0.0/16';
  design.network.subnets = ['10.20.0.0/20', '10.20.16.0/20'];
  design.network.nat = { mode: 'auto' };
  delete design.network.az_ids;
  delete design.domain;
  for (const s of design.services) delete s.cloudfront.host;
  design.services.push({ ...design.services[1], name: 'billing', port: 8443 });
  const json = pretty(design);
  const checked = spawnSync(CLI, ['check', '-'], { input: json, encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stderr);
  assert.match(checked.stderr, /valid/, 'the CLI says so on stderr');
  const path = join(work, 'opened-stackdraft.json');
  writeFileSync(path, json);

  await openFile(page, path);
  await page.waitForFunction(() => document.querySelector('#f-network-name').value === 'opened-net');
  assert.equal(await savedDesign(page), json, 'the page holds exactly the file’s design');
  assert.equal(linkOf(await savedDesign(page)), linkOf(json));
  assert.equal(await page.locator('#f-region').inputValue(), 'us-west-2');
  assert.equal(await page.locator('#f-services-2-port').inputValue(), '8443');
  assert.equal(await page.locator('#error-summary').count(), 0);
  assert.equal(await page.locator('#link-banner').count(), 0);
  assert.match(await page.locator('#open-status').innerText(), /Opened .opened-stackdraft\.json./);
  assert.equal(countRole(await diagramSvg(page), 'service'), 3);
  const notice = page.locator('#previous-notice');
  assert.match(await notice.innerText(), /You opened .opened-stackdraft\.json.*kept/s);
  await page.click('#restore-previous');
  assert.equal(await page.locator('#f-network-name').inputValue(), 'before-open');
  assert.equal(await savedDesign(page), before);

  // Dropping the file on the page opens it too; a byte-order mark is fine.
  await dropFile(page, 'dropped.json', `\uFEFF${json}`);
  await page.waitForFunction(() => document.querySelector('#f-network-name').value === 'opened-net');
  assert.equal(await savedDesign(page), json);
  assert.equal(await page.locator('.drop-overlay').count(), 0, 'the drop outline is gone');
  assert.deepEqual(log.errors, []);
});

test('screenshots of the diagram, deploy and open parts at 1280 and 390 pixels wide', async () => {
  mkdirSync(SHOTS, { recursive: true });
  for (const [name, viewport] of VIEWPORTS) {
    const context = await freshContext(viewport);
    const { page, log } = await open(context, env.base);
    await page.waitForFunction(() => document.querySelector('#diagram-img')?.naturalWidth > 0);
    await page.locator('header.top').screenshot({ path: join(SHOTS, `header-${name}.png`) });
    await page.locator('#sec-diagram').screenshot({ path: join(SHOTS, `diagram-${name}.png`) });
    // On a phone the deploy steps start folded (issue 30 §7): shown as a person would.
    if (await page.locator('#fold-sec-deploy').getAttribute('aria-expanded') === 'false') await page.click('#fold-sec-deploy');
    await page.click('#deploy-sh-show');
    await page.locator('#sec-deploy').scrollIntoViewIfNeeded();
    await page.locator('#sec-deploy').screenshot({ path: join(SHOTS, `deploy-${name}.png`) });
    await page.click('#diagram-zoom');
    await page.locator('#sec-diagram').scrollIntoViewIfNeeded();
    await page.locator('#sec-diagram').screenshot({ path: join(SHOTS, `diagram-actual-${name}.png`) });
    // The wide diagram scrolls inside its box; the page itself never gets wider.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the screen`);
    const box = await page.locator('#diagram').evaluate((e) => ({ client: e.clientWidth, scroll: e.scrollWidth }));
    assert.ok(box.scroll > box.client, `${name}: the actual-size diagram scrolls in its box`);
    assert.deepEqual(log.errors, []);
  }
});
