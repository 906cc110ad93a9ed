// The examples in docs/file-exchange.md are what the code writes and accepts: vendors copy them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCsvFormat } from '../../../main/core/wms/file-exchange/csv/format.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { lookupOf, memoryState } from './helpers.js';

const doc = readFileSync(new URL('../../../docs/file-exchange.md', import.meta.url), 'utf8');
const csvBlocks = [...doc.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]!);
const ctx = { state: memoryState(), now: new Date('2026-11-27T09:30:00Z') };

describe('docs/file-exchange.md examples', () => {
  it('shows the order file exactly as rendered', () => {
    const order = sampleOrder('SO', '000123', { notes: 'Leave at "back door"' });
    const rendered = createCsvFormat().renderOrder(order, 'new', 1, ctx).content.toString('utf8');
    expect(csvBlocks[0]).toBe(rendered.replace(/\r\n/g, '\n'));
  });

  it('shows a confirmation the format accepts', () => {
    const lk = lookupOf([
      sampleOrder('SO', '000123'),
      sampleOrder('SO', '000124', { lines: [{ lineRef: '1', inventoryId: 'WIDGET-BLUE', alternateId: '', sku: 'WIDGET-BLUE', quantity: 5, uom: 'EA', description: '', warehouseId: 'W' }] }),
    ]);
    const parsed = createCsvFormat().parseInbound('shp_20261127_0001.csv', Buffer.from(csvBlocks[1]!), lk, ctx);
    expect(parsed.errors).toEqual([]);
    expect(parsed.fulfillments.map((f) => [f.orderRef, f.packages.length])).toEqual([['SO-000123', 2], ['SO-000124', 1]]);
  });
});
