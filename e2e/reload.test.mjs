// A reload right after an edit keeps the edit: the address bar catches up 120 ms after an
// edit, and a reload that finds there what the page itself last wrote opens the saved
// design, which is never behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fill, open, ready, useBrowser } from './helpers.mjs';

const env = useBrowser();

test('a reload within the address bar’s delay after an edit keeps the edit', async () => {
  const context = await env.freshContext();
  const { page, log } = await open(context, env.base);
  for (const name of ['quick-one', 'quick-two']) {
    await fill(page, '#f-network-name', name);
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('#f-network-name').inputValue(), name);
    assert.equal(await page.locator('#previous-notice').count(), 0, 'no design was replaced');
  }
  assert.deepEqual(log.errors, []);
});
