// Issue 29: the Update impact section. A baseline (the design as deployed), a new VPC block
// that replaces the network and is refused while the services import its subnets (the
// count in the action bar, the blocker at the VPC field), undo back to no changes; a
// download makes the design the baseline, and the baseline survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, download, open, ready, useBrowser } from './helpers.mjs';

const env = useBrowser();

async function setField(page, id, value) {
  const field = page.locator(`#${id}`);
  await field.fill(value);
  await field.press('Tab');
}

test('a new VPC block against the baseline: replacements, the blocker at the field, undo', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  await page.locator('#update-baseline', { hasText: 'No baseline yet' }).waitFor();
  assert.equal(await page.locator('#bar-update').count(), 0);

  await page.click('#baseline-current');
  await page.locator('#update-status', { hasText: 'This design is the baseline now.' }).waitFor();
  await page.locator('#update-summary', { hasText: 'No changes' }).waitFor();

  await setField(page, 'f-network-cidr', '10.0.0.0/18');
  // The subnets outside the new block are errors: no prediction until they are fixed.
  await page.locator('#update-impact', { hasText: "Fix the design's errors" }).waitFor();
  await setField(page, 'f-network-subnets-0', '10.0.0.0/20');
  await setField(page, 'f-network-subnets-1', '10.0.16.0/20');
  await setField(page, 'f-network-subnets-2', '10.0.32.0/20');

  // CidrBlock is create-only for the VPC and its subnets: the VPC, the three subnets,
  // their route table associations, the route table, its two routes, both gateway
  // endpoints, the NAT gateway, the IPv6 block, the egress-only gateway and the internet
  // gateway's attachment are created anew (16); the subnets' export is in use.
  const bar = page.locator('#bar-update');
  await bar.waitFor();
  assert.equal(await bar.innerText(), '16 replacements · 1 blocker');
  assert.match(await page.locator('#update-summary').innerText(), /^16 replacements · 1 blocker$/);
  const blockers = await page.locator('#update-lines li.blocker').allInnerTexts();
  assert.equal(blockers.length, 1);
  assert.match(blockers[0], /ecs-express-vpc-PrivateSubnets changes while ecs-express-initial, ecs-express-secondary import it/);
  const atField = page.locator('#f-network-cidr-warn');
  await atField.waitFor();
  assert.match(await atField.innerText(), /ecs-express-vpc-PrivateSubnets/);
  const vpc = page.locator('#update-lines li[data-change="replace"]', { hasText: /^VPC replace: / });
  assert.match(await vpc.innerText(), /CidrBlock cannot change in place/);

  // The bar's count leads to the section.
  await bar.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'h-update');

  for (let i = 0; i < 4; i += 1) await page.click('#undo');
  assert.equal(await page.locator('#f-network-cidr').inputValue(), '192.168.0.0/18');
  await page.locator('#update-summary', { hasText: 'No changes' }).waitFor();
  await page.locator('#bar-update').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#f-network-cidr-warn').count(), 0);
  assert.deepEqual(log.errors, []);
});

test('a download makes the design the baseline, kept across a reload', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page } = await open(context, env.base);
  await download(page, page.locator('#download-zip'), join(env.work, 'update-download'));
  await page.locator('#update-baseline', { hasText: 'Baseline: the design downloaded' }).waitFor();
  await page.locator('#update-summary', { hasText: 'No changes' }).waitFor();
  await page.locator('#f-services-1-cpu').selectOption('2048');
  await page.locator('#update-lines', { hasText: 'ecs-express-secondary: update, 1 changed in place' }).waitFor();
  assert.equal(await page.locator('#bar-update').count(), 0, 'a change in place is neither a replacement nor a blocker');
  await page.reload();
  await ready(page);
  await page.locator('#update-baseline', { hasText: 'Baseline: the design downloaded' }).waitFor();
  await page.locator('#update-lines', { hasText: 'ecs-express-secondary: update, 1 changed in place' }).waitFor();

  // The next zip is made against that baseline: it holds it and the prediction, and is byte
  // for byte `stackdraft zip NEW --base BASE` of the two designs it holds.
  const zip = await download(page, page.locator('#download-zip'), join(env.work, 'update-download-2'));
  const unzipped = join(env.work, 'update-unzipped');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, unzipped]);
  const baseline = JSON.parse(readFileSync(join(unzipped, 'baseline.json'), 'utf8'));
  const design = JSON.parse(readFileSync(join(unzipped, 'stackdraft.json'), 'utf8'));
  assert.equal(baseline.services[1].cpu, 1024);
  assert.equal(design.services[1].cpu, 2048);
  assert.match(readFileSync(join(unzipped, 'UPDATE.md'), 'utf8'), /modify +ExpressModeService \(AWS::ECS::ExpressGatewayService\): Cpu/);
  assert.match(readFileSync(join(unzipped, 'deploy.sh'), 'utf8'), /expect update 'ExpressModeService modify'/);
  const cliZip = join(env.work, 'update-cli.zip');
  execFileSync(CLI, ['zip', join(unzipped, 'stackdraft.json'), '--base', join(unzipped, 'baseline.json'), '--out', cliZip], { stdio: 'pipe' });
  assert.ok(readFileSync(zip).equals(readFileSync(cliZip)), 'the zip differs from `stackdraft zip --base`');
});
