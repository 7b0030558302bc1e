// Issue 30 §2–4: the review is one place (the bar's count opens it as a panel, a drawer on a
// phone, by keyboard, with the focus in and back, without motion when asked); the skip menu
// reaches each section in two keys from the top; notices stand where they cover neither the
// outputs nor the bar, are reachable right after the control that raised them, offer Undo
// only when it undoes what they say, and leave with their cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterSave, fill, open, ready, savedDesign, useBrowser, VIEWPORTS } from './helpers.mjs';

const env = useBrowser();

const focused = (page) => page.evaluate(() => document.activeElement?.id);
const box = (page, selector) =>
  page.evaluate((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  }, selector);

for (const [name, viewport] of VIEWPORTS) {
  test(`${name}: the bar's count opens the review by keyboard, and the focus comes back`, async () => {
    const context = await env.freshContext(viewport);
    const { page, log } = await open(context, env.base);
    const bar = page.locator('#bar-problems');
    await bar.filter({ hasText: '1 warning' }).waitFor();
    assert.equal(await bar.getAttribute('aria-expanded'), 'false');
    assert.equal(await bar.getAttribute('aria-controls'), 'sec-before-deploy');

    // An error too, so that the review lists both.
    await fill(page, '#f-network-cidr', '10.0.1.0/16');
    await bar.filter({ hasText: /1 error/ }).waitFor();
    await bar.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'h-before-deploy');
    const panel = page.locator('#sec-before-deploy');
    assert.equal(await panel.getAttribute('role'), 'dialog');
    assert.equal(await bar.getAttribute('aria-expanded'), 'true');
    assert.match(await page.locator('#h-before-deploy').innerText(), /^Before you deploy: 1 error, 1 warning$/);
    // Errors and warnings differ in words and sign (the style sheet's ::before), not only colour.
    const before = (s) => page.evaluate((s) => getComputedStyle(document.querySelector(s), '::before').content, s);
    assert.match(await page.locator('#review-errors').innerText(), /VPC CIDR block/);
    assert.match(await before('#review-errors button'), /✖︎?\s+Error: /u);
    assert.match(await before('#warning-list button'), /⚠︎?\s+Warning: /u);
    // And at the fields: a cross for an error, the sign and the word for a warning.
    assert.match(await before('.field-errors li'), /✖︎?\s+"?$/u);
    assert.match(await before('.field-warnings li'), /⚠︎?\s+Warning: /u);

    // The panel is a drawer above the bar: at the right on a desktop, across the bottom of a
    // phone, its whole width on screen (once it has slid in).
    await panel.evaluate((e) => Promise.all(e.getAnimations().map((a) => a.finished)));
    const [p, b] = [await box(page, '#sec-before-deploy'), await box(page, '#action-bar')];
    assert.ok(Math.abs(p.bottom - b.top) <= 1, `the panel ends at the bar (${p.bottom} vs ${b.top})`);
    assert.ok(p.right <= viewport.width + 1 && p.left >= -1, 'the panel is within the screen');
    if (name === 'phone') assert.ok(p.width >= viewport.width - 2, 'a drawer across the phone');
    else assert.ok(p.left > viewport.width / 2 && p.top <= 1, 'a panel at the right, from the top');

    // Escape puts it back and the focus returns to the count.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.id === 'bar-problems');
    assert.equal(await panel.getAttribute('role'), null);
    assert.equal(await bar.getAttribute('aria-expanded'), 'false');

    // Opened again, Tab reaches the error's link; Enter takes the focus to its field and
    // the panel goes (it would cover the field).
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'h-before-deploy');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'review-close');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#review-errors') !== null), true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-network-cidr');
    await page.locator('#sec-before-deploy:not(.panel)').waitFor();

    // Close, by its button.
    await bar.click();
    await page.waitForFunction(() => document.activeElement?.id === 'h-before-deploy');
    await page.click('#review-close');
    await page.waitForFunction(() => document.activeElement?.id === 'bar-problems');
    assert.deepEqual(log.errors, []);
  });
}

test('the review panel slides in, and does not move when the person asks for less motion', async () => {
  for (const [motion, expected] of [['no-preference', 'review-from-right'], ['reduce', 'none']]) {
    const context = await env.freshContext({ width: 1280, height: 800 });
    const { page } = await open(context, env.base);
    await page.emulateMedia({ reducedMotion: motion });
    await page.click('#bar-problems');
    await page.locator('#sec-before-deploy.panel').waitFor();
    const animation = await page.evaluate(() => getComputedStyle(document.querySelector('#sec-before-deploy')).animationName);
    assert.equal(animation, expected, `prefers-reduced-motion: ${motion}`);
    await context.close();
  }
});

