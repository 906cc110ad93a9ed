// Issue 6 and 7, end to end: `dropstream serve --demo` as a child process, driven by Debian Chromium. Orders appear
// and flow to done, the write-back Acumatica refuses once shows with the server's words and is retried to done, a
// wrong token is refused, and every screen is photographed in light and dark.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusView } from '../../../main/ipc/views.js';
import { QUEUE_TABS } from '../../../renderer/src/states.js';
import {
  apiClient,
  eventually,
  httpCall,
  openBrowser,
  openScreen,
  requireRendererBuild,
  screenshotBoth,
  startServeDemo,
  waitForReady,
  type ApiClient,
  type BrowserSession,
  type ServedDemo,
} from '../../helpers/browser.js';

// What the demo's Acumatica answers to the first write-back (main/cli/demo.ts).
const SERVER_WORDS = 'The carrier is temporarily inactive';

let home: string;
let demo: ServedDemo;
let api: ApiClient;

beforeAll(async () => {
  requireRendererBuild();
  home = mkdtempSync(join(tmpdir(), 'dropstream-e2e-demo-'));
  demo = await startServeDemo(home);
  api = await apiClient(demo.url, demo.token);
}, 60_000);

afterAll(async () => {
  await demo?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

async function countOf(page: Page, state: string): Promise<number> {
  const text = await page.locator(`[data-testid="count-${state}"] .tile-count`).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

const status = (): Promise<StatusView> => api.call('status.get', {});

describe('the served demo in Chromium', () => {
  it('signs in from the printed link, shows orders flowing, and retries the refused write-back to done', async () => {
    const b: BrowserSession = await openBrowser();
    try {
      const { page } = b;
      await page.goto(demo.loginUrl);
      await waitForReady(page);
      await page.waitForSelector('[data-testid="dashboard"]');
      // The token left the address bar (history.replaceState) once it was exchanged for the session cookie.
      expect(page.url()).not.toContain('token=');
      await expect(page.locator('[data-testid="demo-badge"]').innerText()).resolves.toContain('Demo');

      // Orders appear: the first poll imports the 12 seeded orders and sends them to the simulated warehouse.
      await page.locator('[data-testid="sync-now"]:not([disabled])').click({ timeout: 30_000 }).catch(() => undefined);
      await eventually(
        'orders to reach the warehouse (dashboard counts)',
        async () => (await countOf(page, 'at-wms')) + (await countOf(page, 'shipped')) + (await countOf(page, 'writeback-pending')) + (await countOf(page, 'done')) + (await countOf(page, 'writeback-failed')) > 0,
        30_000,
      );
      await screenshotBoth(page, 'dashboard');

      // They flow on: the warehouse ships after ~6 s, write-backs follow. "Sync now" speeds it up.
      const s = await eventually(
        'a write-back to be done and the refused one to fail',
        async () => {
          await page.locator('[data-testid="sync-now"]:not([disabled])').click({ timeout: 500 }).catch(() => undefined);
          const st = await status();
          return st.counts.done > 0 && st.counts.failed > 0 ? st : undefined;
        },
        90_000,
        1_000,
      );
      expect(s.counts.failed).toBe(1);
      // A refused write-back is precisely that (#17), not a send failure or a rejection.
      expect(s.counts).toMatchObject({ 'writeback-failed': 1, 'send-failed': 0, 'rejected-by-wms': 0 });
      // The dashboard shows the same figures as the API, without a reload.
      await eventually('the dashboard to show the failed write-back', async () => (await countOf(page, 'writeback-failed')) === 1, 5_000);
      expect(await countOf(page, 'done')).toBeGreaterThan(0);

      // The failed write-backs screen shows the server's own words.
      await openScreen(page, '#/failed', 'failed-writebacks');
      const row = page.locator('[data-testid="failed-row"]');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      await expect(row.first().innerText()).resolves.toContain(SERVER_WORDS);
      const failedRef = (await row.first().locator('td').nth(1).innerText()).trim();
      expect(failedRef).toMatch(/^SO-/);
      await screenshotBoth(page, 'failed-writebacks');

      // The order's detail shows the same message with Retry.
      await openScreen(page, `#/orders/${encodeURIComponent(failedRef)}`, 'order-detail');
      await page.waitForSelector('[data-testid="server-message"]');
      await expect(page.locator('[data-testid="server-message"]').innerText()).resolves.toContain(SERVER_WORDS);
      await expect(page.locator('[data-testid="order-state"]').innerText()).resolves.toBe('Write-back failed');
      await screenshotBoth(page, 'order-detail-failed');

      // Retry from the failed write-backs screen; the second PUT is accepted and the order ends done.
      await openScreen(page, '#/failed', 'failed-writebacks');
      await page.getByRole('button', { name: `Retry ${failedRef}` }).click();
      await page.getByText('1 write-back(s) queued for retry.').waitFor();
      await openScreen(page, `#/orders/${encodeURIComponent(failedRef)}`, 'order-detail');
      await page.getByTestId('order-state').getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
      // …and the API agrees (POST /api/request/orders.get with the session cookie).
      const detail = await api.call('orders.get', { ref: failedRef });
      expect(detail.row.state).toBe('done');
      expect(detail.fulfillments.length).toBeGreaterThan(0);
      expect(detail.fulfillments.every((f) => f.state === 'written')).toBe(true);
      await screenshotBoth(page, 'order-detail-done');
      await openScreen(page, '#/failed', 'failed-writebacks');
      await page.getByText('Nothing has failed').waitFor();
      expect((await status()).counts.failed).toBe(0);

      // Every other screen, for the record (light and dark).
      for (const state of QUEUE_TABS) {
        await openScreen(page, `#/queues/${state}`, 'queues');
        await page.waitForSelector(`[data-testid="tab-${state}"][aria-selected="true"]`);
        await page.getByTestId('loading').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
        await screenshotBoth(page, `queue-${state}`);
      }
      await openScreen(page, '#/sku', 'sku-mapping');
      await screenshotBoth(page, 'sku-mapping');
      await openScreen(page, '#/activity', 'activity');
      await page.waitForSelector('[data-testid="activity-row"]');
      await screenshotBoth(page, 'activity');
      await openScreen(page, '#/settings', 'settings');
      await screenshotBoth(page, 'settings');

      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 180_000);

  it('refuses a wrong token with a message on the login screen, and a request without the cookie', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await page.goto(`${demo.url}/#token=not-the-right-token`);
      await waitForReady(page);
      await page.waitForSelector('[data-testid="login"]');
      await expect(page.getByRole('alert').innerText()).resolves.toContain('The token in the link was not accepted');
      await expect(page.locator('[data-testid="dashboard"]').count()).resolves.toBe(0);

      // Typing a wrong one is refused too; the right one opens the app.
      await page.getByLabel('The access token printed by dropstream serve').fill('still-wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('That token was not accepted').waitFor();
      await screenshotBoth(page, 'login');
      await page.getByLabel('The access token printed by dropstream serve').fill(demo.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForSelector('[data-testid="dashboard"]');

      // The only console errors are the refused requests (401) of the wrong tokens.
      expect(b.errors.length).toBeGreaterThan(0);
      for (const e of b.errors) expect(e).toMatch(/401/);
    } finally {
      await b.close();
    }

    // Without the session cookie the API answers 401, whatever the channel.
    const noCookie = await httpCall(demo.url, '/api/request/orders.get', {
      method: 'POST',
      headers: { 'x-dropstream': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ ref: 'SO-000001' }),
    });
    expect(noCookie.status).toBe(401);
    expect(noCookie.body).not.toContain('SO-');
    const events = await httpCall(demo.url, '/api/events');
    expect(events.status).toBe(401);
    const forged = await httpCall(demo.url, '/api/request/status.get', {
      method: 'POST',
      headers: { cookie: 'ds_session=forged', 'x-dropstream': '1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  }, 60_000);
});
