// The order file as a WMS sees it: name, exact columns, RFC 4180 quoting, formula cells neutralised.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_COLUMNS } from '../../../main/core/wms/file-exchange/csv/columns.js';
import { createCsvFormat } from '../../../main/core/wms/file-exchange/csv/format.js';
import { orderFileName } from '../../../main/core/wms/file-exchange/csv/render.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { memoryState } from './helpers.js';

const ctx = { state: memoryState(), now: new Date('2026-11-27T09:05:03Z') };

describe('CSV order file', () => {
  it('is named ord_<order_ref>_<yyyymmddHHMMss>.csv with the exact header and one row per line', () => {
    const file = createCsvFormat().renderOrder(sampleOrder('SO', '000123'), 'new', 1, ctx);
    expect(file.name).toBe('ord_SO-000123_20261127090503.csv');
    const text = file.content.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(ORDER_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      action: 'new', order_ref: 'SO-000123', order_date: '2026-11-20', ship_via: 'UPSGROUND', customer_id: 'ABCSTUDIOS', customer_po: 'PO-1',
      ship_to_name: 'Jane Customer', ship_to_company: 'ABC Studios', ship_to_address1: '1 Main St', ship_to_address2: '', ship_to_city: 'Springfield',
      ship_to_state: 'IL', ship_to_postal_code: '62701', ship_to_country: 'US', ship_to_phone: '2175550100', ship_to_email: 'jane@example.com',
      notes: '', line_ref: '1', sku: 'WIDGET-BLUE', quantity: '2', uom: 'EA', description: 'Blue widget',
    });
    expect(rows[1]).toMatchObject({ line_ref: '2', sku: 'GADGET-RED', quantity: '1' });
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps UTF-8', () => {
    const order = sampleOrder('SO', '7', { notes: 'Leave at "back door", ring\ntwice', customerPo: 'Müller & Söhne' });
    const text = createCsvFormat().renderOrder(order, 'change', 2, ctx).content.toString('utf8');
    expect(text).toContain('"Leave at ""back door"", ring\ntwice"');
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows[0]).toMatchObject({ action: 'change', notes: 'Leave at "back door", ring\ntwice', customer_po: 'Müller & Söhne' });
  });

  it('neutralises cells starting with = + - @ but not the quantity', () => {
    const order = sampleOrder('SO', '8', {
      notes: '=HYPERLINK("http://evil","x")',
      customerPo: '+1234',
      shipTo: {
        address: { line1: '-1 Minus St', line2: '@home', city: 'X', state: '', postalCode: '1', country: 'US' },
        contact: { name: '=cmd|calc', company: 'Safe Co', phone: '+1 555', email: '' },
      },
      lines: [{ lineRef: '1', inventoryId: 'A', alternateId: '', sku: '-SKU', quantity: 3.5, uom: 'EA', description: '@desc', warehouseId: 'W' }],
    });
    const rows: Record<string, string>[] = parse(createCsvFormat().renderOrder(order, 'new', 1, ctx).content, { columns: true });
    expect(rows[0]).toMatchObject({
      notes: `'=HYPERLINK("http://evil","x")`, customer_po: "'+1234", ship_to_address1: "'-1 Minus St", ship_to_address2: "'@home",
      ship_to_name: "'=cmd|calc", ship_to_company: 'Safe Co', ship_to_phone: "'+1 555", sku: "'-SKU", description: "'@desc", quantity: '3.5',
    });
  });

  it('writes a cancel with every line and an emptied order as one row', () => {
    const f = createCsvFormat();
    const rows: Record<string, string>[] = parse(f.renderOrder(sampleOrder('SO', '9'), 'cancel', 3, ctx).content, { columns: true });
    expect(rows.map((r) => r.action)).toEqual(['cancel', 'cancel']);
    const empty: Record<string, string>[] = parse(f.renderOrder(sampleOrder('SO', '9', { lines: [] }), 'cancel', 3, ctx).content, { columns: true });
    expect(empty).toEqual([expect.objectContaining({ action: 'cancel', order_ref: 'SO-9', line_ref: '', sku: '', quantity: '' })]);
  });

  it('keeps any order_ref inside a plain file name (no separators, dots or control characters)', () => {
    expect(orderFileName('../../etc/passwd', ctx.now)).toBe('ord_______etc_passwd_20261127090503.csv');
    expect(orderFileName('SO\\..\\x\u0000y', ctx.now)).toBe('ord_SO____x_y_20261127090503.csv');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (ref) => {
        expect(orderFileName(ref, ctx.now)).toMatch(/^ord_[A-Za-z0-9_-]{1,80}_\d{14}\.csv$/);
      }),
    );
  });
});