test('the skip menu is one Tab stop, and each section is its letter away', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  await page.waitForFunction(() => /^#v\d+=/.test(location.hash));
  const hash = await page.evaluate(() => location.hash);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'skip-0');
  const menu = await box(page, '.skip-menu');
  assert.ok(menu.top >= 0 && menu.height > 0, 'the menu shows once focused');
  // The arrows move in it; Tab leaves it at once (it is one stop).
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), 'skip-1');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), 'skip-5');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.skip-menu')), null);

  // From the top: Tab, then the letter.
  const sections = [
    ['n', 'sec-network'],
    ['s', 'f-services'],
    ['e', 'sec-edge'],
    ['r', 'h-before-deploy'],
    ['o', 'outputs'],
    ['d', 'bar-download-zip'],
  ];
  // From the top: a fresh load each time (a blur leaves Tab's starting point where it was).
  const fromTheTop = async () => {
    await page.reload();
    await ready(page);
  };
  for (const [letter, target] of sections) {
    await fromTheTop();
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'skip-0');
    await page.keyboard.press(letter);
    assert.equal(await focused(page), target, `${letter} goes to ${target}`);
  }
  // The zip in three keys: Tab, D, Enter.
  await fromTheTop();
  await page.keyboard.press('Tab');
  await page.keyboard.press('d');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.zip$/);
  // Enter on an entry follows it, and the design in the address bar is untouched.
  await fromTheTop();
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'outputs');
  assert.equal(await page.evaluate(() => location.hash), hash);
  // The VPC block: Tab, N, then Tab to the first field of the Network section.
  await fromTheTop();
  await page.keyboard.press('Tab');
  await page.keyboard.press('n');
  let tabs = 0;
  while ((await focused(page)) !== 'f-network-cidr' && tabs < 10) {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  console.log(`keys from the top to the VPC block by the skip menu: ${2 + tabs}`);
  assert.ok(tabs <= 3, `the VPC block after Tab, N and ${tabs} Tabs`);
  // With errors the download button is off: D goes to the Download section, which says why.
  await fill(page, '#f-network-cidr', '10.0.1.0/16');
  await page.locator('#bar-problems', { hasText: /error/ }).waitFor();
  await afterSave(page);
  await fromTheTop();
  await page.locator('#bar-problems', { hasText: /error/ }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('d');
  assert.equal(await focused(page), 'h-download');
  assert.deepEqual(log.errors, []);
});

test('notices: beside the outputs, above the bar, right after the control that raised them', async () => {
  const context = await env.freshContext({ width: 1280, height: 800 });
  const { page, log } = await open(context, env.base);
  const notices = page.locator('#notices');
  await page.focus('#f-network-cidr');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('10.1.0.0/16');
  const offer = page.locator('[data-testid="notice-offer"]');
  await offer.waitFor();
  // Over the design, never the outputs or the bar.
  const [n, out, bar] = [await box(page, '#notices .notice-box'), await box(page, '#outputs'), await box(page, '#action-bar')];
  assert.ok(n.right <= out.left, `the notices (right ${n.right}) stop before the outputs (left ${out.left})`);
  assert.ok(n.bottom <= bar.top, 'the notices stand above the bar');
  // The focused field is not under them.
  const field = await box(page, '#f-network-cidr');
  assert.ok(field.bottom <= n.top || field.top >= n.bottom || field.right <= n.left, 'the field is not under the notices');

  // Tab from the field goes into the notice: its offer, Undo and Dismiss; then on to what
  // follows the field. Shift+Tab walks back.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'notice-offer');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'notice-undo');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'notice-dismiss');
  const after = await page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]')]
      .filter((e) => e.tabIndex >= 0 && e.offsetParent !== null && !e.closest('#notices'));
    return all[all.findIndex((e) => e.id === 'f-network-cidr') + 1].id;
  });
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), after, 'Tab leaves the notice for what follows the field');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'notice-dismiss');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'f-network-cidr');

  // The offer, by keyboard: the subnets are re-split, its notice says so with an Undo that
  // undoes the re-split, and the focus is back in the field.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await notices.locator('li', { hasText: 'Re-split the subnets' }).waitFor();
  assert.equal(await focused(page), 'f-network-cidr');
  assert.ok(await page.locator('#notice-undo').isVisible());
  await page.click('#notice-undo');
  assert.equal(await page.locator('#f-network-subnets-0').inputValue(), '192.168.0.0/20');

  // A notice leaves with its cause: the re-split offer goes once the subnets are fixed by hand.
  await fill(page, '#f-network-cidr', '10.2.0.0/16');
  await offer.waitFor();
  // Another edit: the offer stays while its cause does, but without an Undo (it would undo
  // that other edit).
  await fill(page, '#f-network-name', 'calm-vpc');
  await page.locator('#notice-undo').waitFor({ state: 'hidden' });
  assert.ok(await offer.isVisible());
  for (const i of [0, 1, 2]) await fill(page, `#f-network-subnets-${i}`, `10.2.${16 * i}.0/20`);
  await offer.waitFor({ state: 'detached' });
  assert.equal(await notices.locator('li').count(), 0);
  assert.deepEqual(log.errors, []);
});

