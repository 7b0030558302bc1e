// Issue 28: a service's application settings on its card. Every list is edited by keyboard
// alone (add, type, remove, the bulk tools), each error shows at its row, undo takes back
// one step at a time, the zip equals the CLI's, and the Share section offers a link without
// the variables' values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, afterSave, download, open, savedDesign, useBrowser } from './helpers.mjs';

const env = useBrowser();
const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:shop/db-Xy12Ab';
const POLICY = 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess';

const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const design = async (page) => JSON.parse(await savedDesign(page));

/** Presses Enter on the list's "Add a …" button and waits for the new row's first cell. */
async function addRow(page, list, row) {
  await page.focus(`#f-services-0-${list}-add`);
  await page.keyboard.press('Enter');
  const first = list === 'command' || list === 'policy_arns' ? `${row}` : `${row}-${firstKey(list)}`;
  await page.waitForFunction((id) => document.activeElement?.id === id, `f-services-0-${list}-${first}`);
}

const firstKey = (list) => ({ environment: 'name', secrets: 'name', permissions: 'resource' })[list];

/** Opens a <details> by keyboard: its summary focused, Enter. */
async function openDetails(page, summary) {
  await page.focus(summary);
  await page.keyboard.press('Enter');
}

test('each list is edited by keyboard, errors show at their row, undo is one step each', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  const { page, log } = await open(context, env.base);
  const settings = page.locator('#service-0-app');
  // Folded while the service has none; the summary says so.
  assert.equal(await settings.getAttribute('open'), null);
  assert.match(await settings.locator('.app-summary').innerText(), /none yet/);
  await openDetails(page, '#service-0-app > summary');
  assert.notEqual(await settings.getAttribute('open'), null);

  // Environment: Add, type the name, Tab to the value, type it, Tab away.
  await addRow(page, 'environment', 0);
  await page.keyboard.type('NODE_ENV');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'f-services-0-environment-0-value');
  await page.keyboard.type('production');
  await page.keyboard.press('Tab');

  // Secrets.
  await addRow(page, 'secrets', 0);
  await page.keyboard.type('DB_PASSWORD');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${SECRET}:password::`);
  await page.keyboard.press('Tab');

  // Command: typed as one line, the split shown before it is used, then used.
  await openDetails(page, '#f-services-0-command details.paste > summary');
  await page.focus('#f-services-0-command-bulk');
  await page.keyboard.type(`node "dist/server.js" --title 'a b' c\\ d`);
  const status = page.locator('#f-services-0-command-bulk-status');
  assert.equal(await status.innerText(), '5 arguments: ⟨node⟩⟨dist/server.js⟩⟨--title⟩⟨a b⟩⟨c d⟩');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Use these arguments');
  await page.keyboard.press('Enter');
  await page.locator('#f-services-0-command-4').waitFor();
  assert.equal(await page.locator('#f-services-0-command-3').inputValue(), 'a b');
  // An unbalanced quote is refused where it is typed, and nothing changes.
  await page.focus('#f-services-0-command-bulk');
  await page.keyboard.type('node "server.js');
  assert.match(await status.innerText(), /quote/);
  assert.equal(await page.locator('#f-services-0-command-bulk').getAttribute('aria-invalid'), 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal((await design(page)).services[0].command.length, 5);
  await page.locator('#f-services-0-command-bulk').fill('');

  // Data access: the resource, then the access chosen with the arrow key.
  await addRow(page, 'permissions', 0);
  await page.keyboard.type('arn:aws:s3:::shop-assets');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'f-services-0-permissions-0-access');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');

  // A managed policy.
  await addRow(page, 'policy_arns', 0);
  await page.keyboard.type(POLICY);
  await page.keyboard.press('Tab');

  // Environment lines pasted in bulk.
  await openDetails(page, '#f-services-0-environment details.paste > summary');
  await page.focus('#f-services-0-environment-bulk');
  await page.keyboard.type('LOG_LEVEL=info\nexport GREETING="hello world"');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('#f-services-0-environment-bulk-status', { hasText: 'Added 2 variables.' }).waitFor();

  const edited = await design(page);
  const app = edited.services[0];
  assert.deepEqual(app.environment, [
    { name: 'NODE_ENV', value: 'production' },
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'GREETING', value: 'hello world' },
  ]);
  assert.deepEqual(app.secrets, [{ name: 'DB_PASSWORD', value_from: `${SECRET}:password::` }]);
  assert.deepEqual(app.command, ['node', 'dist/server.js', '--title', 'a b', 'c d']);
  assert.deepEqual(app.permissions, [{ resource: 'arn:aws:s3:::shop-assets', access: 'read-write' }]);
  assert.deepEqual(app.policy_arns, [POLICY]);
  assert.equal(await page.locator('#error-summary').count(), 0, 'the edited design is valid');
  assert.match(
    await settings.locator('.app-summary').innerText(),
    /environment variables 3 · secrets 1 · command 5 · data access 1 · managed policies 1/,
  );

  // A bad name: its error shows at its row, named.
  await addRow(page, 'environment', 3);
  await page.keyboard.type('1BAD');
  await page.keyboard.press('Tab');
  const error = page.locator('#f-services-0-environment-3-name-err');
  await error.waitFor();
  assert.match(await error.innerText(), /1BAD/);
  assert.equal(await page.locator('#f-services-0-environment-3-name').getAttribute('aria-invalid'), 'true');

  // Undo: the name typed, then the row added, one step each.
  await page.click('#undo');
  await afterSave(page);
  assert.equal((await design(page)).services[0].environment[3].name, '');
  await page.click('#undo');
  assert.deepEqual((await design(page)).services[0].environment, app.environment);
  await page.click('#redo');
  assert.equal((await design(page)).services[0].environment.length, 4);

  // Remove by keyboard: the focus moves to the next row's first cell.
  await page.focus('[aria-label="Remove variable 2"]');
  await page.keyboard.press('Enter');
  await afterSave(page);
  assert.deepEqual(
    (await design(page)).services[0].environment.map((v) => v.name),
    ['NODE_ENV', 'GREETING', ''],
  );
  assert.equal(await focused(page), 'f-services-0-environment-1-name');
  await page.click('#undo');
  assert.equal((await design(page)).services[0].environment.length, 4);
  // Back to the valid design for the download.
  await page.click('#undo');
  assert.deepEqual(await design(page), edited);

  // The zip is byte for byte the CLI's bundle of the same design.
  const dir = join(env.work, 'application');
  const zip = await download(page, page.locator('#download-zip'), dir);
  const saved = join(dir, 'stackdraft.json');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, join(dir, 'unzipped')]);
  const config = readFileSync(join(dir, 'unzipped', 'stackdraft.json'));
  assert.deepEqual(JSON.parse(config), edited);
  execFileSync('cp', [join(dir, 'unzipped', 'stackdraft.json'), saved]);
  const cliZip = join(dir, 'cli.zip');
  execFileSync(CLI, ['zip', saved, '--out', cliZip], { stdio: 'pipe' });
  assert.ok(readFileSync(zip).equals(readFileSync(cliZip)), 'the zip differs from `stackdraft zip`');
  assert.deepEqual(log.errors, []);
});

test('the Share section offers a link without the values, which opens with each value to fill', async () => {
  const context = await env.freshContext({ width: 1280, height: 900 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  const { page } = await open(context, env.base);
  // No variable yet: no such offer.
  assert.equal(await page.locator('#copy-link-without-values').count(), 0);
  await openDetails(page, '#service-0-app > summary');
  await addRow(page, 'environment', 0);
  await page.keyboard.type('API_URL');
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://internal.example/v1');
  await page.keyboard.press('Tab');
  await afterSave(page);
  const full = await page.locator('#share-url').inputValue();
  await page.locator('#share-values .warn', { hasText: 'environment variables' }).waitFor();
  await page.click('#copy-link-without-values');
  await page.locator('#share-status', { hasText: 'Link without values copied' }).waitFor();
  const without = await page.evaluate(() => navigator.clipboard.readText());
  assert.notEqual(without, full);
  assert.ok(without.startsWith(env.base), without);

  const other = await env.freshContext({ width: 1280, height: 900 });
  const { page: opened } = await open(other, without);
  const shared = await design(opened);
  assert.deepEqual(shared.services[0].environment, [{ name: 'API_URL', value: null }]);
  const blank = opened.locator('#f-services-0-environment-0-value-err');
  await blank.waitFor();
  assert.match(await blank.innerText(), /'API_URL' has no value/);
  // Filling it in makes the design whole again.
  await opened.locator('#f-services-0-environment-0-value').fill('https://internal.example/v1');
  await opened.locator('#f-services-0-environment-0-value').press('Tab');
  await afterSave(opened);
  assert.equal(await opened.locator('#f-services-0-environment-0-value-err').count(), 0);
  assert.equal(await opened.locator('#share-url').inputValue(), full);
});
