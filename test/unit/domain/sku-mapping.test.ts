import { describe, expect, it } from 'vitest';
import { linesFromPackages, type Fulfillment, type Package } from '../../../main/core/domain/index.js';
import { skuLookup, toAcumaticaTerms, toWarehouseOrder, writebackOrder } from '../../../main/core/domain/sku-mapping.js';
import { sampleOrder } from '../../fixtures/orders.js';

const pkg = (contents: Package['contents']): Package => ({
  boxId: 'B1', trackingNumber: 'T1', packageType: '', weight: 1, weightUom: 'LB', length: null, width: null, height: null, dimensionUom: '', contents,
});

function fulfillment(contents: Package['contents']): Fulfillment {
  const packages = [pkg(contents)];
  return { id: 'f', orderRef: 'SO-1', shipDate: '2026-11-27', carrier: 'UPS', service: 'Ground', packages, lines: linesFromPackages(packages) };
}

describe('SKU mapping', () => {
  const order = sampleOrder('SO', '1');

  it('passes unmapped InventoryIDs through and maps others case-insensitively with their unit factor', () => {
    const lookup = skuLookup([{ inventoryId: 'widget-blue', uom: '', sku: 'WB-EACH', factor: 12, components: [] }]);
    const wms = toWarehouseOrder(order, lookup);
    expect(wms.lines.map((l) => [l.lineRef, l.sku, l.quantity])).toEqual([
      ['1', 'WB-EACH', 24],
      ['2', 'GADGET-RED', 1],
    ]);
    const back = toAcumaticaTerms(fulfillment([{ lineRef: '1', sku: 'WB-EACH', quantity: 12 }]), wms);
    expect(back.lines).toEqual([{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 1 }]);
  });

  it('expands a kit into components and counts whole kits shipped on the way back', () => {
    const lookup = skuLookup([{ inventoryId: 'WIDGET-BLUE', uom: 'EA', sku: 'KIT', factor: 1, components: [{ sku: 'BASE', quantity: 1 }, { sku: 'SCREW', quantity: 4 }] }]);
    const wms = toWarehouseOrder(order, lookup);
    expect(wms.lines.filter((l) => l.lineRef.startsWith('1/')).map((l) => [l.lineRef, l.sku, l.quantity])).toEqual([
      ['1/1', 'BASE', 2],
      ['1/2', 'SCREW', 8],
    ]);
    const partial = toAcumaticaTerms(fulfillment([{ lineRef: '1/1', sku: 'BASE', quantity: 2 }, { lineRef: '1/2', sku: 'SCREW', quantity: 5 }]), wms);
    expect(partial.lines).toEqual([{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 1 }]);
    const onlyOne = toAcumaticaTerms(fulfillment([{ lineRef: '1/1', sku: 'BASE', quantity: 2 }]), wms);
    expect(onlyOne.lines).toEqual([]);
  });

  it('keeps sent lines writable after Acumatica stopped listing them as open', () => {
    const sent = toWarehouseOrder(order, skuLookup([]));
    const nowOpen = { ...order, lines: order.lines.slice(1) };
    expect(writebackOrder(nowOpen, sent).lines.map((l) => l.lineRef).sort()).toEqual(['1', '2']);
  });

  it('keeps the warehouse lot/serial numbers on lines and package contents, in Acumatica units', () => {
    const wms = toWarehouseOrder(order, skuLookup([{ inventoryId: 'WIDGET-BLUE', uom: '', sku: 'WB-EACH', factor: 12, components: [] }]));
    const back = toAcumaticaTerms(
      fulfillment([
        { lineRef: '1', sku: 'WB-EACH', quantity: 12, lotSerialNbr: 'L-A' },
        { lineRef: '1', sku: 'WB-EACH', quantity: 12, lotSerialNbr: 'L-B' },
        { lineRef: '2', sku: 'GADGET-RED', quantity: 1 },
      ]),
      wms,
    );
    expect(back.lines).toEqual([
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2, lotSerials: [{ lotSerialNbr: 'L-A', quantity: 1 }, { lotSerialNbr: 'L-B', quantity: 1 }] },
      { lineRef: '2', sku: 'GADGET-RED', quantity: 1 },
    ]);
    expect(back.packages[0]!.contents).toEqual([
      { lineRef: '2', sku: 'GADGET-RED', quantity: 1 },
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 1, lotSerialNbr: 'L-A' },
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 1, lotSerialNbr: 'L-B' },
    ]);
  });
});
