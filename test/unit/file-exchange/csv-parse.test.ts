// Confirmation files -> Fulfillments, and every kind of bad file rejected whole with one reason per bad row.
import { describe, expect, it } from 'vitest';
import { createCsvFormat } from '../../../main/core/wms/file-exchange/csv/format.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { lookupOf, memoryState, shpCsv } from './helpers.js';

const format = createCsvFormat();
const ctx = { state: memoryState(), now: new Date('2026-11-27T10:00:00Z') };
const so123 = sampleOrder('SO', '000123', {
  lines: [
    { lineRef: '1', inventoryId: 'WIDGET-BLUE', alternateId: '', sku: 'WIDGET-BLUE', quantity: 10, uom: 'EA', description: '', warehouseId: 'W' },
    { lineRef: '2', inventoryId: 'GADGET-RED', alternateId: '', sku: 'GADGET-RED', quantity: 4, uom: 'EA', description: '', warehouseId: 'W' },
  ],
});
const so124 = sampleOrder('SO', '000124');
const lookup = lookupOf([so123, so124]);

function parseRows(rows: Parameters<typeof shpCsv>[0], lk = lookup, name = 'shp_1.csv') {
  return format.parseInbound(name, Buffer.from(shpCsv(rows)), lk, ctx);
}

describe('CSV confirmation: good files', () => {
  it('reads the optional lot_serial column into package contents and line lot/serials', () => {
    const parsed = format.parseInbound(
      'shp_lot.csv',
      Buffer.from(
        shpCsv(
          [
            { box_id: 'B1', line_ref: '1', quantity: '2', lot_serial: 'LOT-A' },
            { box_id: 'B1', line_ref: '1', quantity: '1', lot_serial: 'LOT-B' },
            { box_id: 'B2', line_ref: '1', quantity: '3', lot_serial: 'LOT-A' },
            { box_id: 'B2', line_ref: '2', sku: 'GADGET-RED', quantity: '1', lot_serial: '' },
          ],
          true,
        ),
      ),
      lookup,
      ctx,
    );
    expect(parsed.errors).toEqual([]);
    const f = parsed.fulfillments[0]!;
    expect(f.packages.map((p) => p.contents)).toEqual([
      [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2, lotSerialNbr: 'LOT-A' }, { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 1, lotSerialNbr: 'LOT-B' }],
      [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 3, lotSerialNbr: 'LOT-A' }, { lineRef: '2', sku: 'GADGET-RED', quantity: 1 }],
    ]);
    expect(f.lines).toEqual([
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 6, lotSerials: [{ lotSerialNbr: 'LOT-A', quantity: 5 }, { lotSerialNbr: 'LOT-B', quantity: 1 }] },
      { lineRef: '2', sku: 'GADGET-RED', quantity: 1 },
    ]);
  });

  it('takes values as written: a leading quote or + - = @ is data, never stripped', () => {
    const parsed = parseRows([{ tracking_number: "'+1Z", box_id: '=B1', carrier: '@UPS', service: '-GROUND' }]);
    expect(parsed.errors).toEqual([]);
    const f = parsed.fulfillments[0]!;
    expect([f.carrier, f.service, f.packages[0]!.trackingNumber, f.packages[0]!.boxId]).toEqual(['@UPS', '-GROUND', "'+1Z", '=B1']);
  });

  it('accepts only shp_*.csv and never temp names', () => {
    expect(format.accepts('shp_0001.csv')).toBe(true);
    expect(format.accepts('SHP_0001.CSV')).toBe(true);
    expect(format.accepts('.tmp-shp_0001.csv')).toBe(false);
    expect(format.accepts('ord_SO-1_20261127.csv')).toBe(false);
    expect(format.accepts('shp_0001.csv.part')).toBe(false);
  });

  it('parses a partial multi-box shipment: rows with the same box form one package, lines are summed', () => {
    const parsed = parseRows([
      { box_id: 'B1', tracking_number: '1ZA', line_ref: '1', sku: 'WIDGET-BLUE', quantity: '3' },
      { box_id: 'B1', tracking_number: '1ZA', line_ref: '2', sku: 'gadget-red', quantity: '1' },
      { box_id: 'B2', tracking_number: '1ZB', weight: '1.25', line_ref: '1', sku: 'WIDGET-BLUE', quantity: '2' },
      { box_id: 'B3', tracking_number: '1ZC', line_ref: '', sku: '', quantity: '', weight: '' },
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.fulfillments).toHaveLength(1);
    const f = parsed.fulfillments[0]!;
    expect(f).toMatchObject({ id: 'shp_1.csv#SO-000123', orderRef: 'SO-000123', shipDate: '2026-11-27', carrier: 'UPS', service: 'GROUND' });
    expect(f.packages.map((p) => [p.boxId, p.trackingNumber, p.contents])).toEqual([
      ['B1', '1ZA', [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 3 }, { lineRef: '2', sku: 'GADGET-RED', quantity: 1 }]],
      ['B2', '1ZB', [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2 }]],
      ['B3', '1ZC', []],
    ]);
    expect(f.packages[1]).toMatchObject({ weight: 1.25, weightUom: 'LB', length: 10, width: 8, height: 4, dimensionUom: 'IN', packageType: '' });
    expect(f.packages[2]!.weight).toBeNull();
    expect(f.lines).toEqual([{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 5 }, { lineRef: '2', sku: 'GADGET-RED', quantity: 1 }]);
  });

  it('makes one Fulfillment per order in a file with several orders', () => {
    const parsed = parseRows([
      { order_ref: 'SO-000124', box_id: 'X1', tracking_number: 'T1', line_ref: '2', sku: 'GADGET-RED', quantity: '1' },
      { order_ref: 'SO-000123', box_id: 'X1', tracking_number: 'T2', line_ref: '1', sku: 'WIDGET-BLUE', quantity: '10' },
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.fulfillments.map((f) => [f.id, f.lines])).toEqual([
      ['shp_1.csv#SO-000124', [{ lineRef: '2', sku: 'GADGET-RED', quantity: 1 }]],
      ['shp_1.csv#SO-000123', [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 10 }]],
    ]);
  });

  it('accepts a UTF-8 BOM, quoted cells, and a SKU echoed with the formula-guard quote of order files written before issue #15', () => {
    const text = '\uFEFF' + shpCsv([{ carrier: 'UPS, Inc.', sku: "'-WIDGET" }]);
    const lk = lookupOf([sampleOrder('SO', '000123', { lines: [{ lineRef: '1', inventoryId: '-WIDGET', alternateId: '', sku: '-WIDGET', quantity: 1, uom: 'EA', description: '', warehouseId: 'W' }] })]);
    const parsed = format.parseInbound('shp_2.csv', Buffer.from(text), lk, ctx);
    expect(parsed.errors).toEqual([]);
    expect(parsed.fulfillments[0]).toMatchObject({ carrier: 'UPS, Inc.', lines: [{ sku: '-WIDGET', quantity: 1 }] });
  });

  it('allows the rest of a partially shipped line, and does not count a package already recorded', () => {
    const lk = lookupOf([so123], { 'SO-000123': { shipped: { '1': 7 }, packages: [['1ZOLD', 'B9']] } });
    const ok = parseRows([{ box_id: 'B2', tracking_number: '1ZNEW', quantity: '3' }, { box_id: 'B9', tracking_number: '1ZOLD', quantity: '7' }], lk);
    expect(ok.errors).toEqual([]);
    const over = parseRows([{ box_id: 'B2', tracking_number: '1ZNEW', quantity: '4' }], lk);
    expect(over.errors).toEqual([
      'Row 2 (order SO-000123, box B2): quantity 4 of line 1 (WIDGET-BLUE) is more than is still open (sent 10, shipped before 7, earlier rows of this file 0): correct the quantity.',
    ]);
  });
});

