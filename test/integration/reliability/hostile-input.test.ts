// Hostile input, property-based and hand-picked: Acumatica records with missing, extra and wrongly typed fields; a
// 2,000-line order; Unicode and right-to-left addresses; order references that try to leave the exchange folder;
// spreadsheet formulas in exported CSV; endless and oversized HTTP answers; invalid UTF-8 in warehouse files.
// Nothing may crash the loop; each bad item is held or rejected with a reason.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttp, defaultTuning } from '../../../main/core/acumatica/http.js';
import { ordersCsv, skuCsv } from '../../../main/core/api/csv.js';
import { systemClock } from '../../../main/core/clock.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { createFileExchangeAdapter } from '../../../main/core/wms/file-exchange/adapter.js';
import { createCsvFormat } from '../../../main/core/wms/file-exchange/csv/format.js';
import { fileExchangeSettingsSchema } from '../../../main/core/wms/file-exchange/settings.js';
import type { OrderRow } from '../../../main/ipc/views.js';
import { useEngine } from '../../helpers/engine-harness.js';
import { refOf, useRoundTrip } from '../../helpers/roundtrip.js';
import { useTempDir } from '../../helpers/tmp.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { testDeps } from '../../unit/file-exchange/helpers.js';

const engine = useEngine();
const roundTrip = useRoundTrip();
const tempDir = useTempDir('ds-hostile-');
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

const FIELDS = ['OrderNbr', 'OrderType', 'CustomerID', 'Status', 'Date', 'LastModified', 'ShipVia', 'ShipToAddress', 'ShipToContact', 'Details', 'Hold', 'CustomerOrder'];
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 40 }),
  fc.constant({}),
  fc.constant([]),
  fc.constant('x'.repeat(10_000)),
  fc.record({ value: fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 20 }), fc.constant({}), fc.constant([1, 2])) }),
  fc.constant([{ id: 'x', LineNbr: { value: 'one' }, InventoryID: { value: 42 }, OrderQty: { value: 'ten' } }]),
);

describe('hostile Acumatica records', () => {
  it('a record with any field missing, replaced or wrongly typed, plus unknown fields, never stops the loop or the good orders (property)', async () => {
    const h = await engine();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.subarray(FIELDS, { minLength: 1, maxLength: 3 }), fc.array(hostileValue, { minLength: 3, maxLength: 3 }), async (fields, values) => {
        run++;
        const wire: Record<string, unknown> = { [`Extra_${run}`]: { value: 'unexpected' }, custom: { Document: { AttributeX: { type: 'CustomStringField', value: 'y' } } } };
        fields.forEach((f, i) => (wire[f] = values[i]));
        const bad = h.double.addSalesOrder({ wire });
        const good = h.double.addSalesOrder();
        const report = await h.engine.runCycle();
        // The loop went on: no side-wide error, the good order reached the warehouse.
        expect(report.errors).toEqual([]);
        expect(h.store.orders.get(refOf(good))?.state).toBe('at-wms');
        // The bad one was imported as it is, held with a reason, or (when its very key is unreadable) skipped
        // with a logged reason; in no case did it fail anything else.
        const rec = h.store.orders.get(refOf(bad));
        if (rec && rec.state === 'held') expect(rec.attention ?? '').not.toBe('');
        expect(h.store.orders.counts().failed ?? 0).toBe(0);
      }),
      { numRuns: 40, seed: 8 },
    );
  }, 120_000);

  it('a 2,000-line order imports and reaches the warehouse whole', async () => {
    const h = await engine();
    const details = Array.from({ length: 2000 }, (_, i) => ({ InventoryID: `PART-${String(i).padStart(5, '0')}`, OrderQty: 1 + (i % 7), OpenQty: 1 + (i % 7), LineType: 'Goods for Inventory' }));
    const so = h.double.addSalesOrder({ Details: details });
    const report = await h.engine.runCycle();
    expect(report.errors).toEqual([]);
    const sent = h.wms.orders.get(refOf(so))!;
    expect(sent.lines).toHaveLength(2000);
    expect(sent.lines.reduce((n, l) => n + l.quantity, 0)).toBe(details.reduce((n, d) => n + d.OpenQty, 0));
  });
});

