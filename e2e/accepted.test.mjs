// Issue 30 §1: a warning accepted with a reason. The default design draws one warning
// (default-certificate); accepting it asks for the reason, keeps it in the design, lists
// the warning apart and takes it out of the action bar's count; undo, Reopen and a design
// opened from a file; an edit that makes the warning go drops its acceptance with a notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI, open, openFile, savedDesign, useBrowser } from './helpers.mjs';

const env = useBrowser();

test('accepting a warning with a reason, undo, reopen, and the acceptance going with its warning', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  const bar = page.locator('#bar-problems');
  await bar.filter({ hasText: '1 warning' }).waitFor();
  const item = page.locator('#warning-list li[data-code="default-certificate"]');
  await item.waitFor();

  // Accept… asks for the reason, with the focus in it and the warning named; an empty
  // reason is refused.
  await page.click('#accept-0');
  assert.match(await page.locator('label[for="accept-reason"]').innerText(), /Why is this warning acceptable for this design\?\s*Service ecs-express-initial CloudFront host/);
  await page.waitForFunction(() => document.activeElement?.id === 'accept-reason');
  await page.keyboard.press('Enter');
  await page.locator('#accept-reason-error', { hasText: 'Say why' }).waitFor();
  assert.equal(await page.locator('#accept-reason').getAttribute('aria-invalid'), 'true');
  await page.fill('#accept-reason', 'an internal tool: the cloudfront.net name is fine');
  await page.keyboard.press('Enter');

  await bar.filter({ hasText: 'No problems' }).waitFor();
  assert.ok(await page.locator('#accept-form').isHidden(), 'the reason form goes once used');
  assert.equal(await page.locator('#h-before-deploy').innerText(), 'Before you deploy');
  assert.match(await page.locator('#no-warnings').innerText(), /Every warning of the review is accepted/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'h-before-deploy');
  const accepted = page.locator('#accepted-warnings');
  assert.equal(await accepted.locator('summary').innerText(), 'Accepted: 1 warning');
  await accepted.locator('summary').click();
  assert.match(
    await accepted.locator('li[data-code="default-certificate"]').innerText(),
    /Accepted: an internal tool: the cloudfront\.net name is fine/,
  );
  const saved = JSON.parse(await savedDesign(page));
  assert.deepEqual(saved.review, {
    accepted: [{
      code: 'default-certificate',
      path: 'services[0].cloudfront.host',
      reason: 'an internal tool: the cloudfront.net name is fine',
    }],
  });

  // One undo step each way.
  await page.click('#undo');
  await bar.filter({ hasText: '1 warning' }).waitFor();
  await page.click('#redo');
  await bar.filter({ hasText: 'No problems' }).waitFor();

  // Reopen puts it back among the open warnings (the list stays as the user left it: open).
  assert.equal(await accepted.evaluate((d) => d.open), true);
  await page.click('#reopen-0');
  await bar.filter({ hasText: '1 warning' }).waitFor();
  await page.locator('#accepted-warnings').waitFor({ state: 'hidden' });

  // A design opened from a file with the acceptance: accepted from the start.
  const dir = join(env.work, 'accepted');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'stackdraft.json');
  writeFileSync(file, JSON.stringify(saved));
  await openFile(page, file);
  await bar.filter({ hasText: 'No problems' }).waitFor();
  const checked = JSON.parse(execFileSync(CLI, ['check', file, '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(checked.accepted.length, 1, 'the CLI reads the same acceptance');

  // Turning the distribution off makes the warning go: its acceptance goes too, said.
  await page.locator('#f-services-0-cloudfront-enabled').uncheck();
  await page.locator('[role="status"]', { hasText: 'no longer occurs: its acceptance is dropped' }).first().waitFor();
  await page.locator('#accepted-warnings').waitFor({ state: 'hidden' });
  assert.equal(JSON.parse(await savedDesign(page)).review, undefined);
  assert.deepEqual(log.errors, []);
});
