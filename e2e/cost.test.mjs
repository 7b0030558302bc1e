// The cost panel: the same figures as `stackdraft cost`, lines that follow the design
// (the NAT mode and zones), and usage inputs that change the estimate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CLI, fill, open, savedDesign, useBrowser } from './helpers.mjs';

const env = useBrowser();

/** `stackdraft cost --format json` of the page's current design. */
async function cliEstimate(page) {
  const design = await savedDesign(page);
  return JSON.parse(execFileSync(CLI, ['cost', '--format', 'json', '-'], { input: design, encoding: 'utf8' }));
}

const rowsOf = (page, table) =>
  page.locator(`#${table} tbody tr`).evaluateAll((rows) =>
    rows.map((r) => ({ kind: r.dataset.kind, text: r.querySelector('th').innerText, monthly: r.querySelector('.num').innerText })),
  );

test('the cost panel shows the CLI’s figures, and the NAT lines follow the NAT mode', async () => {
  const context = await env.freshContext();
  const { page, log } = await open(context, env.base);
  const panel = page.locator('#sec-cost');
  await panel.scrollIntoViewIfNeeded();

  const check = async () => {
    const cli = await cliEstimate(page);
    const [thisDesign, classic] = cli.designs;
    assert.equal(await page.locator('#cost-this-total').innerText(), rangeOf(thisDesign.total));
    assert.equal(await page.locator('#cost-classic-total').innerText(), rangeOf(classic.total));
    const rows = await rowsOf(page, 'cost-this');
    assert.deepEqual(
      rows.map((r) => r.kind),
      thisDesign.lines.map((l) => l.kind),
      'the page lists the CLI’s lines in its order',
    );
    return { cli, rows };
  };
  const rangeOf = (money) => (money.min === money.max ? money.min : `${money.min}–${money.max}`);

  // The default: a manual NAT in every subnet's zone, three zones billed.
  const natHours = (rows) => rows.find((r) => r.kind === 'nat_hours');
  const everyZone = await check();
  assert.match(natHours(everyZone.rows).text, /2,190 zone-hours/);

  // Manual NAT in one zone of three: one zone billed (and the review warns that the other
  // zones have no egress; nothing is billed for crossing zones).
  await page.uncheck('#nat-az-1');
  await page.uncheck('#nat-az-2');
  await page.waitForFunction(() =>
    document.querySelector('#cost-this tr[data-kind="nat_hours"] th').innerText.includes('730 zone-hours'),
  );
  const oneZone = await check();
  assert.notEqual(natHours(oneZone.rows).monthly, natHours(everyZone.rows).monthly, 'the NAT hours line changed');

  // Automatic mode: the gateway is billed in every subnet's zone.
  await page.click('#f-network-nat');
  await page.waitForFunction(() =>
    document.querySelector('#cost-this tr[data-kind="nat_hours"] th').innerText.includes('2,190 zone-hours'),
  );
  await check();

  // Usage changes the estimate, and reaches the CLI through the design.
  await fill(page, '#f-usage-viewer_gb_per_month', '1000');
  await page.waitForFunction(() =>
    document.querySelector('#cost-usage').innerText.includes('1,000 GB to viewers'),
  );
  const more = await check();
  assert.equal(more.cli.usage.gb_to_viewers, 1000);

  // The classic design's interface endpoints.
  await page.click('#f-usage-classic_interface_endpoints');
  await page.locator('#cost-classic tr[data-kind="interface_endpoints"]').waitFor();
  await check();

  // Lines that differ are marked.
  assert.ok((await page.locator('#cost-this tr.differs').count()) > 0);
  assert.deepEqual(log.errors, []);
});

test('a region without prices names the lines it cannot price', async () => {
  const context = await env.freshContext();
  const { page } = await open(context, env.base);
  await page.selectOption('#f-region', 'sa-east-1');
  await page.locator('#cost-unpriced').waitFor();
  assert.match(await page.locator('#cost-unpriced').innerText(), /no price/);
});

// Issue 30 §5: usage figures as people write them, and a typo there turns off the estimate
// only: the templates, the zip and the bar stay as they were.
test('usage figures take units and separators; a bad one turns off only the estimate', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  await fill(page, '#f-usage-requests_per_month', '25M');
  await page.waitForFunction(() => document.querySelector('#cost-usage').innerText.includes('25,000,000 requests'));
  assert.equal(await page.locator('#f-usage-requests_per_month').inputValue(), '25M', 'the text stays as typed');
  await fill(page, '#f-usage-viewer_gb_per_month', '2 TB');
  await page.waitForFunction(() => document.querySelector('#cost-usage').innerText.includes('2,000 GB to viewers'));
  assert.equal(JSON.parse(await savedDesign(page)).usage.viewer_gb_per_month, 2000, 'the design holds the number');

  await fill(page, '#f-usage-nat_egress_gb_per_month', '10 apples');
  const off = page.locator('#cost-off');
  await off.waitFor();
  assert.match(await off.innerText(), /No estimate while a usage figure has an error: usage\.nat_egress_gb_per_month: '10 apples' is not an amount of data/);
  assert.equal(await page.locator('#cost-this').count(), 0, 'no estimate is shown');
  assert.match(await page.locator('#f-usage-nat_egress_gb_per_month-err').innerText(), /is not an amount of data/);
  // Nothing else is off.
  assert.ok(await page.locator('#download-zip').isEnabled());
  assert.ok(await page.locator('#bar-download-zip').isEnabled());
  assert.doesNotMatch(await page.locator('#bar-problems').innerText(), /error/);

  await fill(page, '#f-usage-nat_egress_gb_per_month', '1,000');
  await off.waitFor({ state: 'hidden' });
  await page.locator('#cost-this').waitFor();
  assert.deepEqual(log.errors, []);
});
