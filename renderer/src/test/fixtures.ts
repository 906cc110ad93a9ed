// Test data shaped like the core's views.
import type { OrderDetail, OrderRow, SettingsView, StatusView } from '../../../main/ipc/views.js';
import { defaultSettings } from '../../../main/core/settings/schema.js';

export function orderRow(i: number, over: Partial<OrderRow> = {}): OrderRow {
  return {
    ref: `SO-${String(i).padStart(6, '0')}`,
    source: 'sales-order',
    state: 'awaiting-wms',
    customerId: `C${i % 50}`,
    shipToName: `Customer ${i % 50}`,
    orderDate: '2026-03-01',
    lineCount: 2,
    wmsRef: null,
    shipmentNbrs: [],
    trackingNumbers: [],
    lastError: null,
    attention: null,
    attentionReason: null,
    attempts: 0,
    nextAttemptAt: null,
    updatedAt: '2026-03-01T10:00:00Z',
    ...over,
  };
}

export function settingsView(over: Partial<SettingsView['settings']> = {}): SettingsView {
  return {
    settings: { ...defaultSettings, ...over },
    secretsSaved: {
      'acumatica.sharedSecret': false,
      'acumatica.password': false,
      'acumatica.refreshToken': false,
      'wms.sftp.password': false,
      'wms.sftp.privateKey': false,
      'wms.extensiv.clientSecret': false,
    },
    secretStore: 'OS keychain',
    dataDir: '/home/op/.local/share/dropstream',
    wmsAdapters: [
      { id: 'file', label: 'File exchange (CSV or X12 files in a folder or over SFTP)', offered: 'always' },
      { id: 'extensiv', label: 'Extensiv 3PL Warehouse Manager', offered: 'always' },
      { id: 'simulated', label: 'Simulated warehouse (demo)', offered: 'when-chosen' },
    ],
  };
}

export const configuredAcumatica = {
  url: 'https://acme.acumatica.com',
  clientId: '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Company',
  username: 'admin',
  mode: 'sales-orders' as const,
  statuses: ['Open'],
  orderTypes: ['SO'],
  warehouseId: '',
  pageSize: 100,
  requestsPerMinute: 60,
  maxConcurrent: 2,
  concurrentAccess: false,
  actionPollSeconds: 0.5,
  actionPollMaxSeconds: 5,
  actionTimeoutSeconds: 120,
  overlapSeconds: 120,
  reconcileMinutes: 360,
  confirmShipments: true,
  shipViaMap: {},
  shipViaFallbackToOrder: true,
  boxMap: {},
  defaultBoxId: '',
};

export function statusView(over: Partial<StatusView> = {}): StatusView {
  return {
    acumatica: { state: 'connected', message: 'Connected to Acumatica 24.200.001', endpointVersion: '24.200.001' },
    wms: { state: 'connected', message: 'Exchange folder reachable', adapter: 'file' },
    counts: { imported: 0, held: 1, 'awaiting-wms': 5, 'at-wms': 7, shipped: 2, 'writeback-pending': 1, done: 120, 'send-failed': 0, 'rejected-by-wms': 0, 'writeback-failed': 3, failed: 3, cancelled: 0 },
    paused: false,
    syncing: false,
    lastPollAt: '2026-03-01T10:00:00Z',
    lastSuccessfulPollAt: '2026-03-01T10:00:00Z',
    nextPollAt: '2026-03-01T10:01:00Z',
    progress: null,
    slowSteps: [],
    throughput: Array.from({ length: 24 }, (_, h) => ({ hour: `2026-03-01T${String(h).padStart(2, '0')}:00:00Z`, ordersIn: h % 5, shipmentsOut: h % 3 })),
    warnings: [],
    demo: false,
    ...over,
  };
}

export function orderDetail(over: Partial<OrderDetail> = {}): OrderDetail {
  const row = orderRow(42, {
    state: 'writeback-failed',
    wmsRef: 'WMS-42',
    lastError: { kind: 'business', message: 'Acumatica refused the shipment.', serverMessage: 'Inventory Item WIDGET is not in warehouse MAIN.' },
    attempts: 1,
  });
  return {
    row,
    order: null,
    raw: null,
    lines: [
      { lineRef: '1', inventoryId: 'WIDGET', sku: 'WDG-01', uom: 'EA', description: 'Widget', ordered: 3, sent: 3, shipped: 2 },
      { lineRef: '2', inventoryId: 'GADGET', sku: 'GADGET', uom: 'EA', description: 'Gadget', ordered: 1, sent: 1, shipped: 1 },
    ],
    fulfillments: [
      {
        fulfillment: {
          id: 'f1',
          orderRef: row.ref,
          shipDate: '2026-03-02',
          carrier: 'UPS',
          service: 'Ground',
          packages: [
            {
              boxId: 'BOX1',
              trackingNumber: '1Z999AA10123456784',
              packageType: 'CARTON',
              weight: 2.5,
              weightUom: 'LB',
              length: null,
              width: null,
              height: null,
              dimensionUom: '',
              contents: [{ lineRef: '1', sku: 'WDG-01', quantity: 2 }],
            },
          ],
          lines: [{ lineRef: '1', sku: 'WDG-01', quantity: 2 }],
        },
        state: 'failed',
        shipmentNbr: null,
        confirmed: false,
        attempts: 1,
        nextAttemptAt: null,
        lastError: { kind: 'business', message: 'Acumatica refused the shipment.', serverMessage: 'Inventory Item WIDGET is not in warehouse MAIN.' },
        payload: { ShipmentNbr: { value: '<NEW>' } },
      },
    ],
    timeline: [{ id: 1, at: '2026-03-01T10:00:00Z', orderRef: row.ref, level: 'info', kind: 'imported', message: 'Imported from Acumatica' }],
    wmsPayload: { order_ref: row.ref },
    ...over,
  };
}
