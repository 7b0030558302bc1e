// Issue 14: undo and redo (buttons and Ctrl/Cmd+Z), one step per committed change, and
// removing the initial service asks first, in the page, saying what moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fill, open, savedDesign, useBrowser } from './helpers.mjs';

const env = useBrowser();
const freshContext = () => env.freshContext({ width: 1280, height: 800 });

test('undo restores a removed initial service byte for byte, and redo removes it again', async () => {
  const context = await freshContext();
  const { page, log } = await open(context, env.base);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const before = await savedDesign(page);
  await page.click('[data-testid="remove-service-0"]');
  // Asked in the page, naming what moves and to which service.
  const prompt = page.locator('#confirm-remove-text');
  await prompt.waitFor();
  assert.match(await prompt.innerText(), /IAM roles.*CloudFront VPC origin.*ecs-express-secondary/s);
  assert.equal(JSON.parse(await savedDesign(page)).services.length, 2, 'nothing removed yet');
  await page.click('#keep-initial');
  assert.equal(await prompt.count(), 0);
  await page.click('[data-testid="remove-service-0"]');
  await page.click('#confirm-remove-initial');
  // The one service left has no distribution: no web ACL, so no global stack.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 2);
  const removed = await savedDesign(page);
  assert.deepEqual(JSON.parse(removed).services.map((s) => s.name), ['ecs-express-secondary']);
  await page.locator('#notices', { hasText: 'ecs-express-secondary is now the initial service' }).waitFor();

  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 4);
  assert.equal(await savedDesign(page), before);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 2);
  assert.equal(await savedDesign(page), removed);
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 4);
  assert.equal(await savedDesign(page), before);
  assert.equal(dialogs, 0, 'no window.confirm');
  assert.deepEqual(log.errors, []);
});

test('one step per committed change: typing is one step, text that is not a number is none', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  assert.ok(await page.locator('#undo').isDisabled());
  const name = page.locator('#f-network-name');
  await name.fill('net-a');
  await name.press('Tab');
  await name.fill('net-ab');
  await name.fill('net-abc');
  await name.press('Tab');
  // A number field holding text that is not a number changes nothing.
  await page.locator('#f-services-0-port').fill('80x');
  await page.locator('#f-services-0-port').press('Tab');
  await page.locator('#f-services-0-port').fill('3000');
  await page.locator('#f-services-0-port').press('Tab');
  await page.click('#undo');
  assert.equal(await name.inputValue(), 'net-a', 'the two keystrokes before the blur were one step');
  await page.click('#undo');
  assert.equal(await name.inputValue(), 'ecs-express-vpc');
  assert.ok(await page.locator('#undo').isDisabled());
  await page.click('#redo');
  await page.click('#redo');
  assert.equal(await name.inputValue(), 'net-abc');
  assert.ok(await page.locator('#redo').isDisabled());
  // Undo while typing takes back the uncommitted text first.
  await name.fill('half-typed');
  await page.keyboard.press('Control+z');
  assert.equal(await name.inputValue(), 'net-abc');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await name.inputValue(), 'half-typed');
});

test('at least 100 steps are kept, and add, duplicate, split and reset are steps', async () => {
  const context = await freshContext();
  const { page } = await open(context, env.base);
  await page.evaluate(async () => {
    const input = document.querySelector('#f-network-name');
    for (let i = 1; i <= 110; i += 1) {
      input.value = `net-${i}`;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
    }
  });
  await page.waitForFunction(() => document.querySelector('#f-network-name').value === 'net-110');
  await page.waitForTimeout(50);
  for (let i = 0; i < 105; i += 1) await page.keyboard.press('Control+z');
  assert.equal(await page.locator('#f-network-name').inputValue(), 'net-5');

  await page.click('#add-service');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 5);
  await page.click('[data-testid="duplicate-service-1"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 6);
  await fill(page, '#split-count', '4');
  await page.click('#split-apply');
  await page.locator('#f-network-subnets-3').waitFor();
  await page.click('#reset');
  assert.equal(await page.locator('#f-network-name').inputValue(), 'ecs-express-vpc');
  await page.click('#undo');
  assert.equal(await page.locator('#f-network-name').inputValue(), 'net-5', 'reset is undone');
  assert.equal(await page.locator('#f-network-subnets-3').count(), 1);
  await page.click('#undo');
  assert.equal(await page.locator('#f-network-subnets-3').count(), 0, 'the split is undone');
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 5);
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="template-tab"]').length === 4);
});
