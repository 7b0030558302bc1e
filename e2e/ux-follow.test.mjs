// Issue 14: say what changed (memory following CPU, re-split subnets), values that follow
// (a host that is the service's name, an image in the region's registry), and errors at
// the toggle or design-wide choice that caused them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CLI, fill, open, openFile, savedDesign, useBrowser } from './helpers.mjs';

const env = useBrowser();
const freshContext = () => env.freshContext({ width: 1280, height: 800 });
const defaults = () => JSON.parse(execFileSync(CLI, ['defaults'], { encoding: 'utf8' }));
const linkTo = (design) =>
  `${env.base}#${execFileSync(CLI, ['link', '-'], { input: JSON.stringify(design), encoding: 'utf8' }).trim().split('#').at(-1)}`;
/** The default design with a custom domain (a hosted zone, no certificate) and hosts. */
function withDomain() {
  const design = defaults();
  design.domain = { zone: 'example.com', hosted_zone_id: 'Z0123456789ABCDEFGHIJ' };
  design.services[0].cloudfront.host = design.services[0].name;
  design.services[1].cloudfront = { ...design.services[1].cloudfront, enabled: true, host: 'www' };
  return design;
}
const notices = (page) => page.locator('#notices');

test('raising the CPU says the memory followed, and undo takes both back', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  assert.equal(await notices(page).getAttribute('aria-live'), 'polite');
  await page.selectOption('#f-services-0-cpu', '4096');
  await notices(page).locator('li', { hasText: 'from 2 GB to 8 GB' }).waitFor();
  assert.equal(await page.locator('#f-services-0-memory').inputValue(), '8192');
  await page.click('#notice-undo');
  assert.equal(await page.locator('#f-services-0-cpu').inputValue(), '1024');
  assert.equal(await page.locator('#f-services-0-memory').inputValue(), '2048');
});

test('a host equal to the name follows a rename; a host written differently stays', async () => {
  const context = await freshContext();
  const { page, log } = await open(context, linkTo(withDomain()));
  assert.equal(await page.locator('#error-summary').count(), 0, 'the design is valid');
  await fill(page, '#f-services-0-name', 'shop');
  assert.equal(await page.locator('#f-services-0-cloudfront-host').inputValue(), 'shop');
  await notices(page).locator('li', { hasText: 'follows the service' }).waitFor();
  await fill(page, '#f-services-1-name', 'api');
  assert.equal(await page.locator('#f-services-1-cloudfront-host').inputValue(), 'www');
  assert.equal(JSON.parse(await savedDesign(page)).services[0].cloudfront.host, 'shop');
  assert.deepEqual(log.errors, []);
});

test('changing the region moves an image in the old region registry to the new one', async () => {
  const context = await freshContext();
  const design = defaults();
  design.services[0].image = '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0';
  const { page } = await open(context, linkTo(design));
  const own = await page.locator('#f-services-1-image').inputValue();
  await page.selectOption('#f-region', 'eu-west-1');
  assert.equal(await page.locator('#f-services-0-image').inputValue(), '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.0');
  assert.equal(await page.locator('#f-services-1-image').inputValue(), own);
  await notices(page).locator('li', { hasText: 'ECR registry in eu-west-1' }).waitFor();
  // The deploy kit reads the same design: its push script creates no repository in the old region.
  const saved = JSON.parse(await savedDesign(page));
  assert.ok(!JSON.stringify(saved.services).includes('ap-northeast-1'));
});

test('a new VPC block shows its error at the block and offers to re-split the subnets', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await fill(page, '#f-network-cidr', '10.1.0.0/16');
  await page.locator('#f-network-cidr-err').waitFor();
  assert.match(await page.locator('#f-network-cidr-err').innerText(), /Subnet 1.*not inside/);
  const offer = page.locator('[data-testid="notice-offer"]');
  await offer.waitFor();
  await offer.click();
  await notices(page).locator('li', { hasText: 'Re-split the subnets' }).waitFor();
  assert.equal(await page.locator('#error-summary').count(), 0);
  assert.ok((await page.locator('#f-network-subnets-0').inputValue()).startsWith('10.1.'));
  await page.click('#undo');
  assert.equal(await page.locator('#f-network-subnets-0').inputValue(), '192.168.0.0/20');
});

test('each toggle and design-wide choice shows the error it caused at itself', async () => {
  const context = await freshContext();
  const { page } = await open(context, linkTo(withDomain()));
  // Turning the custom domain off while services have hosts.
  await page.uncheck('#f-domain');
  await page.locator('#f-domain-err').waitFor();
  assert.match(await page.locator('#f-domain-err').innerText(), /CloudFront host needs a custom domain: its DNS zone, and a certificate \(ACM certificate ARN\) or the zone's Route 53 hosted zone ID/);
  await page.check('#f-domain');
  await page.locator('#f-domain-err').waitFor({ state: 'detached' });
  // Removing the hosted zone while hosts need it for their certificate.
  await fill(page, '#f-domain-hosted_zone_id', '');
  await page.locator('#f-domain-hosted_zone_id-err').waitFor();
  assert.match(await page.locator('#f-domain-hosted_zone_id-err').innerText(), /needs a certificate/);
  await page.keyboard.press('Control+z');
  await page.locator('#f-domain-hosted_zone_id-err').waitFor({ state: 'detached' });
  // The NAT gateway's manual mode with no zone left.
  await page.check('#f-network-nat-manual');
  for (const zone of [0, 1, 2]) await page.uncheck(`#nat-az-${zone}`);
  await page.locator('#f-network-nat-err').waitFor();
  assert.match(await page.locator('#f-network-nat-err').innerText(), /NAT gateway AZs is empty/);
  await page.check('#f-network-nat');
  await page.locator('#f-network-nat-err').waitFor({ state: 'detached' });
  // The region: access logs follow it into a region CloudFront delivers no standard logs
  // to (an opt-in region), with a notice instead of an error.
  assert.ok(await page.isChecked('#f-edge-access_logs'));
  await page.selectOption('#f-region', 'ca-west-1');
  await notices(page).locator('li', { hasText: 'Access logs are off: CloudFront does not deliver standard logs to buckets in ca-west-1.' }).waitFor();
  assert.equal(await page.isChecked('#f-edge-access_logs'), false);
  assert.equal(await page.locator('#f-region-err').count(), 0);
  await page.selectOption('#f-region', 'ap-northeast-1');
  // The web ACL: an existing one with no ARN yet shows at the choice too.
  await page.selectOption('#f-edge-waf', 'existing');
  await page.locator('#f-edge-waf-err').waitFor();
  assert.match(await page.locator('#f-edge-waf-err').innerText(), /Web ACL ARN/);
});

test('zone IDs of another region show at the region', async () => {
  const context = await freshContext();
  const design = defaults();
  design.network.az_ids = ['apne1-az4', 'apne1-az1', 'apne1-az2'];
  design.region = 'eu-west-1';
  // A file made elsewhere: the link command refuses a design with errors.
  const { page } = await open(context, env.base);
  await openFile(page, { name: 'zones.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
  await page.locator('#f-region-err').waitFor();
  assert.match(await page.locator('#f-region-err').innerText(), /zone of another region/);
});
