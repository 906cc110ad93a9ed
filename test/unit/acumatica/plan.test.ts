import { describe, expect, it } from 'vitest';
import { boxIdFor, packageMarker, planShipment, shipViaFor } from '../../../main/core/acumatica/plan.js';
import type { Fulfillment } from '../../../main/core/domain/index.js';
import { acumaticaSettingsSchema } from '../../../main/core/settings/schema.js';
import { sampleOrder } from '../../fixtures/orders.js';

const settings = (extra: Record<string, unknown> = {}) =>
  acumaticaSettingsSchema.parse({ url: 'https://x.example', clientId: '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Co', username: 'u', ...extra });

const fulfillment: Fulfillment = {
  id: 'F-1',
  orderRef: 'SO-000001',
  shipDate: '2026-11-27',
  carrier: 'UPS',
  service: 'Next Day Air',
  packages: [{ boxId: 'CTN-9', trackingNumber: '1ZX', packageType: 'mailer', weight: 1.2, weightUom: 'LB', length: null, width: null, height: null, dimensionUom: 'IN', contents: [{ lineRef: '2', sku: 'GADGET-RED', quantity: 1 }] }],
  lines: [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2 }, { lineRef: '2', sku: 'GADGET-RED', quantity: 1 }],
};

describe('planShipment', () => {
  it('maps Ship Via by carrier|service then carrier, case-insensitively, else the order, else holds', () => {
    const s = settings({ shipViaMap: { 'ups|next day air': 'UPSNDA', UPS: 'UPSGROUND' } });
    const order = sampleOrder('SO', '000001');
    expect(shipViaFor(s, order, 'UPS', 'Next Day Air')).toBe('UPSNDA');
    expect(shipViaFor(s, order, 'ups', 'Ground')).toBe('UPSGROUND');
    expect(shipViaFor(s, order, 'DHL', 'X')).toBe('UPSGROUND'); // the order's own
    expect(() => shipViaFor(settings({ shipViaFallbackToOrder: false }), order, 'DHL', 'X')).toThrow('No Ship Via mapping for carrier DHL service X: add one in Settings > Mappings.');
  });
  it('maps Box IDs with a default', () => {
    expect(boxIdFor(settings({ boxMap: { Mailer: 'ENVELOPE' } }), 'MAILER')).toBe('ENVELOPE');
    expect(boxIdFor(settings({ defaultBoxId: 'LARGE' }), '')).toBe('LARGE');
    expect(() => boxIdFor(settings(), 'crate')).toThrow(/No Box ID for package type crate/);
  });
  it('builds the create body of sales-order mode', () => {
    const plan = planShipment(settings({ shipViaMap: { UPS: 'UPSGROUND' }, defaultBoxId: 'SMALL' }), sampleOrder('SO', '000001'), fulfillment);
    expect(plan).toMatchObject({ mode: 'create', shipmentNbr: null, trackingNumbers: ['1ZX'] });
    expect(plan.body).toEqual({
      Type: { value: 'Shipment' },
      CustomerID: { value: 'ABCSTUDIOS' },
      WarehouseID: { value: 'WHOLESALE' },
      ShipmentDate: { value: '2026-11-27T00:00:00' },
      ShipVia: { value: 'UPSGROUND' },
      Description: { value: 'DropStream F-1' },
      Hold: { value: false },
      ControlQty: { value: 3 },
      Details: [
        { OrderType: { value: 'SO' }, OrderNbr: { value: '000001' }, OrderLineNbr: { value: 1 }, InventoryID: { value: 'WIDGET-BLUE' }, ShippedQty: { value: 2 }, UOM: { value: 'EA' } },
        { OrderType: { value: 'SO' }, OrderNbr: { value: '000001' }, OrderLineNbr: { value: 2 }, InventoryID: { value: 'GADGET-RED' }, ShippedQty: { value: 1 }, UOM: { value: 'EA' } },
      ],
      Packages: [
        {
          BoxID: { value: 'SMALL' },
          TrackingNbr: { value: '1ZX' },
          Weight: { value: 1.2 },
          Description: { value: 'CTN-9' },
          CustomRefNbr1: { value: packageMarker('F-1') },
          PackageContents: [{ InventoryID: { value: 'GADGET-RED' }, LotSerialNbr: { value: '' }, Quantity: { value: 1 }, UOM: { value: 'EA' }, OrigOrderType: { value: 'SO' }, OrigOrderNbr: { value: '000001' } }],
        },
      ],
    });
  });
  it('trims the description marker to the field length and refuses unknown lines', () => {
    const long = planShipment(settings({ defaultBoxId: 'S' }), sampleOrder('SO', '1'), { ...fulfillment, id: 'x'.repeat(400) });
    expect((long.body.Description as { value: string }).value).toHaveLength(255);
    expect(() => planShipment(settings({ defaultBoxId: 'S' }), sampleOrder('SO', '1'), { ...fulfillment, lines: [{ lineRef: '9', sku: 'Z', quantity: 1 }] })).toThrow(/line 9/);
  });
  it('builds the update body of shipment mode', () => {
    const order = sampleOrder('SO', '1', { source: 'shipment', key: { kind: 'shipment', shipmentNbr: '000058' }, ref: '000058' });
    const plan = planShipment(settings({ defaultBoxId: 'S' }), order, fulfillment);
    expect(plan.mode).toBe('update');
    expect(plan.shipmentNbr).toBe('000058');
    expect(Object.keys(plan.body)).toEqual(['ShipmentNbr', 'ShipVia', 'Packages']);
  });
});
