// Issue 7, the connection wizard end to end: Chromium against a core in this process and an Acumatica double. A wrong
// shared secret fails the test with words naming the secret; the right one passes every check; the warehouse step
// tests a folder exchange; after the review the saved settings are in the API, and no secret ever reaches the page,
// an API answer or a file of the data folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend.js';
import { createSettingsStore } from '../../../main/core/settings/store.js';
import { MemorySecretStore, startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/index.js';
import { openBrowser, screenshotBoth, startInProcess, waitForReady, type BrowserSession, type InProcessApp } from '../../helpers/browser.js';
import { useTempDir } from '../../helpers/tmp.js';

const SHARED_SECRET = 'Wiz4rd-Sh4red-S3cret-7Qx';
const WRONG_SECRET = 'Wr0ng-Sh4red-S3cret-Zk2';
const PASSWORD = 'Pa55-W0rd-Wizard-91m';

const tempDir = useTempDir('dropstream-e2e-wizard-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Every file under `dir`, as text (binary files too: a secret would still show as its bytes). */
function filesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push({ path, text: readFileSync(path).toString('latin1') });
  }
  return out;
}

describe('the connection wizard in Chromium', () => {
  it('refuses a wrong shared secret clearly, passes with the right one, sets up a folder exchange and saves it all', async () => {
    const acumatica: AcumaticaDouble = await startAcumaticaDouble({ credentials: { sharedSecret: SHARED_SECRET, password: PASSWORD } });
    cleanups.push(() => acumatica.close());
    acumatica.seedSalesOrders(3, { seed: 11 });
    const dataDir = tempDir();
    const exchangeDir = tempDir();
    const secrets = new MemorySecretStore();
    const app: InProcessApp = await startInProcess({ dataDir, secrets, settings: createSettingsStore(createConfBackend(dataDir)), start: true });
    cleanups.push(() => app.close());
    const b: BrowserSession = await openBrowser();
    cleanups.push(() => b.close());
    const { page } = b;

    // Every API answer the page receives, to prove no secret comes back (the event stream never ends: left out).
    const answers: Promise<string>[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/request/')) answers.push(res.text().catch(() => ''));
    });

    // First run: nothing configured, the wizard opens by itself.
    await page.goto(app.server.loginUrl);
    await waitForReady(page);
    await page.waitForSelector('[data-testid="wizard-acumatica"]');
    await screenshotBoth(page, 'wizard-1-acumatica-empty');

    await page.getByLabel('Instance URL').fill(acumatica.url);
    await page.getByLabel('Client ID').fill(acumatica.credentials.clientId);
    await expect(page.getByTestId('tenant').innerText()).resolves.toContain(acumatica.credentials.clientId.split('@')[1]!);
    await page.getByLabel('Shared secret', { exact: true }).fill(WRONG_SECRET);
    await page.getByLabel('User name').fill(acumatica.credentials.username);
    await page.getByLabel('Password').fill(PASSWORD);

    // Wrong secret: the sign-in check fails and says what to fix, naming the shared secret.
    await page.getByTestId('acu-test').click();
    const checks = page.getByTestId('acu-checks');
    await checks.waitFor();
    await expect(checks.getByRole('status').innerText()).resolves.toContain('Some checks failed');
    const signIn = page.getByTestId('check-token');
    await expect(signIn.getAttribute('class')).resolves.toBe('bad');
    const words = await signIn.innerText();
    expect(words).toContain('Shared Secret');
    expect(words).toContain('Connected Applications');
    expect(words).not.toContain(WRONG_SECRET);
    await expect(page.getByTestId('check-reachable').getAttribute('class')).resolves.toBe('ok');
    await screenshotBoth(page, 'wizard-1-acumatica-wrong-secret');

    // The right secret: every check passes.
    await page.getByLabel('Shared secret', { exact: true }).fill(SHARED_SECRET);
    await page.getByTestId('acu-test').click();
    await checks.getByRole('status').getByText('All checks passed.', { exact: true }).waitFor();
    const classes = await Promise.all((await page.locator('[data-testid="acu-checks"] li').all()).map((li) => li.getAttribute('class')));
    expect(classes.length).toBeGreaterThanOrEqual(4);
    expect(classes.every((c) => c === 'ok')).toBe(true);
    await screenshotBoth(page, 'wizard-1-acumatica-all-passed');

    // Save: the secrets go to the secret store, the step moves on to the warehouse.
    await page.getByTestId('acu-save').click();
    await page.waitForSelector('[data-testid="wizard-wms"]');
    expect(await secrets.get('acumatica.sharedSecret')).toBe(SHARED_SECRET);
    expect(await secrets.get('acumatica.password')).toBe(PASSWORD);
    await screenshotBoth(page, 'wizard-2-warehouse-empty');

    // Warehouse: CSV files in a folder; its own test creates in/ and out/ and checks them.
    await page.getByLabel('How DropStream talks to the warehouse').selectOption('file');
    await page.getByLabel('File format').selectOption('csv');
    await page.getByLabel('A folder on this computer or the network').check();
    await page.getByLabel('Exchange folder (holds in/ and out/)').fill(exchangeDir);
    await page.getByTestId('wms-test').click();
    await page.getByTestId('wms-checks').getByRole('status').getByText('All checks passed.', { exact: true }).waitFor();
    expect(statSync(join(exchangeDir, 'in')).isDirectory()).toBe(true);
    expect(statSync(join(exchangeDir, 'out')).isDirectory()).toBe(true);
    await screenshotBoth(page, 'wizard-2-warehouse-tested');

    await page.getByTestId('wms-save').click();
    const review = page.getByTestId('wizard-review');
    await review.waitFor();
    const reviewText = await review.innerText();
    expect(reviewText).toContain(acumatica.url);
    expect(reviewText).toContain(`CSV files in ${exchangeDir}`);
    expect(reviewText).toContain('acumatica.sharedSecret: saved');
    expect(reviewText).toContain('acumatica.password: saved');
    await screenshotBoth(page, 'wizard-3-review');

    await page.getByTestId('wizard-finish').click();
    await page.waitForSelector('[data-testid="dashboard"]');

    // The API has what was saved; only "saved" for the secrets.
    const { text, result } = await app.api.raw('settings.get', {});
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value;
    expect(view.settings.acumatica).toMatchObject({ url: acumatica.url, clientId: acumatica.credentials.clientId, username: acumatica.credentials.username, mode: 'sales-orders' });
    expect(view.settings.wms).toMatchObject({ adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: exchangeDir } });
    expect(view.secretsSaved['acumatica.sharedSecret']).toBe(true);
    expect(view.secretsSaved['acumatica.password']).toBe(true);

    // The saved connection works: the engine imports the seeded orders and writes them to the exchange folder.
    await app.api.call('sync.now', {});
    await page.locator('[data-testid="count-at-wms"] .tile-count', { hasText: /^3$/ }).waitFor({ timeout: 20_000 });
    expect(readdirSync(join(exchangeDir, 'in')).filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(0);

    // No secret in the page, in any API answer, or in any file of the data folder (settings, database, logs).
    const html = await page.content();
    const bodies = [html, text, ...(await Promise.all(answers))];
    expect(answers.length).toBeGreaterThan(10);
    for (const body of bodies) {
      for (const secret of [SHARED_SECRET, WRONG_SECRET, PASSWORD]) expect(body).not.toContain(secret);
    }
    expect(b.errors).toEqual([]);

    await app.close();
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.path.endsWith('settings.json'))).toBe(true);
    for (const f of files) {
      for (const secret of [SHARED_SECRET, WRONG_SECRET, PASSWORD]) expect(f.text, f.path).not.toContain(secret);
    }
  }, 120_000);
});
