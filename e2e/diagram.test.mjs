// Issue 30 §6: a diagram that behaves like a diagram. A plain wheel over it scrolls the
// page (the output column from 1100 px wide, the window below that), never its box;
// Ctrl/⌘+wheel and a pinch zoom around the pointer; at its default it shows its whole
// height and pans sideways with a visible cue; no preset draws a label below 9 px.
// The rules are src/form/diagram_zoom.rs's, tested natively; this checks them in a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, SHOTS, diagramSvg, open, useBrowser } from './helpers.mjs';

const env = useBrowser();
const SIZES = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
];
/** The engine's smallest label is 10.5 units: 9 px at 9 / 10.5 = 6/7. */
const FLOOR = 6 / 7;
/**
 * Chrome lays boxes out in 1/64 px and the page writes the image's width to a tenth of a
 * pixel: a label may come out a hundredth of a pixel under its size.
 */
const ROUNDING_PX = 0.02;

const linkOf = (json) => execFileSync(CLI, ['link', '-'], { input: json, encoding: 'utf8' }).trim();

/** The default design with twelve services (the ten added like its second one). */
function twelveServices() {
  const design = JSON.parse(execFileSync(CLI, ['defaults'], { encoding: 'utf8' }));
  for (let i = 2; i < 12; i += 1) design.services.push({ ...design.services[1], name: `worker-${i}` });
  return JSON.stringify(design);
}

const DESIGNS = [
  ['default', null],
  ['twelve-services', twelveServices()],
  ['six-azs', readFileSync(join(ROOT, 'templates/six-azs-every-cpu/stackdraft.json'), 'utf8')],
];

async function openDiagram(viewport, design) {
  const context = await env.freshContext(viewport);
  const { page, log } = await open(context, design ? `${env.base}${linkOf(design)}` : env.base);
  await page.locator('#diagram[data-state="drawn"]').waitFor();
  await page.waitForFunction(() => document.querySelector('#diagram-img')?.naturalWidth > 0);
  // Every wheel event that reaches the page, to ask afterwards whether it was prevented.
  await page.evaluate(() => {
    window.wheels = [];
    document.addEventListener('wheel', (e) => window.wheels.push(e), { capture: true, passive: true });
  });
  return { page, log };
}

/** The diagram's scale, its box's scroll and size, the page's scroll, and the pan cues. */
const measure = (page) =>
  page.evaluate(() => {
    const box = document.querySelector('#diagram');
    const img = document.querySelector('#diagram-img');
    const frame = box.parentElement;
    return {
      scale: img.getBoundingClientRect().width / img.naturalWidth,
      imageHeight: img.getBoundingClientRect().height,
      page: document.querySelector('.output-col').scrollTop + window.scrollY,
      left: box.scrollLeft,
      top: box.scrollTop,
      clientWidth: box.clientWidth,
      clientHeight: box.clientHeight,
      scrollWidth: box.scrollWidth,
      scrollHeight: box.scrollHeight,
      pans: box.hasAttribute('data-pans'),
      cursor: getComputedStyle(box).cursor,
      cueLeft: Number(getComputedStyle(frame, '::before').opacity),
      cueRight: Number(getComputedStyle(frame, '::after').opacity),
    };
  });

/** Two frames: scrolls the page makes in the next frame are made. */
const frames = (page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** The diagram's top at the top of what scrolls it, and a point on it under the pointer. */
async function pointAtDiagram(page, x = 150, y = 200) {
  await page.locator('#diagram').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await frames(page);
  const box = await page.locator('#diagram').boundingBox();
  const point = { x: box.x + x, y: Math.max(box.y, 0) + y };
  await page.mouse.move(point.x, point.y);
  return point;
}

/** Where `point` falls on the image, as fractions of its width and height. */
const onImage = (page, point) =>
  page.locator('#diagram-img').evaluate((img, p) => {
    const r = img.getBoundingClientRect();
    return { x: (p.x - r.left) / r.width, y: (p.y - r.top) / r.height, width: r.width, height: r.height };
  }, point);

async function smallestLabel(page) {
  const svg = await diagramSvg(page);
  const font = Math.min(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])));
  return font * (await measure(page)).scale;
}

async function ctrlWheel(page, delta, key = 'Control') {
  await page.keyboard.down(key);
  await page.mouse.wheel(0, delta);
  await page.keyboard.up(key);
}

