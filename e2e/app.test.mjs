// Browser tests of the release build, in Debian's headless Chromium driven by
// playwright-core. Run by scripts/e2e.sh (which builds dist/ and the CLI first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLI,
  SHOTS,
  VIEWPORTS,
  cliRender,
  download,
  fill,
  open,
  preview,
  ready,
  savedDesign,
  shareLink,
  showTemplate,
  useBrowser,
} from './helpers.mjs';

const env = useBrowser();
const { work, freshContext } = env;

test('the page loads with no console errors and no request leaves the origin', async () => {
  const context = await freshContext();
  const { page, log } = await open(context, env.base);
  await page.waitForSelector('#preview-yaml');
  // The global stack (the web ACL, in us-east-1) deploys first: its tab comes first.
  assert.match(await preview(page), /Deploy order: 1 of 4, in us-east-1/);
  assert.equal(await page.locator('[data-testid="template-tab"]').count(), 4);
  await showTemplate(page, 'network');
  assert.match(await preview(page), /CidrBlock: 192\.168\.0\.0\/18/);
  assert.equal(await page.locator('#error-summary').count(), 0, 'the default design is valid');
  await page.waitForTimeout(500);
  assert.deepEqual(log.errors, []);
  const origin = env.origin;
  assert.ok(log.requests.length >= 3, `requests: ${log.requests}`);
  for (const url of log.requests) {
    assert.ok(url.startsWith(`${origin}/`), `request left the origin: ${url}`);
  }
  // The address bar carries the design.
  await page.waitForFunction(() => /^#v\d+=/.test(location.hash));
  // Every input has a label.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((e) => !e.labels || e.labels.length === 0)
      .map((e) => e.id || e.outerHTML),
  );
  assert.deepEqual(unlabelled, []);
});

test('editing the VPC CIDR updates the preview and the address plan', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await showTemplate(page, 'network');
  await fill(page, '#f-network-cidr', '192.168.0.0/16');
  await page.waitForFunction(() =>
    document.querySelector('#preview-yaml').innerText.includes('CidrBlock: 192.168.0.0/16'),
  );
  assert.match(await page.locator('#plan-free').innerText(), /53,248 of 65,536/);
  assert.equal(await page.locator('#stale-note').count(), 0);
});

test('an invalid CIDR shows its error at the field and turns downloads off', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await showTemplate(page, 'network');
  await fill(page, '#f-network-cidr', '10.0.1.0/16');
  const error = page.locator('#f-network-cidr-err');
  await error.waitFor();
  assert.match(await error.innerText(), /VPC CIDR block has host bits set.*10\.0\.0\.0\/16/);
  assert.equal(await page.locator('#f-network-cidr').getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('#download-zip').isDisabled());
  assert.ok(await page.locator('[data-testid="download-template"]').first().isDisabled());
  assert.match(await page.locator('#download-blocked').innerText(), /Downloads are off/);
  // The preview keeps the last valid render, marked stale.
  assert.match(await preview(page), /CidrBlock: 192\.168\.0\.0\/18/);
  await page.locator('#stale-note').waitFor();
  // The summary lists it; clicking focuses the field.
  const entry = page.locator('#error-summary button', { hasText: 'VPC CIDR block has host bits' });
  await entry.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-network-cidr');
  // Subnet errors show at their subnet.
  await fill(page, '#f-network-cidr', '10.0.0.0/16');
  assert.match(
    await page.locator('#f-network-subnets-1-err').innerText(),
    /Subnet 2: 192\.168\.16\.0\/20 is not inside the VPC block 10\.0\.0\.0\/16/,
  );
  // Fixing it turns downloads back on.
  await fill(page, '#f-network-cidr', '192.168.0.0/18');
  await page.locator('#error-summary').waitFor({ state: 'detached' });
  assert.ok(await page.locator('#download-zip').isEnabled());
});

test('number fields keep text that is not a number and report it', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  const port = page.locator('#f-services-0-port');
  await port.fill('');
  await page.locator('#f-services-0-port-err').waitFor();
  assert.match(await page.locator('#f-services-0-port-err').innerText(), /container port is empty/);
  await port.fill('80a');
  assert.equal(await port.inputValue(), '80a');
  assert.match(await page.locator('#f-services-0-port-err').innerText(), /'80a' is not a whole number/);
  assert.ok(await page.locator('#download-zip').isDisabled());
  assert.ok(JSON.parse(await savedDesign(page)).services[0].port === 3000, 'the design keeps 3000');
  await port.fill('8080');
  await page.locator('#f-services-0-port-err').waitFor({ state: 'detached' });
  assert.equal(JSON.parse(await savedDesign(page)).services[0].port, 8080);
  assert.ok(await page.locator('#download-zip').isEnabled());
});

