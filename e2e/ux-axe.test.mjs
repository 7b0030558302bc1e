// Issue 14: axe-core (its axe.min.js evaluated in the page) finds no accessibility
// violation on the default page, nor on a page with errors, at both screen sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fill, open, useBrowser } from './helpers.mjs';

const env = useBrowser();
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SIZES = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
];

/** axe's violations on the page as it is, one line each. */
async function violations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`,
  );
}

for (const [name, viewport] of SIZES) {
  test(`${name}: no axe violation on the default page`, async () => {
    const context = await env.freshContext(viewport);
    const { page } = await open(context, env.base);
    await page.locator('#diagram[data-state="drawn"]').waitFor();
    assert.deepEqual(await violations(page), []);
  });

  test(`${name}: no axe violation on a page with errors, a notice and the removal prompt`, async () => {
    const context = await env.freshContext(viewport);
    const { page } = await open(context, env.base);
    await fill(page, '#f-network-cidr', '10.1.0.0/16');
    await fill(page, '#f-services-1-health_check_path', 'no-slash');
    await page.locator('#error-summary').waitFor();
    await page.locator('[data-testid="notice-offer"]').waitFor();
    await page.click('[data-testid="remove-service-0"]');
    await page.locator('#confirm-remove-text').waitFor();
    assert.deepEqual(await violations(page), []);
  });

  test(`${name}: no axe violation with the review panel open and a notice showing`, async () => {
    const context = await env.freshContext(viewport);
    const { page } = await open(context, env.base);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await fill(page, '#f-network-cidr', '10.1.0.0/16');
    await page.locator('[data-testid="notice-offer"]').waitFor();
    await page.focus('#bar-problems');
    await page.keyboard.press('Enter');
    await page.locator('#sec-before-deploy.panel').waitFor();
    assert.deepEqual(await violations(page), []);
  });
}