test('notices offer Undo only when it undoes what they say, and a copied link leaves by itself', async () => {
  const context = await env.freshContext({ width: 390, height: 844 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, log } = await open(context, env.base);
  const notices = page.locator('#notices');
  // An edit's notice: Undo undoes the edit.
  await page.selectOption('#f-services-0-cpu', '4096');
  await notices.locator('li', { hasText: 'from 2 GB to 8 GB' }).waitFor();
  assert.ok(await page.locator('#notice-undo').isVisible());
  // A copied link is no edit: no Undo, and the notice goes by itself.
  await page.click('#bar-copy-link');
  await notices.locator('li', { hasText: /link/i }).waitFor();
  assert.ok(await page.locator('#notice-undo').isHidden(), 'no Undo for a copied link');
  await page.mouse.move(5, 5);
  await notices.locator('li').first().waitFor({ state: 'detached', timeout: 15_000 });
  // On a phone the notices span the width above the bar, and the page's end scrolls clear of them.
  await page.click('#bar-copy-link');
  await notices.locator('li').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const [n, bar] = [await box(page, '#notices .notice-box'), await box(page, '#action-bar')];
  const last = await page.evaluate(() => {
    const r = document.querySelector('#outputs').lastElementChild.getBoundingClientRect();
    return r.bottom;
  });
  assert.ok(n.bottom <= bar.top, 'above the bar');
  assert.ok(last <= n.top + 1, `the outputs' end (${last}) scrolls clear of the notices (${n.top})`);
  assert.deepEqual(log.errors, []);
});

test('the custom domain waits for its zone before calling it empty, and a trailing dot goes when the zone is left', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  await page.check('#f-domain');
  const zone = page.locator('#f-domain-zone');
  await zone.waitFor();
  // The design is invalid (the bar counts it), but neither the checkbox nor the zone
  // answers the click with an error.
  await page.locator('#bar-problems', { hasText: /1 error/ }).waitFor();
  assert.equal(await page.locator('#f-domain-err').count(), 0);
  assert.equal(await page.locator('#f-domain-zone-err').count(), 0);
  assert.equal(await zone.getAttribute('aria-invalid'), null);
  // Left empty, it says so.
  await zone.focus();
  await page.keyboard.press('Tab');
  await page.locator('#f-domain-zone-err', { hasText: 'DNS zone is empty' }).waitFor();
  assert.equal(await zone.getAttribute('aria-invalid'), 'true');
  // Typed with the root's dot: untouched while typing, tidied when left, in one undo step.
  await zone.focus();
  await page.keyboard.type('example.com.');
  assert.equal(await zone.inputValue(), 'example.com.');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.querySelector('#f-domain-zone').value === 'example.com');
  await page.locator('#f-domain-zone-err').waitFor({ state: 'detached' });
  assert.equal(JSON.parse(await savedDesign(page)).domain.zone, 'example.com');
  await page.click('#undo');
  assert.equal(await zone.inputValue(), '', 'the typing and its tidy are one step');
  assert.deepEqual(log.errors, []);
});