test("an error that one service's edit causes shows on the other service's card and goes when fixed", async () => {
  // Each card re-reads its notes only when they change (issue 15): the second card's
  // service does not change here, its notes do.
  const context = await freshContext();
  const { page } = await open(context, env.base);
  const first = page.locator('#f-services-0-name');
  const original = await first.inputValue();
  const second = await page.locator('#f-services-1-name').inputValue();
  assert.notEqual(original, second);
  await first.fill(second);
  const error = page.locator('#f-services-1-name-err');
  await error.waitFor();
  assert.match(await error.innerText(), new RegExp(second));
  assert.equal(await page.locator('#f-services-1-name').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-services-1-name').getAttribute('aria-describedby'), /f-services-1-name-err/);
  await first.fill(original);
  await error.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#f-services-1-name').getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('#error-summary').count(), 0);
});

test('changing the CPU moves the memory to the nearest size it allows', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await page.selectOption('#f-services-0-cpu', '4096');
  assert.equal(await page.locator('#f-services-0-memory').inputValue(), '8192');
  const options = await page.locator('#f-services-0-memory option').evaluateAll((o) => o.map((x) => x.value));
  assert.equal(options[0], '8192');
  assert.equal(options.at(-1), '30720');
  await page.selectOption('#f-services-0-cpu', '256');
  assert.equal(await page.locator('#f-services-0-memory').inputValue(), '2048');
  assert.equal(await page.locator('#error-summary').count(), 0);
});

test('adding, duplicating and removing services changes the template tabs', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  const tabs = page.locator('[data-testid="template-tab"]');
  // The global stack, the network, then the services.
  assert.equal(await tabs.count(), 4);
  await page.click('#add-service');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 5);
  assert.match(await tabs.nth(4).innerText(), /service-3/);
  await page.click('[data-testid="duplicate-service-1"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 6);
  assert.match(await tabs.nth(4).innerText(), /ecs-express-secondary-copy/);
  await page.click('[data-testid="remove-service-1"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 5);
  const names = JSON.parse(await savedDesign(page)).services.map((s) => s.name);
  assert.deepEqual(names, ['ecs-express-initial', 'ecs-express-secondary-copy', 'service-3']);
  // Tabs work from the keyboard.
  await tabs.nth(0).click();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-1');
  assert.match(await preview(page), /Deploy order: 2 of 5/);
});

test('auto-split carves equal subnets out of the VPC', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await fill(page, '#split-count', '4');
  await fill(page, '#split-prefix', '20');
  await page.click('#split-apply');
  await page.locator('#f-network-subnets-3').waitFor();
  assert.equal(await page.locator('#f-network-subnets-3').inputValue(), '192.168.48.0/20');
  assert.match(await page.locator('#plan-free').innerText(), /^0 of 16,384/);
  await fill(page, '#split-prefix', '19');
  await page.click('#split-apply');
  assert.match(await page.locator('#split-status').innerText(), /choose \/20/);
});

test('every download equals the CLI output, and the zip holds every template and the design', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  // A design that differs from the default in several places.
  await fill(page, '#f-network-name', 'shop-net');
  await page.click('#add-service');
  await fill(page, '#f-services-2-name', 'orders');
  await fill(page, '#f-services-2-port', '8080');
  await page.selectOption('#f-region', 'eu-west-1');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 5);
  assert.equal(await page.locator('#error-summary').count(), 0);

  const dir = join(work, 'downloads');
  mkdirSync(dir, { recursive: true });
  const zip = await download(page, page.locator('#download-zip'), dir);
  assert.match(zip, /shop-net-stackdraft\.zip$/);
  const unzipped = join(work, 'unzipped');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, unzipped]);
  const inZip = readdirSync(unzipped);

  // The zip's design is the page's design.
  const config = readFileSync(join(unzipped, 'stackdraft.json'), 'utf8');
  assert.equal(config, await savedDesign(page));
  assert.equal(JSON.parse(config).region, 'eu-west-1');

  // The zip is byte for byte the CLI's bundle of that design.
  const cliZip = join(work, 'cli.zip');
  execFileSync(CLI, ['zip', join(unzipped, 'stackdraft.json'), '--out', cliZip], { stdio: 'pipe' });
  assert.ok(readFileSync(zip).equals(readFileSync(cliZip)), 'the zip differs from `stackdraft zip`');

  // It holds every template the CLI renders, with the same bytes.
  const rendered = cliRender(join(unzipped, 'stackdraft.json'), join(work, 'cli-out'));
  assert.deepEqual(
    Object.keys(rendered).sort(),
    [
      'ecs-express-initial.yaml',
      'ecs-express-secondary.yaml',
      'orders.yaml',
      'shop-net-eu-west-1-global.yaml',
      'shop-net.yaml',
    ],
  );
  for (const [name, bytes] of Object.entries(rendered)) {
    assert.ok(inZip.includes(name), `${name} is missing from the zip`);
    assert.ok(bytes.equals(readFileSync(join(unzipped, name))), `${name} in the zip differs from the CLI's`);
  }

  // Each template on its own.
  const buttons = page.locator('[data-testid="download-template"]');
  assert.equal(await buttons.count(), 5);
  for (let i = 0; i < 5; i += 1) {
    const path = await download(page, buttons.nth(i), dir);
    const name = path.split('/').at(-1);
    assert.ok(rendered[name], `unexpected file ${name}`);
    assert.ok(readFileSync(path).equals(rendered[name]), `${name} differs from the CLI's`);
  }

  // The design on its own, even with errors.
  await fill(page, '#f-network-cidr', 'nonsense');
  const json = await download(page, page.locator('#download-json'), join(work, 'json'));
  assert.equal(JSON.parse(readFileSync(json, 'utf8')).network.cidr, 'nonsense');
});