for (const [name, viewport] of SIZES) {
  test(`${name}: a plain wheel over the diagram scrolls the page, at the default and zoomed in`, async () => {
    const { page, log } = await openDiagram(viewport);
    for (const zoomed of [false, true]) {
      if (zoomed) {
        await page.click('#diagram-zoom');
        await page.click('#diagram-zoom-in');
      }
      await pointAtDiagram(page);
      const before = await measure(page);
      await page.mouse.wheel(0, 200);
      await page.waitForFunction((top) => document.querySelector('.output-col').scrollTop + window.scrollY > top, before.page);
      const after = await measure(page);
      assert.equal(after.top, before.top, 'the box never scrolls up and down');
      assert.equal(after.left, before.left, 'a wheel down does not pan the box');
      assert.equal(after.scale, before.scale, 'a plain wheel does not zoom');
      assert.ok(after.scrollHeight <= after.clientHeight, `the box has nothing to scroll: ${JSON.stringify(after)}`);
      const wheels = await page.evaluate(() => window.wheels.map((e) => e.defaultPrevented));
      assert.deepEqual(wheels.slice(-1), [false], 'the page kept the plain wheel');
    }
    assert.deepEqual(log.errors, []);
  });

  test(`${name}: Ctrl+wheel, ⌘+wheel and a pinch zoom around the pointer, and only down to 9 px labels`, async () => {
    const { page, log } = await openDiagram(viewport);
    const point = await pointAtDiagram(page);
    const opened = await measure(page);
    assert.ok(Math.abs(opened.scale - FLOOR) < 0.001, `opens at 6/7: ${opened.scale}`);

    // At the floor, Ctrl+wheel down changes nothing: no zoom, and the page does not scroll.
    await ctrlWheel(page, 100);
    await frames(page);
    let now = await measure(page);
    assert.equal(now.scale, opened.scale);
    assert.equal(now.page, opened.page, 'the page did not scroll');
    assert.ok((await smallestLabel(page)) >= 9 - ROUNDING_PX);

    // A notch up: one step of 1.25 (6/7 × 1.25 = 1.0714), the point under the pointer stays.
    const at = await onImage(page, point);
    await ctrlWheel(page, -100);
    await page.waitForFunction((s) => {
      const img = document.querySelector('#diagram-img');
      return img.getBoundingClientRect().width / img.naturalWidth > s * 1.2;
    }, opened.scale);
    await frames(page);
    now = await measure(page);
    assert.ok(Math.abs(now.scale - FLOOR * 1.25) < 0.001, `${now.scale}`);
    const kept = await onImage(page, point);
    assert.ok(Math.abs(kept.x - at.x) * kept.width < 2, `the point moved sideways: ${JSON.stringify([at, kept])}`);
    assert.ok(Math.abs(kept.y - at.y) * kept.height < 2, `the point moved up or down: ${JSON.stringify([at, kept])}`);

    // ⌘+wheel zooms as Ctrl+wheel does.
    await ctrlWheel(page, -100, 'Meta');
    await page.waitForFunction((s) => {
      const img = document.querySelector('#diagram-img');
      return img.getBoundingClientRect().width / img.naturalWidth > s * 1.2;
    }, now.scale);

    // A pinch arrives as a wheel with ctrlKey and a small delta: 10 px zoom by 1.025.
    await frames(page);
    const pinched = await measure(page);
    const dispatched = await page.locator('#diagram-img').evaluate((img, p) => {
      const pinch = { ctrlKey: true, deltaY: -10, clientX: p.x, clientY: p.y, bubbles: true, cancelable: true };
      return img.dispatchEvent(new WheelEvent('wheel', pinch));
    }, point);
    assert.equal(dispatched, false, 'the pinch was kept from the browser');
    await frames(page);
    now = await measure(page);
    assert.ok(Math.abs(now.scale / pinched.scale - 1.025) < 0.001, `${pinched.scale} → ${now.scale}`);

    // Every Ctrl/⌘ wheel was prevented (the browser's own zoom stays off); out again, the
    // scale stops at the floor.
    const prevented = await page.evaluate(() => window.wheels.filter((e) => e.ctrlKey || e.metaKey).map((e) => e.defaultPrevented));
    assert.deepEqual(prevented, prevented.map(() => true));
    for (let i = 0; i < 6; i += 1) await ctrlWheel(page, 100);
    await page.waitForFunction((f) => {
      const img = document.querySelector('#diagram-img');
      return Math.abs(img.getBoundingClientRect().width / img.naturalWidth - f) < 0.001;
    }, FLOOR);
    assert.ok((await smallestLabel(page)) >= 9 - ROUNDING_PX);
    assert.deepEqual(log.errors, []);
  });

  for (const [design, json] of DESIGNS) {
    test(`${name}, ${design}: at the default the diagram shows its whole height and pans sideways with a visible cue`, async () => {
      const { page, log } = await openDiagram(viewport, json);
      await page.locator('#diagram').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await frames(page);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `diagram-default-${design}-${name}.png`) });
      const opened = await measure(page);
      assert.ok(opened.scrollHeight <= opened.clientHeight, `clipped at the bottom: ${JSON.stringify(opened)}`);
      assert.ok(Math.abs(opened.imageHeight - opened.clientHeight) <= 1, 'the box is as tall as the diagram');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
      if (opened.scrollWidth > opened.clientWidth + 1) {
        assert.ok(opened.pans, 'the box says it pans');
        assert.equal(opened.cursor, 'grab');
        assert.deepEqual([opened.cueLeft, opened.cueRight], [0, 1], 'a shadow at the right edge, none at the left');
        await page.locator('#diagram').evaluate((e) => { e.scrollLeft = e.scrollWidth; });
        await frames(page);
        const end = await measure(page);
        assert.equal(end.left, end.scrollWidth - end.clientWidth);
        assert.deepEqual([end.cueLeft, end.cueRight], [1, 0], 'at the end, the shadow is at the left edge');
      } else {
        assert.ok(!opened.pans);
        assert.deepEqual([opened.cueLeft, opened.cueRight], [0, 0]);
      }
      assert.deepEqual(log.errors, []);
    });
  }

  for (const [design, json] of [DESIGNS[0], DESIGNS[2]]) {
    test(`${name}, ${design}: no preset, step, key or wheel draws a label below 9 px`, async () => {
      const { page, log } = await openDiagram(viewport, json);
      const seen = [];
      const check = async (what) => {
        const label = await smallestLabel(page);
        seen.push([what, label.toFixed(2)]);
        assert.ok(label >= 9 - ROUNDING_PX, `${what}: the smallest label is ${label.toFixed(3)} px`);
      };
      await check('default');
      await page.click('#diagram-fit');
      await check('Fit');
      for (let i = 0; i < 3; i += 1) {
        await page.click('#diagram-zoom-out');
        await check(`zoom out ${i + 1}`);
      }
      await page.click('#diagram-zoom');
      await check('Actual size');
      assert.ok(Math.abs((await measure(page)).scale - 1) < 0.001);
      await page.click('#diagram-zoom-in');
      await check('zoom in');
      await page.locator('#diagram').focus();
      for (const key of ['0', '-', '-', '1', '-', '-']) {
        await page.keyboard.press(key);
        await check(`key ${key}`);
      }
      await pointAtDiagram(page);
      for (let i = 0; i < 3; i += 1) {
        await ctrlWheel(page, 100);
        await frames(page);
        await check(`Ctrl+wheel out ${i + 1}`);
      }
      assert.deepEqual(log.errors, []);
    });
  }
}

test('a 1000 px window: the default design fits its box above the floor, with no pan cue', async () => {
  const { page, log } = await openDiagram({ width: 1000, height: 800 });
  const opened = await measure(page);
  const natural = await page.locator('#diagram-img').evaluate((e) => e.naturalWidth);
  assert.ok(opened.clientWidth / natural > FLOOR, `the box (${opened.clientWidth} px) is wide enough to fit`);
  assert.ok(Math.abs(opened.scale - opened.clientWidth / natural) < 0.001, `fitted: ${opened.scale}`);
  assert.ok(opened.scrollWidth <= opened.clientWidth && opened.scrollHeight <= opened.clientHeight);
  assert.ok(!opened.pans);
  assert.notEqual(opened.cursor, 'grab');
  assert.deepEqual([opened.cueLeft, opened.cueRight], [0, 0]);
  // Widened to 1280 px the page has two columns and the box 520 px: the default follows,
  // down to the floor, and pans.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction((f) => {
    const img = document.querySelector('#diagram-img');
    return Math.abs(img.getBoundingClientRect().width / img.naturalWidth - f) < 0.001;
  }, FLOOR);
  assert.ok((await measure(page)).pans);
  assert.deepEqual(log.errors, []);
});
