// The design review in the page: every kind of warning shows at its field and in the
// "Before you deploy" list, looks unlike an error, and never turns downloads off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CLI, fill, open, useBrowser } from './helpers.mjs';

const env = useBrowser();

const defaults = () => JSON.parse(execFileSync(CLI, ['defaults'], { encoding: 'utf8' }));
const linkTo = (design) =>
  `${env.base}#${execFileSync(CLI, ['link', '-'], { input: JSON.stringify(design), encoding: 'utf8' }).trim().split('#').at(-1)}`;

/**
 * Each kind: how to make the design show it (an edit in the page, or a design opened from a
 * link), the field it must show at, and words of its message.
 */
const KINDS = [
  {
    kind: 'example-value',
    edit: (page) => fill(page, '#f-services-1-image', '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1'),
    field: 'f-services-1-image',
    words: /documentation account 123456789012/,
  },
  {
    kind: 'nat-unlisted-zones',
    design: () => {
      const d = defaults();
      d.network.nat = { mode: 'manual', azs: [0] };
      return d;
    },
    field: 'f-network-nat-azs',
    words: /tasks in AZ index 1, 2 may have no\s+IPv4 egress at all/,
  },
  {
    kind: 'fargate-quota',
    edit: (page) => fill(page, '#f-services-1-scaling-max', '20'),
    field: 'f-services',
    words: /23 vCPUs, above the 6/,
  },
  {
    kind: 'zone-coverage',
    edit: (page) => page.click('#f-network-az_ids'),
    field: 'f-network-subnets',
    words: /pin the subnets to zone IDs/,
  },
  {
    kind: 'unlisted-zone',
    design: () => {
      const d = defaults();
      d.network.az_ids[2] = 'apne1-az7';
      return d;
    },
    field: 'f-network-az_ids-2',
    words: /not among the zone IDs AWS lists/,
  },
  { kind: 'default-certificate', field: 'f-services-0-cloudfront-host', words: /TLS below 1\.2/ },
  {
    kind: 'single-task',
    edit: (page) => fill(page, '#f-services-1-scaling-max', '1'),
    field: 'f-services-1-scaling-max',
    words: /no spare capacity/,
  },
  {
    kind: 'no-web-acl',
    edit: (page) => page.selectOption('#f-edge-waf', 'off'),
    field: 'f-edge-waf',
    words: /unfiltered/,
  },
  {
    kind: 'no-access-logs',
    edit: (page) => page.click('#f-edge-access_logs'),
    field: 'f-edge-access_logs',
    words: /no record/,
  },
  {
    kind: 'large-bodies-blocked',
    edit: (page) => page.click('#f-edge-waf-allow_large_bodies'),
    field: 'f-edge-waf-allow_large_bodies',
    words: /over 8 KB/,
  },
  {
    kind: 'shared-cache',
    edit: (page) => page.selectOption('#f-services-0-cloudfront-cache', 'short'),
    field: 'f-services-0-cloudfront-cache',
    words: /same for everyone/,
  },
];

for (const { kind, edit, design, field, words } of KINDS) {
  test(`the ${kind} warning shows at its field and downloads stay on`, async () => {
    const context = await env.freshContext();
    const { page, log } = await open(context, design ? linkTo(design()) : env.base);
    if (edit) await edit(page);
    const at = page.locator(`#${field}-warn`);
    await at.waitFor();
    assert.match(await at.innerText(), words);
    // It names its field for the screen reader too.
    const described = await page.locator(`#${field}`).getAttribute('aria-describedby');
    if (described !== null) assert.ok(described.includes(`${field}-warn`), `${field}: ${described}`);
    // In the list, going to its field.
    const item = page.locator(`#warning-list button[data-field="${field}"]`);
    assert.ok((await item.count()) >= 1, `${kind} is not in the list`);
    assert.match(await item.first().innerText(), words);
    // A warning is not an error: the design is valid and every download is on.
    assert.equal(await page.locator('#error-summary').count(), 0);
    assert.ok(await page.locator('#download-zip').isEnabled());
    assert.equal(await page.locator('[data-testid="download-template"]:disabled').count(), 0);
    assert.notEqual(
      await at.evaluate((e) => getComputedStyle(e).color),
      await page.locator('#h-network').evaluate(() => {
        const probe = document.createElement('ul');
        probe.className = 'field-errors';
        document.body.append(probe);
        const color = getComputedStyle(probe).color;
        probe.remove();
        return color;
      }),
      'a warning is not styled as an error',
    );
    await item.first().click();
    assert.ok(
      await page.evaluate((id) => {
        const active = document.activeElement;
        return active?.id === id || Boolean(active?.closest(`#${id}`));
      }, field),
      `focus went to ${field}`,
    );
    assert.deepEqual(log.errors, []);
  });
}

test('the default design draws one warning: the one only the user can remove', async () => {
  const context = await env.freshContext();
  const { page } = await open(context, env.base);
  assert.match(await page.locator('#h-before-deploy').innerText(), /1 warning\b/);
  const items = await page.locator('#warning-list li').allInnerTexts();
  assert.equal(items.length, 1);
  assert.ok(/TLS below 1\.2/.test(items[0]), items[0]);
});
