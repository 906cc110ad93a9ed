// Issue 14 item 10: large lists. Page size, $select, paging by key while the list changes, and the fallback to
// keys-then-records when the server cannot optimize the query. The double answers list requests as a real instance
// does (test/fakes/acumatica/list-query.ts: key order, $skip over the live set, CannotOptimizeException).
import { describe, expect, it } from 'vitest';
import { entityRequests, useAcumatica } from './setup.js';

describe('Acumatica import of large lists', () => {
  const start = useAcumatica();

  it('asks for the configured page size and only the fields it reads, and still maps every one of them', async () => {
    const h = await start({ settings: { pageSize: 40 } });
    const seeded = h.double.seedSalesOrders(90, { nonStockShare: 0 });
    const result = await h.gateway.importOrders({ since: null });
    const pages = entityRequests(h.double).filter((r) => r.path.endsWith('/SalesOrder'));
    expect(pages.map((p) => p.query.$top)).toEqual(['40', '40', '40']);
    const select = pages[0]!.query.$select!.split(',');
    expect(select).toEqual(expect.arrayContaining(['OrderNbr', 'LastModified', 'ShipToAddress/Country', 'ShipToContact/Email', 'Details/InventoryID', 'Details/OrderQty', 'Details/WarehouseID']));
    // The double returns only the selected fields (nested ones too), so a field the mapper needs but $select
    // forgot would read as empty here.
    const first = seeded[0]!;
    const order = result.orders.find((o) => o.ref === `SO-${first.OrderNbr}`)!;
    expect(order.shipTo.address).toMatchObject({ city: first.ShipToAddress.City, postalCode: first.ShipToAddress.PostalCode, country: first.ShipToAddress.Country });
    expect(order.shipTo.contact.email).toBe(first.ShipToContact.Email);
    expect(order.lines.map((l) => [l.inventoryId, l.quantity])).toEqual(first.Details.map((d) => [d.InventoryID.trim(), d.OpenQty]));
    expect(result.orders).toHaveLength(90);
  });

  it('misses nothing when orders leave and join the list between two pages (where $skip would skip 50)', async () => {
    const h = await start({ settings: { pageSize: 100 } });
    const seeded = h.double.seedSalesOrders(250, { lines: [1, 1] });
    let pagesServed = 0;
    let added = '';
    h.double.afterList(() => {
      if (++pagesServed !== 1) return;
      // While the import reads page 1, the first 50 orders are shipped (they leave "Open") and a new one is entered.
      for (const so of seeded.slice(0, 50)) h.double.updateSalesOrder('SO', so.OrderNbr, { Status: 'Completed' });
      added = h.double.addSalesOrder({ Details: [{ OrderQty: 1 }] }).OrderNbr;
    });
    const result = await h.gateway.importOrders({ since: null });
    const refs = new Set(result.orders.map((o) => o.ref));
    const stillOpen = [...seeded.slice(50).map((s) => s.OrderNbr), added];
    expect(stillOpen.filter((nbr) => !refs.has(`SO-${nbr}`))).toEqual([]);
    expect(refs.size).toBe(251); // the 100 of page 1 (50 of them since completed) + the 151 after them
  });

  it('falls back to keys, then each record by key, when Acumatica cannot optimize the list; remembers it', async () => {
    const h = await start({ settings: { pageSize: 50 }, double: { nonOptimizable: { SalesOrder: ['Status'] } } });
    const seeded = h.double.seedSalesOrders(120, { lines: [2, 2] });
    const result = await h.gateway.importOrders({ since: null });
    expect(result.orders).toHaveLength(120);
    const order = result.orders.find((o) => o.ref === `SO-${seeded[7]!.OrderNbr}`)!;
    expect(order.lines).toHaveLength(2);
    expect(order.shipTo.address.city).toBe(seeded[7]!.ShipToAddress.City);

    const calls = entityRequests(h.double);
    const refused = calls.filter((r) => r.status === 500);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.query.$expand).toContain('Details');
    const keyPages = calls.filter((r) => r.path.endsWith('/SalesOrder') && r.status === 200);
    expect(keyPages.map((p) => [p.query.$select, p.query.$expand, p.query.$top])).toEqual(Array(3).fill(['OrderType,OrderNbr', undefined, '50']));
    const byKey = calls.filter((r) => /\/SalesOrder\/SO\/\d+$/.test(r.path));
    expect(byKey).toHaveLength(120);
    expect(byKey[0]!.query.$expand).toContain('Details');
    expect(byKey[0]!.query.$select).toContain('Details/OrderQty');

    // The next full import goes straight to keys: no second refusal.
    const before = h.double.requests.length;
    const again = await h.gateway.importOrders({ since: null });
    expect(again.orders).toHaveLength(120);
    expect(h.double.requests.slice(before).filter((r) => r.status === 500)).toHaveLength(0);
  });

  it('the double refuses what a real instance refuses: details in $expand with a non-optimizable filter', async () => {
    const h = await start({ double: { nonOptimizable: { SalesOrder: ['Status'] } } });
    h.double.seedSalesOrders(3);
    const c = h.double.credentials;
    const form = new URLSearchParams({ grant_type: 'password', client_id: c.clientId, client_secret: c.sharedSecret, username: c.username, password: c.password, scope: 'api' });
    const token = (await (await fetch(`${h.double.url}/identity/connect/token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const list = (q: string) => fetch(`${h.double.url}/entity/Default/24.200.001/SalesOrder?${q}`, { headers: { Authorization: `Bearer ${token.access_token}` } });

    const refused = await list(`$filter=${encodeURIComponent("Status eq 'Open'")}&$expand=Details&$top=2`);
    expect(refused.status).toBe(500);
    const body = (await refused.json()) as { exceptionType: string; exceptionMessage: string };
    expect(body.exceptionType).toBe('PX.Api.ContractBased.OptimizedExport.CannotOptimizeException');
    expect(body.exceptionMessage).toMatch(/^Optimization cannot be performed\.The following fields cause the error:\r\nStatus: /);
    // Without the details, or without that field in the filter, the same list is served.
    expect((await list(`$filter=${encodeURIComponent("Status eq 'Open'")}&$select=OrderType,OrderNbr&$top=2`)).status).toBe(200);
    expect((await list(`$filter=${encodeURIComponent("OrderType eq 'SO'")}&$expand=Details&$top=2`)).status).toBe(200);
    // $select of nested fields: only those come back.
    const [rec] = (await (await list('$expand=Details&$select=OrderNbr,Details/OrderQty&$top=1')).json()) as Record<string, unknown>[];
    expect(Object.keys(rec!).filter((k) => !['id', 'rowNumber', 'note', 'custom', '_links'].includes(k)).sort()).toEqual(['Details', 'OrderNbr']);
    const line = (rec!.Details as Record<string, unknown>[])[0]!;
    expect(Object.keys(line).filter((k) => !['id', 'rowNumber', 'note', 'custom'].includes(k))).toEqual(['OrderQty']);
  });
});