test('a share link restores the exact design in a fresh browser', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await fill(page, '#f-network-name', 'shared-net');
  assert.equal(await page.locator('#f-domain').isChecked(), false, 'the default has no custom domain');
  await page.selectOption('#f-services-0-cloudfront-cache', 'short');
  await page.click('#add-service');
  await page.selectOption('#f-services-1-log_retention_days', '365');
  await fill(page, '#f-services-1-image', 'public.ecr.aws/nginx/nginx:1.27');
  const link = await shareLink(page);
  assert.ok(link.startsWith(`${env.base}#v`), link);
  const design = await savedDesign(page);
  // The address bar holds the same link.
  await page.waitForFunction((l) => location.href === l, link);
  // The CLI reads the same design from the link.
  assert.equal(execFileSync(CLI, ['open', link], { encoding: 'utf8' }), design);

  const other = await freshContext();
  const { page: opened, log } = await open(other, link);
  assert.equal(await savedDesign(opened), design);
  assert.equal(await opened.locator('#f-network-name').inputValue(), 'shared-net');
  assert.equal(await opened.locator('#f-domain').isChecked(), false);
  assert.equal(await opened.locator('#f-services-1-log_retention_days').inputValue(), '365');
  assert.equal(await opened.locator('#f-services-0-cloudfront-cache').inputValue(), 'short');
  assert.equal(await opened.locator('#link-banner').count(), 0);
  assert.equal(await opened.locator('#previous-notice').count(), 0, 'nothing was saved before');
  assert.deepEqual(log.errors, []);
  assert.match(await opened.locator('#share-warning').innerText(), /account ids in image URIs and the certificate ARN/);
});

test('opening a link over a saved design offers the saved one back', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await fill(page, '#f-network-name', 'mine');
  const mine = await savedDesign(page);
  const link = `${env.base}#${execFileSync(CLI, ['link', '-'], { input: mine.replace('"mine"', '"theirs"') , encoding: 'utf8' }).trim().split('#').at(-1)}`;
  const { page: second } = await open(context, link);
  assert.equal(await second.locator('#f-network-name').inputValue(), 'theirs');
  await second.click('#restore-previous');
  assert.equal(await second.locator('#f-network-name').inputValue(), 'mine');
  assert.equal(await savedDesign(second), mine);
  await second.waitForFunction(() => location.href === document.querySelector('#share-url').value);

  // A link pasted into the address bar of the open page loads too.
  await second.evaluate((hash) => {
    location.hash = hash;
  }, link.split('#').at(-1));
  await second.waitForFunction(() => document.querySelector('#f-network-name').value === 'theirs');
  await second.evaluate(() => {
    location.hash = 'v9=zz';
  });
  await second.locator('#link-banner', { hasText: "format 'v9'" }).waitFor();
  assert.equal(await second.locator('#f-network-name').inputValue(), 'theirs');
});

