// A reload right after an edit keeps the edit: the address bar catches up 120 ms after the
// save that follows an edit's frame, and a reload that finds there what the page itself last
// wrote, or what that write replaced, opens the saved design, which is never behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WRITTEN_FRAGMENT_KEY, fill, open, ready, useBrowser } from './helpers.mjs';

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

// The race behind a flaky CI run: a reload takes its address when it begins, and the page
// it leaves keeps running until the next one arrives. Here every document is answered
// 1 s late, so the page's write of the address bar (120 ms after the save that follows
// the edit's frame) lands while the reload is on its way, and the reload carries the
// address that write replaced.
test('a reload that began before the page wrote the address bar keeps the edit', async () => {
  const context = await env.freshContext();
  // What each document finds as it starts, before the app reads it.
  await context.addInitScript((writtenKey) => {
    window.__found = {
      fragment: location.hash.slice(1),
      written: localStorage.getItem(writtenKey),
    };
  }, WRITTEN_FRAGMENT_KEY);
  const { page, log } = await open(context, env.base);
  await page.waitForFunction(() => location.hash.length > 1); // the page wrote its link
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue();
    },
  );
  for (const name of ['slow-one', 'slow-two']) {
    await fill(page, '#f-network-name', name);
    await page.reload();
    await ready(page);
    const found = await page.evaluate(() => window.__found);
    assert.notEqual(found.fragment, found.written, 'the reload carried an address the page had replaced');
    assert.equal(await page.locator('#f-network-name').inputValue(), name);
    assert.equal(await page.locator('#previous-notice').count(), 0, 'no design was replaced');
  }
  assert.deepEqual(log.errors, []);
});