describe('CSV confirmation: bad files are rejected whole, with one reason per bad row', () => {
  const expectRejected = (parsed: ReturnType<typeof parseRows>, reasons: (string | RegExp)[]): void => {
    expect(parsed.fulfillments).toEqual([]);
    expect(parsed.errors).toHaveLength(reasons.length);
    reasons.forEach((r, i) => expect(parsed.errors[i]).toMatch(r));
  };

  it('rejects invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(shpCsv([{ carrier: 'UPS' }])), Buffer.from([0xc3, 0x28])]);
    expectRejected(format.parseInbound('shp_x.csv', bytes, lookup, ctx), [/not valid UTF-8 text: save it as UTF-8/]);
  });

  it('rejects malformed CSV', () => {
    const text = shpCsv([{}]) + 'SO-000123,2026-11-27,"UPS,GROUND\r\n';
    expectRejected(format.parseInbound('shp_x.csv', Buffer.from(text), lookup, ctx), [/^The file is not valid CSV \(.*\): fix the quoting/]);
  });

  it('rejects a wrong header, an empty file and a header without rows', () => {
    const wrong = shpCsv([{}]).replace('tracking_number', 'tracking');
    expectRejected(format.parseInbound('s.csv', Buffer.from(wrong), lookup, ctx), [/^Row 1: the header must be exactly "order_ref,ship_date,.*,tracking_number,/]);
    expectRejected(format.parseInbound('s.csv', Buffer.alloc(0), lookup, ctx), [/^The file is empty/]);
    expectRejected(format.parseInbound('s.csv', Buffer.from(shpCsv([])), lookup, ctx), [/header but no shipment rows/]);
  });

  it('rejects unknown orders, lines and skus, over-shipment, bad dates and numbers, each with its row', () => {
    const parsed = parseRows([
      { box_id: 'B1', quantity: '1' },
      { order_ref: 'SO-999', box_id: 'B1' },
      { line_ref: '7' },
      { sku: 'GADGET-RED' },
      { ship_date: '11/27/2026' },
      { ship_date: '2026-02-30' },
      { weight: '1,5' },
      { quantity: 'two' },
      { line_ref: '', sku: '', quantity: '3' },
      { box_id: '' },
      { box_id: 'B5', line_ref: '2', sku: 'GADGET-RED', quantity: '5' },
    ]);
    expectRejected(parsed, [
      /^Row 3 \(order SO-999, box B1\): order_ref "SO-999" is not an order this app sent to the warehouse/,
      /^Row 4 .*line_ref "7" is not a line of order SO-000123: use the line_ref of the order file\.$/,
      /^Row 5 .*sku "GADGET-RED" is not the sku of line 1 \(WIDGET-BLUE\): correct the sku\.$/,
      /^Row 6 .*ship_date "11\/27\/2026" is not a date: write it as YYYY-MM-DD/,
      /^Row 7 .*ship_date "2026-02-30" is not a date/,
      /^Row 8 .*weight "1,5" is not a number \(use a dot as the decimal separator\)/,
      /^Row 9 .*quantity "two" is not a number/,
      /^Row 10 .*line_ref, sku and quantity go together/,
      /^Row 11 \(order SO-000123, box \?\): box_id is empty/,
      /^Row 12 .*quantity 5 of line 2 \(GADGET-RED\) is more than is still open \(sent 4, shipped before 0/,
    ]);
  });

  it('rejects a row with a wrong number of fields and conflicting values within one shipment or box', () => {
    const text = shpCsv([{ box_id: 'B1', tracking_number: 'T1' }, { box_id: 'B1', tracking_number: 'T2', quantity: '1' }, { carrier: 'FEDEX', box_id: 'B2' }]) + 'SO-000123,2026-11-27,UPS\r\n';
    expectRejected(format.parseInbound('s.csv', Buffer.from(text), lookup, ctx), [
      /^Row 3 .*tracking_number "T2" differs from an earlier row of box B1 \("T1"\)/,
      /^Row 4 .*carrier "FEDEX" differs from row 2 \("UPS"\): one file holds one shipment per order/,
      /^Row 5: has 3 fields, expected 15/,
    ]);
  });
});
