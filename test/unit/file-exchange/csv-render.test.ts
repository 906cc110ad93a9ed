// The order file as a WMS sees it: name, exact columns, RFC 4180 quoting, every value exactly as Acumatica holds it.
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

  it('writes every value exactly: no formula-guard quote on + - = @ (issue #15 item 2; a WMS imports the quote)', () => {
    const order = sampleOrder('SO', '8', {
      notes: '=HYPERLINK("http://evil","x")',
      customerPo: '+1234',
      shipTo: {
        address: { line1: '-1 Minus St', line2: '@home', city: 'X', state: '', postalCode: '1', country: 'US' },
        contact: { name: '=cmd|calc', company: 'Safe Co', phone: '+1 (206) 555-0100', email: '' },
      },
      lines: [{ lineRef: '1', inventoryId: 'A', alternateId: '', sku: '-SKU', quantity: 3.5, uom: 'EA', description: "'quoted", warehouseId: 'W' }],
    });
    const rows: Record<string, string>[] = parse(createCsvFormat().renderOrder(order, 'new', 1, ctx).content, { columns: true });
    expect(rows[0]).toMatchObject({
      notes: '=HYPERLINK("http://evil","x")', customer_po: '+1234', ship_to_address1: '-1 Minus St', ship_to_address2: '@home',
      ship_to_name: '=cmd|calc', ship_to_company: 'Safe Co', ship_to_phone: '+1 (206) 555-0100', sku: '-SKU', description: "'quoted", quantity: '3.5',
    });
  });

  it('quotes a field holding a bare LF or CR, so "Multi\nLine Attn" stays one record (issue #15 item 1, RFC 4180 2.6)', () => {
    const order = sampleOrder('SO', '10', {
      shipTo: {
        address: { line1: 'Line\rOne', line2: '', city: 'X', state: '', postalCode: '1', country: 'US' },
        contact: { name: 'Multi\nLine Attn', company: 'Acme, Inc.', phone: '', email: '' },
      },
    });
    const text = createCsvFormat().renderOrder(order, 'new', 1, ctx).content.toString('utf8');
    expect(text).toContain('"Multi\nLine Attn"');
    expect(text).toContain('"Line\rOne"');
    // A strict reader (csv-parse, as a WMS would use) sees exactly the order's lines, with the values intact.
    const rows: Record<string, string>[] = parse(text, { columns: true, relax_quotes: false, relax_column_count: false, record_delimiter: ['\r\n', '\n', '\r'] });
    expect(rows).toHaveLength(order.lines.length);
    expect(rows.map((r) => [r.order_ref, r.ship_to_name, r.ship_to_company, r.ship_to_address1])).toEqual(
      order.lines.map(() => ['SO-10', 'Multi\nLine Attn', 'Acme, Inc.', 'Line\rOne']),
    );
  });

  it('property: a strict RFC 4180 reader gives back every column exactly, for arbitrary Unicode text', () => {
    // Any code point, with the characters that matter to CSV and spreadsheets drawn often.
    const awkward = fc.constantFrom('\n', '\r', '\r\n', ',', '"', '=', '+', '-', '@', "'", ' ', '\t', '\u202E', '\u05D0', '😀', '\uFEFF');
    const text = fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 });
    const format = createCsvFormat();
    fc.assert(
      fc.property(fc.array(text, { minLength: 17, maxLength: 17 }), fc.array(fc.tuple(text, text, text, text), { minLength: 1, maxLength: 3 }), (v, lineTexts) => {
        const order = sampleOrder('SO', 'P', {
          orderDate: v[0]!, shipVia: v[1]!, customerId: v[2]!, customerPo: v[3]!, notes: v[4]!,
          shipTo: {
            address: { line1: v[5]!, line2: v[6]!, city: v[7]!, state: v[8]!, postalCode: v[9]!, country: v[10]! },
            contact: { name: v[11]!, company: v[12]!, phone: v[13]!, email: v[14]! },
          },
          lines: lineTexts.map(([lineRef, sku, uom, description], i) => ({ lineRef, inventoryId: 'X', alternateId: '', sku, quantity: i + 0.5, uom, description, warehouseId: 'W' })),
        });
        const content = format.renderOrder({ ...order, ref: v[15]! + v[16]! }, 'change', 1, ctx).content;
        // Any line break ends an unquoted record, as in most WMS readers (csv-parse alone would guess CRLF only).
        const rows: string[][] = parse(content, { relax_quotes: false, relax_column_count: false, record_delimiter: ['\r\n', '\n', '\r'] });
        expect(rows[0]).toEqual([...ORDER_COLUMNS]);
        expect(rows.slice(1)).toEqual(
          lineTexts.map(([lineRef, sku, uom, description], i) => [
            'change', v[15]! + v[16]!, v[0], v[1], v[2], v[3], v[11], v[12], v[5], v[6], v[7], v[8], v[9], v[10], v[13], v[14], v[4],
            lineRef, sku, String(i + 0.5), uom, description,
          ]),
        );
      }),
      { numRuns: 300 },
    );
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