test('a broken, cut or foreign link shows a banner and the page stays usable', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  // A design far from the default, so its link is long enough to cut.
  await page.click('#add-service');
  await page.click('#add-service');
  await fill(page, '#f-services-2-image', 'public.ecr.aws/docker/library/httpd:2.4');
  await fill(page, '#f-services-3-health_check_path', '/status/ready');
  const link = await shareLink(page);
  const [head, payload] = link.split('=');
  assert.ok(payload.length > 40, link);
  const cut = `${head}=${payload.slice(0, Math.floor(payload.length / 2))}`;
  await fill(page, '#f-network-name', 'saved-net');

  const cases = [
    [`${env.base}#v1=AAAA!!!`, /damaged/],
    [cut, /damaged|cut short/],
    [`${env.base}#v7=abc`, /format 'v7'/],
    [`${env.base}#section-2`, /holds no Stackdraft design/],
  ];
  for (const [url, message] of cases) {
    const { page: broken, log } = await open(context, url);
    const banner = broken.locator('#link-banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('role'), 'alert');
    assert.match(await banner.innerText(), message);
    assert.match(await banner.innerText(), /saved in this browser/);
    // The saved design is shown and the page works.
    assert.equal(await broken.locator('#f-network-name').inputValue(), 'saved-net');
    await showTemplate(broken, 'network');
    await fill(broken, '#f-network-cidr', '192.168.0.0/16');
    await broken.waitForFunction(() =>
      document.querySelector('#preview-yaml').innerText.includes('CidrBlock: 192.168.0.0/16'),
    );
    await fill(broken, '#f-network-cidr', '192.168.0.0/18');
    assert.deepEqual(log.errors, []);
    await broken.close();
  }

  // With nothing saved, the default design.
  const empty = await freshContext();
  const { page: fresh } = await open(empty, `${env.base}#v1=%%%`);
  await fresh.locator('#link-banner').waitFor();
  assert.match(await fresh.locator('#link-banner').innerText(), /the default design/);
  assert.equal(await fresh.locator('#f-network-name').inputValue(), 'ecs-express-vpc');
});

test('a reload restores the design from localStorage, invalid or not', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await fill(page, '#f-network-name', 'reloaded-net');
  await fill(page, '#f-services-1-health_check_path', 'no-slash');
  await page.locator('#f-services-1-health_check_path-err').waitFor();
  await page.goto(env.base); // no design in the URL: localStorage decides
  await ready(page);
  assert.equal(await page.locator('#f-network-name').inputValue(), 'reloaded-net');
  // An edit the page never gets to paint (no more frames), then leaving the page: it saves
  // the edit as it is left (otherwise it saves right after the frame that shows an edit).
  await page.evaluate(() => {
    window.requestAnimationFrame = () => 0;
    const input = document.querySelector('#f-network-name');
    input.value = 'left-at-once';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    location.reload();
  });
  await page.waitForLoadState();
  await ready(page);
  assert.equal(await page.locator('#f-network-name').inputValue(), 'left-at-once');
  assert.equal(await page.locator('#f-services-1-health_check_path').inputValue(), 'no-slash');
  await page.locator('#f-services-1-health_check_path-err').waitFor();
  assert.equal(await page.locator('#link-banner').count(), 0);
});

test('reset restores the default design at once, says so, and its Undo brings the design back', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  await fill(page, '#f-network-name', 'to-be-reset');
  await page.click('#reset');
  assert.equal(await page.locator('#f-network-name').inputValue(), 'ecs-express-vpc');
  assert.equal(JSON.parse(await savedDesign(page)).network.name, 'ecs-express-vpc');
  await page.locator('.notice-box', { hasText: 'Reset to the default design' }).waitFor();
  await page.click('#notice-undo');
  assert.equal(await page.locator('#f-network-name').inputValue(), 'to-be-reset');
  assert.equal(dialogs, 0, 'no window.confirm');
});

test('a panic shows the error panel with the design instead of a dead page', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await fill(page, '#f-network-name', 'before-crash');
  await page.evaluate(() => {
    try {
      window.wasmBindings.stackdraft_test_panic();
    } catch {
      // The module traps after the hook ran.
    }
  });
  const panel = page.locator('#panic-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('role'), 'alert');
  const json = await page.locator('#panic-json').inputValue();
  assert.equal(JSON.parse(json).network.name, 'before-crash');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  await page.click('#panic-copy');
  await page.locator('#panic-status', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), json);
});

test('copy buttons put the link and the template on the clipboard', async () => {
  const context = await freshContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  const { page } = await open(context, env.base);
  await page.click('#copy-link');
  await page.locator('#share-status', { hasText: 'Link copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await shareLink(page));
  await page.click('#copy-yaml');
  const template = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(template, await page.locator('#preview-yaml code').textContent());
  // The preview's lines are blocks: its rendered text (what a selection copies) has one
  // newline a line, as the template has, not one more at each block.
  assert.equal(await page.locator('#preview-yaml code').innerText(), template.replace(/\n$/, ''));
});

test('screenshots of the default page at 1280 and 390 pixels wide', async () => {
  mkdirSync(SHOTS, { recursive: true });
  for (const [name, viewport] of VIEWPORTS) {
    const context = await freshContext(viewport);
    const { page, log } = await open(context, env.base);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the screen`);
    assert.deepEqual(log.errors, []);
  }
});
