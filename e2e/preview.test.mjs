// Issue 30 §8: the preview follows the edit. Editing a service shows that service's
// template, the network's fields the network's, the edge's the global stack's; the focus
// stays in the field and the page does not scroll; the lines the edit changed are marked
// for a moment (form::template_tabs has the rule, form::line_diff the diff).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWPORTS, open, savedDesign, showTemplate, useBrowser } from './helpers.mjs';

const env = useBrowser();

/** The role of the template tab shown ("network", "service", …), once it is `role`. */
async function shown(page, role) {
  await page.waitForFunction(
    (r) => document.querySelector('[data-testid="template-tab"][aria-selected="true"] .tab-role')?.textContent === r,
    role,
  );
  const panel = await page.locator('#template-panel').getAttribute('aria-labelledby');
  assert.equal(await page.locator('[aria-selected="true"]').getAttribute('id'), panel, 'the panel is the tab’s');
}

/** Each line of the preview with its mark: [[text, class], …]. */
const lines = (page) =>
  page.$$eval('#preview-text > span', (spans) => spans.map((s) => [s.textContent, s.getAttribute('class')]));
/** The marked lines once some line holds `text` and is marked: [[text, class], …]. */
async function marked(page, text) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('#preview-text > .changed')].some((l) => l.textContent.includes(t)),
    text,
  );
  return (await lines(page)).filter(([, mark]) => mark);
}
/** Where the page and the output column are scrolled to. */
const scrolled = (page) =>
  page.evaluate(() => [window.scrollX, window.scrollY, document.querySelector('#outputs').scrollTop]);

/** Types `text` into the field as a person does: select what is there, one key at a time. */
async function type(page, selector, text) {
  await page.focus(selector);
  await page.keyboard.press('ControlOrMeta+A');
  if (text) await page.keyboard.type(text);
}

for (const [name, viewport] of VIEWPORTS) {
  test(`${name}: the preview shows the template an edit changed, its lines marked, the focus and the page left where they were`, async () => {
    const context = await env.freshContext(viewport);
    const { page, log } = await open(context, env.base);
    await shown(page, 'global, us-east-1');

    // A subnet's block: the network's template, its one line marked.
    await type(page, '#f-network-subnets-2', '192.168.48.0/20');
    await shown(page, 'network');
    assert.deepEqual(await marked(page, '192.168.48.0/20'), [['      CidrBlock: 192.168.48.0/20', 'changed']]);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-network-subnets-2');

    // The second service's port while the network is shown: the service's template, where
    // the port is one line, the default of its port parameter; nothing else is marked.
    await type(page, '#f-services-1-port', '');
    const before = await scrolled(page);
    await page.keyboard.type('8081');
    await shown(page, 'service');
    assert.deepEqual(await marked(page, '8081'), [['    Default: 8081', 'changed']]);
    assert.ok((await lines(page)).length > 100, 'the whole template is shown');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-services-1-port');
    assert.deepEqual(await scrolled(page), before, 'the page and the output column did not scroll');
    // The preview box scrolls itself to the marked line (in the next frame), the page not.
    await page.waitForFunction(() => {
      const [line, box] = ['#preview-text > .changed', '#preview-yaml'].map((s) => document.querySelector(s)?.getBoundingClientRect());
      return line && line.top >= box.top && line.bottom <= box.bottom;
    });
    assert.deepEqual(await scrolled(page), before, 'the page and the output column did not scroll');

    // The subnet again: back to the network's template.
    await type(page, '#f-network-subnets-2', '192.168.32.0/20');
    await shown(page, 'network');
    assert.deepEqual(await marked(page, '192.168.32.0/20'), [['      CidrBlock: 192.168.32.0/20', 'changed']]);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-network-subnets-2');
    // The mark goes by itself.
    await page.waitForFunction(() => document.querySelectorAll('#preview-text > [class]').length === 0);
    assert.deepEqual(log.errors, []);
  });
}

test('a tab chosen by hand holds while the edits stay in one part of the design', async () => {
  const context = await env.freshContext();
  const { page } = await open(context, env.base);
  await showTemplate(page, 'network');
  // Typed digit by digit, the port does not pull the preview away from the chosen tab;
  // the network's template did not change, so nothing in it is marked.
  await type(page, '#f-services-1-port', '8081');
  assert.equal(JSON.parse(await savedDesign(page)).services[1].port, 8081, 'the edits were made');
  await shown(page, 'network');
  assert.deepEqual((await lines(page)).filter(([, mark]) => mark), []);
  // An edit in another part follows again, and so does the port after it.
  await type(page, '#f-network-subnets-2', '192.168.48.0/20');
  await marked(page, '192.168.48.0/20');
  await type(page, '#f-services-1-port', '8082');
  await shown(page, 'service');
  await marked(page, '8082');
});

test('the edge shows the global stack; where lines were removed is marked', async () => {
  const context = await env.freshContext();
  const { page } = await open(context, env.base);
  await type(page, '#f-services-1-port', '8081');
  await shown(page, 'service');
  // Access logs off: the global stack loses the web ACL's log group and logging (they stood
  // just before its outputs) and its description the words "its logs". The initial
  // service's template changes too; the global stack is the edge's own.
  await page.click('#f-edge-access_logs');
  await shown(page, 'global, us-east-1');
  await page.locator('#preview-text > .cut-above').waitFor();
  const marks = (await lines(page)).filter(([, mark]) => mark).map(([line, mark]) => [mark, line.split(':')[0]]);
  assert.deepEqual(marks, [
    ['changed', 'Description'],
    ['cut-above', 'Outputs'],
  ]);
  assert.doesNotMatch((await lines(page)).join('\n'), /WebAclLog/);
});

test('with reduced motion the marks do not fade: they stay still until they go', async () => {
  const context = await env.freshContext();
  const { page } = await open(context, env.base);
  const animation = () => page.$eval('#preview-text > .changed', (l) => getComputedStyle(l).animationName);
  await type(page, '#f-services-1-port', '8081');
  await marked(page, '8081');
  assert.equal(await animation(), 'line-mark');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await type(page, '#f-services-1-port', '8082');
  await marked(page, '8082');
  assert.equal(await animation(), 'none');
  // Seen without colour: a bar at the line's left edge.
  assert.notEqual(await page.$eval('#preview-text > .changed', (l) => getComputedStyle(l).borderLeftStyle), 'none');
});
