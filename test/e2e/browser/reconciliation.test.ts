// Issue 16 in Chromium, against a core in this process (Acumatica double + an in-memory warehouse): a reconciliation
// run from the UI shows the discrepancies grouped by kind with the three views; "Re-read from Acumatica" on one of
// them takes the order in (the engine sends it), and the next run no longer lists it. Screenshots light and dark.
import { afterEach, describe, expect, it } from 'vitest';
import { importWithoutSending } from '../../helpers/reconcile.js';
import { startAcumaticaDouble } from '../../fakes/acumatica/index.js';
import { createMemoryWms } from '../../fakes/memory-wms.js';
import { eventually, openBrowser, openScreen, screenshotBoth, startConfiguredApp, syncOnce, waitForReady } from '../../helpers/browser.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('dropstream-e2e-rec-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('reconciliation in Chromium', () => {
  it('runs from the UI, applies one action, and the discrepancy is gone on the next run', async () => {
    const acumatica = await startAcumaticaDouble();
    cleanups.push(() => acumatica.close());
    acumatica.seedSalesOrders(3, { seed: 16, lines: [1, 2], nonStockShare: 0 });
    const wms = createMemoryWms();
    const app = await startConfiguredApp(acumatica, wms, tempDir());
    cleanups.push(() => app.close());

    // A clean history of three orders, then two discrepancies: one entered in Acumatica while DropStream was off,
    // one DropStream knows but never sent.
    await syncOnce(app);
    for (const ref of [...wms.orders.keys()]) wms.shipAll(ref);
    await syncOnce(app);
    const held = acumatica.addSalesOrder({ Details: [{ InventoryID: 'WIDGET-BLUE', OrderQty: 1, OpenQty: 1, LineType: 'Goods for Inventory' }] });
    const heldRef = `${held.OrderType}-${held.OrderNbr}`;
    await importWithoutSending(app.core.runtime.engine, app.core.runtime.store, heldRef);
    const so = acumatica.addSalesOrder({ Details: [{ InventoryID: 'GADGET-RED', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' }] });
    const ref = `${so.OrderType}-${so.OrderNbr}`;

    const b = await openBrowser();
    cleanups.push(() => b.close());
    const page = b.page;
    await page.goto(app.server.loginUrl);
    await waitForReady(page);
    await page.waitForSelector('[data-testid="dashboard-reconcile-outcome"]:has-text("never run")');

    await openScreen(page, '#/reconcile', 'reconciliation');
    await page.click('[data-testid="reconcile-run"]');
    const row = `[data-testid="discrepancy"][data-ref="${ref}"][data-kind="unknown-to-dropstream"]`;
    await page.waitForSelector(row);
    expect(await page.textContent('[data-testid="reconcile-total"]')).toBe('2 discrepancies');
    expect(await page.textContent('[data-testid="kind-count-unknown-to-dropstream"]')).toMatch(/^1/);
    expect(await page.textContent('[data-testid="kind-count-never-sent"]')).toMatch(/^1/);
    // The three views side by side.
    expect(await page.textContent(`${row} section[aria-label="DropStream, ${ref}"]`)).toContain('No record in DropStream.');
    expect(await page.textContent(`${row} section[aria-label="Acumatica, ${ref}"]`)).toContain('Open');
    expect(await page.textContent(`${row} section[aria-label="Warehouse, ${ref}"]`)).toContain('Not known to the warehouse.');
    const shots = await screenshotBoth(page, 'reconciliation-found');

    // One action: re-read it from Acumatica; the engine takes it in and sends it to the warehouse.
    await page.click(`${row} [data-testid="action-re-read"]`);
    await page.waitForSelector('[data-testid="reconcile-notice"]');
    await eventually('the order to reach the warehouse', async () => wms.orders.has(ref));

    await page.click('[data-testid="reconcile-run"]');
    await page.waitForSelector(`[data-testid="reconcile-total"]:has-text("1 discrepancy")`);
    expect(await page.$(row)).toBeNull();
    expect(await page.$(`[data-testid="discrepancy"][data-ref="${heldRef}"][data-kind="never-sent"]`)).not.toBeNull();
    shots.push(...(await screenshotBoth(page, 'reconciliation-after-action')));

    await openScreen(page, '#/dashboard', 'dashboard');
    await page.waitForSelector('[data-testid="dashboard-reconcile-outcome"]:has-text("1 discrepancy")');
    shots.push(...(await screenshotBoth(page, 'reconciliation-dashboard')));
    expect(shots).toHaveLength(6);
    expect(b.errors).toEqual([]);
  });
});