test('on a phone the advanced sections start folded, each remembers its state, and a link to a field unfolds it', async () => {
  const context = await env.freshContext({ width: 390, height: 844 });
  const { page, log } = await open(context, env.base);
  const folding = ['sec-plan', 'sec-domain', 'sec-edge', 'sec-update', 'sec-cost', 'sec-deploy'];
  for (const id of folding) {
    assert.equal(await page.locator(`#fold-${id}`).getAttribute('aria-expanded'), 'false', id);
    assert.ok(await page.locator(`#${id} > h2`).isVisible(), `${id}'s heading shows`);
  }
  assert.ok(await page.locator('#f-edge-waf').isHidden(), 'a folded section hides its controls');
  // Named by its words and the heading.
  assert.equal(await page.locator('#fold-sec-cost').evaluate((b) => b.textContent), 'Show');
  // Where the issue measured 9,400 px and 18,100 px with every section open.
  const top = (s) => page.evaluate((s) => document.querySelector(s).getBoundingClientRect().top + scrollY, s);
  const [diagram, download, height] = [await top('#sec-diagram'), await top('#sec-download'), await page.evaluate(() => document.documentElement.scrollHeight)];
  console.log(`phone, folded: Architecture at ${Math.round(diagram)} px, Download at ${Math.round(download)} px, page ${height} px`);
  // Against the same page unfolded, in the same run: folding takes off at least a quarter of
  // its height, and most of that stands before the Download section (only Deploy follows it).
  for (const id of folding) await page.click(`#fold-${id}`);
  const [openDownload, openHeight] = [await top('#sec-download'), await page.evaluate(() => document.documentElement.scrollHeight)];
  console.log(`phone, unfolded: Download at ${Math.round(openDownload)} px, page ${openHeight} px`);
  assert.ok(height <= openHeight * 0.75, `folded ${height} px against ${openHeight} px unfolded`);
  assert.ok(download <= openDownload * 0.8, `Download at ${download} px folded, ${openDownload} px unfolded`);
  for (const id of folding) await page.click(`#fold-${id}`);
  // Unfold one; a reload keeps it unfolded and the others folded.
  await page.click('#fold-sec-cost');
  assert.equal(await page.locator('#fold-sec-cost').getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('#f-usage-requests_per_month').isVisible());
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#fold-sec-cost').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#fold-sec-edge').getAttribute('aria-expanded'), 'false');
  // A warning's link to a field in a folded section unfolds it and focuses the field.
  await page.click('#fold-sec-edge');
  await page.selectOption('#f-edge-waf', 'off');
  await page.click('#fold-sec-edge');
  assert.ok(await page.locator('#f-edge-waf').isHidden());
  await page.click('#bar-problems');
  await page.locator('#sec-before-deploy.panel').waitFor();
  await page.locator('#warning-list li[data-code="no-web-acl"] button.link').click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-edge-waf');
  assert.ok(await page.locator('#f-edge-waf').isVisible());
  assert.equal(await page.locator('#fold-sec-edge').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(log.errors, []);
});

test('on a desktop nothing starts folded, and a section folds by keyboard', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  assert.equal(await page.locator('.card.folded').count(), 0);
  await page.focus('#fold-sec-edge');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#fold-sec-edge').getAttribute('aria-expanded'), 'false');
  assert.ok(await page.locator('#f-edge-waf').isHidden());
  assert.equal(await focused(page), 'fold-sec-edge', 'the focus stays on the button');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#fold-sec-edge').getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('#f-edge-waf').isVisible());
  assert.deepEqual(log.errors, []);
});

test('a list row just added waits until its cells are left before calling them empty', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  await page.click('#service-0-app > summary');
  await page.locator('#f-services-0-environment-add').click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT' && document.activeElement.id.includes('environment'));
  const name = await focused(page);
  // The design counts the empty name, but the row does not answer the click with an error.
  await page.locator('#bar-problems', { hasText: /1 error/ }).waitFor();
  assert.equal(await page.locator(`#${name}-err`).count(), 0);
  assert.equal(await page.locator(`#${name}`).getAttribute('aria-invalid'), null);
  // Left empty, it says so; typed, the error goes.
  await page.keyboard.press('Tab');
  await page.locator(`#${name}-err`).waitFor();
  assert.equal(await page.locator(`#${name}`).getAttribute('aria-invalid'), 'true');
  await page.fill(`#${name}`, 'NODE_ENV');
  await page.locator(`#${name}-err`).waitFor({ state: 'detached' });
  assert.deepEqual(log.errors, []);
});