describe('hostile text on the way to the warehouse', () => {
  it('Unicode and right-to-left addresses arrive byte-exact in the CSV order file', async () => {
    const root = tempDir();
    const rt = await roundTrip({ wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: root }, stableForMs: 0 } });
    const line1 = 'שדרות רוטשילד 22 \u200f(קומה 3)';
    const city = 'القاهرة';
    const name = 'Zoë Ångström-Łukasz 😀 e\u0301';
    const so = rt.double.addSalesOrder({ ShipToAddress: { AddressLine1: line1, City: city }, ShipToContact: { Attention: name } });
    await rt.cycle();
    const [file] = readdirSync(join(root, 'in')).filter((n) => n.includes(refOf(so).replace(/[^A-Za-z0-9_-]/g, '_')));
    const text = readFileSync(join(root, 'in', file!), 'utf8');
    expect(text).toContain(line1);
    expect(text).toContain(city);
    expect(text).toContain(name);
  });

  it('order references with /, .., NUL or control characters never make a file outside in/ (property)', async () => {
    const base = tempDir();
    const root = join(base, 'exchange');
    mkdirSync(root);
    const adapter = createFileExchangeAdapter(fileExchangeSettingsSchema.parse({ adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: root }, stableForMs: 0 }), testDeps(), createCsvFormat());
    const nasty = fc.oneof(
      fc.constantFrom('../../etc/passwd', '..', '.', '/', 'a/../../b', '..\\..\\win.ini', 'x\u0000y', '\u0007\u001b[2J', 'C:\\Windows\\evil', 'con', 'nul.txt', ' ', '%2e%2e%2f', '\u202eexe.csv'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
      fc.array(fc.constantFrom('..', '/', '\\', '\u0000', '\n', 'a', '.'), { minLength: 1, maxLength: 12 }).map((p) => p.join('')),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(nasty, async (nbr) => {
        n++;
        const order = sampleOrder('SO', nbr);
        await adapter.sendOrder(order, 'new', n);
      }),
      { numRuns: 150, seed: 9 },
    );
    await adapter.close();
    // Only our folder structure exists, and every order file sits directly in in/ with a tame name.
    expect(readdirSync(base)).toEqual(['exchange']);
    const inFiles = readdirSync(join(root, 'in'));
    expect(inFiles.length).toBe(150);
    for (const f of inFiles) {
      expect(f).toMatch(/^ord_[A-Za-z0-9_-]+_\d{8}T?\d{6}\w*\.csv$/);
      expect(relative(join(root, 'in'), resolve(root, 'in', f))).toBe(f);
    }
    expect(readdirSync(root).sort()).toEqual(['in', 'out']);
  });

  it('a confirmation file with invalid UTF-8 is set aside with a reason and the loop goes on', async () => {
    const root = tempDir();
    const rt = await roundTrip({ wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: root }, stableForMs: 0 } });
    const so = rt.double.addSalesOrder();
    await rt.cycle();
    mkdirSync(join(root, 'out'), { recursive: true });
    writeFileSync(join(root, 'out', 'shp_garbage.csv'), Buffer.concat([Buffer.from('order_ref,sku,quantity,tracking_number\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0x2c, 0x80, 0x0a]), Buffer.from(`${refOf(so)},\xff\xfe,1,1Z\n`, 'latin1')]));
    const report = await rt.engine.runCycle();
    expect(report.errors).toEqual([]);
    expect(existsSync(join(root, 'out', 'shp_garbage.csv'))).toBe(false);
    const errorDir = join(root, 'out', 'error');
    expect(readdirSync(errorDir).some((f) => f.includes('shp_garbage'))).toBe(true);
    // The operator can read why: an activity entry names the file.
    const notes = rt.store.activity.list({ search: 'shp_garbage', offset: 0, limit: 10 }).rows.map((r) => r.message);
    expect(notes.join('\n')).toMatch(/shp_garbage/);
    expect(rt.stateOf(refOf(so))).toBe('at-wms');
    expect(rt.double.shipments()).toHaveLength(0);
    // A good file after it still goes through.
    await rt.cycle();
  });
});

describe('exported CSV against spreadsheet formula injection', () => {
  const row = (text: string): OrderRow =>
    ({
      ref: text,
      state: 'held',
      customerId: text,
      shipToName: text,
      orderDate: '2025-01-01',
      lineCount: 1,
      wmsRef: text,
      shipmentNbrs: [text],
      trackingNumbers: [text],
      attention: text,
      lastError: { kind: 'business', message: text },
      updatedAt: '2025-01-01T00:00:00Z',
    }) as unknown as OrderRow;

  it('every cell that starts with = + - @ (or tab/CR) leaves as text, in the orders and SKU exports (property)', () => {
    const dangerous = fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string({ maxLength: 30 })).map(([a, b]) => a + b);
    fc.assert(
      fc.property(dangerous, (text) => {
        for (const csv of [ordersCsv([row(text)]), skuCsv([{ inventoryId: text, uom: text, sku: text, factor: 1, components: [{ sku: text, quantity: 1 }] }])]) {
          const [, cells]: string[][] = parse(csv, { relax_column_count: true });
          for (const c of cells ?? []) expect(c).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
      { numRuns: 300, seed: 10 },
    );
  });
});

describe('oversized and endless HTTP answers from Acumatica', () => {
  async function serve(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const client = (url: string, tuning: Partial<typeof defaultTuning>) =>
    createHttp({ instanceUrl: url, caFile: undefined, requestsPerMinute: 6000, maxConcurrent: 4, clock: systemClock, logger: silentLogger, tuning: { ...defaultTuning, ...tuning } });

  it('an answer dribbled out without end is cut at the time limit (transient)', async () => {
    const url = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const t = setInterval(() => res.write('{"a":1},'), 20);
      req.socket.on('close', () => clearInterval(t));
    });
    const started = Date.now();
    await expect(client(url, { timeoutMs: 400 }).send({ method: 'GET', url: `${url}/entity/Default/24.200.001/SalesOrder` })).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/did not answer within/) });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('an answer larger than the size limit is refused with a clear message, not buffered', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 50 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    await expect(client(url, { maxContentLength: 1024 * 1024 }).send({ method: 'GET', url: `${url}/entity/Default/24.200.001/SalesOrder` })).rejects.toMatchObject({ kind: 'business', message: expect.stringMatching(/too large/) });
  });
});
