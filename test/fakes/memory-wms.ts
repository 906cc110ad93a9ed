// An in-memory warehouse for engine tests: it records every order it receives (so duplicates are countable),
// ships what a test tells it to, and can be told to fail like a real link does. It exists only here: tests register
// it (withMemoryWms) through the same registry seam as the production adapters; production code never names it.
import { z } from 'zod';
import type { Fulfillment, Order, Package } from '../../main/core/domain/index.js';
import { linesFromPackages } from '../../main/core/domain/index.js';
import { AppError } from '../../main/core/errors.js';
import type { CollectResult, InboundBatch, OrderLookup, WmsAdapter } from '../../main/core/wms/adapter.js';
import { settingsSchemaOf, type Settings } from '../../main/core/settings/schema.js';
import { parseSettings } from '../../main/core/settings/store.js';
import type { WmsAdapterDescriptor } from '../../main/core/wms/descriptor.js';
import type { WarehouseOrderView } from '../../main/core/wms/listing.js';
import { builtInWmsAdapters, type WmsRegistry } from '../../main/core/wms/registry.js';

export interface MemoryWms extends WmsAdapter {
  /** Every create/change/cancel received, in order (duplicates stay visible). */
  received: { action: 'new' | 'change' | 'cancel'; ref: string; revision: number; order: Order }[];
  orders: Map<string, Order>;
  /** Queue a shipment report for the next collect. */
  ship(ref: string, packages: (Partial<Package> & { contents: Package['contents'] })[], id?: string): Fulfillment;
  /** Ship everything of an order in one box. */
  shipAll(ref: string, tracking?: string): Fulfillment;
  /** Every call fails with a transient error while true. */
  down: boolean;
  /** A flaky link: ref -> how many more sends of that order fail with a transient error before one gets through. */
  flakySends: Map<string, number>;
  /** Every call made (including failed ones), as "method ref". */
  calls: string[];
  /** SKUs the warehouse does not know (sendOrder refuses them). */
  unknownSkus: Set<string>;
  refuseCancel: string | null;
  lookups: OrderLookup[];
  /** Every shipment the warehouse made (reported or still pending), for listOrders. */
  shippedLog: Fulfillment[];
}

export function createMemoryWms(options: { supportsChange?: boolean; supportsCancel?: boolean } = {}): MemoryWms {
  const pending: InboundBatch[] = [];
  const cancelled = new Set<string>();
  let boxes = 0;
  const wms: MemoryWms = {
    name: 'memory',
    supportsChange: options.supportsChange ?? true,
    supportsCancel: options.supportsCancel ?? true,
    received: [],
    orders: new Map(),
    down: false,
    flakySends: new Map(),
    calls: [],
    unknownSkus: new Set(),
    refuseCancel: null,
    lookups: [],
    shippedLog: [],
    async testConnection() {
      return [{ id: 'memory', label: 'Memory warehouse', ok: !wms.down, message: wms.down ? 'down' : 'ok' }];
    },
    async findOrder(ref) {
      wms.calls.push(`find ${ref}`);
      guard();
      return wms.orders.has(ref) ? { wmsRef: `MEM-${ref}` } : null;
    },
    async sendOrder(order, action, revision) {
      wms.calls.push(`send ${order.ref}`);
      guard();
      const flaky = wms.flakySends.get(order.ref) ?? 0;
      if (flaky > 0) {
        wms.flakySends.set(order.ref, flaky - 1);
        throw new AppError('transient', `The connection to the warehouse was reset while sending ${order.ref}`);
      }
      const unknown = order.lines.find((l) => wms.unknownSkus.has(l.sku));
      if (unknown) throw new AppError('business', `Unknown SKU ${unknown.sku}`, { fields: { sku: unknown.sku } });
      wms.received.push({ action, ref: order.ref, revision, order });
      wms.orders.set(order.ref, order);
      return { wmsRef: `MEM-${order.ref}` };
    },
    async cancelOrder(order, revision) {
      guard();
      if (wms.refuseCancel) return { cancelled: false, reason: wms.refuseCancel };
      wms.received.push({ action: 'cancel', ref: order.ref, revision, order });
      wms.orders.delete(order.ref);
      cancelled.add(order.ref);
      return { cancelled: true };
    },
    async collect(lookup): Promise<CollectResult> {
      guard();
      wms.lookups.push(lookup);
      return { batches: pending.splice(0), rejected: [] };
    },
    async listOrders() {
      guard();
      const views = new Map<string, WarehouseOrderView>();
      for (const ref of cancelled) views.set(ref, { orderRef: ref, status: 'cancelled', wmsRef: `MEM-${ref}`, trackingNumbers: [], shippedUnits: null });
      for (const ref of wms.orders.keys()) views.set(ref, { orderRef: ref, status: 'open', wmsRef: `MEM-${ref}`, trackingNumbers: [], shippedUnits: null });
      for (const f of wms.shippedLog) {
        const v = views.get(f.orderRef) ?? { orderRef: f.orderRef, status: 'shipped', wmsRef: `MEM-${f.orderRef}`, trackingNumbers: [], shippedUnits: null };
        v.status = 'shipped';
        v.trackingNumbers.push(...f.packages.map((p) => p.trackingNumber).filter(Boolean));
        v.shippedUnits = (v.shippedUnits ?? 0) + f.lines.reduce((n, l) => n + l.quantity, 0);
        views.set(f.orderRef, v);
      }
      return [...views.values()];
    },
    async close() {},
    ship(ref, packages, id) {
      const full: Package[] = packages.map((p) => ({
        boxId: p.boxId ?? `BOX${++boxes}`,
        trackingNumber: p.trackingNumber ?? `1ZTEST${String(boxes).padStart(6, '0')}`,
        packageType: p.packageType ?? '',
        weight: p.weight ?? 2.5,
        weightUom: p.weightUom ?? 'LB',
        length: null,
        width: null,
        height: null,
        dimensionUom: '',
        contents: p.contents,
      }));
      const f: Fulfillment = {
        id: id ?? `mem:${ref}:${boxes}`,
        orderRef: ref,
        shipDate: '2026-11-27',
        carrier: 'UPS',
        service: 'Ground',
        packages: full,
        lines: linesFromPackages(full),
      };
      wms.shippedLog.push(f);
      pending.push({ id: `batch:${f.id}`, source: `memory ${f.id}`, fulfillments: [f], rejectedOrders: [], commit: async () => undefined });
      return f;
    },
    shipAll(ref, tracking) {
      const order = wms.orders.get(ref);
      if (!order) throw new Error(`The memory warehouse never received ${ref}`);
      return wms.ship(ref, [{ ...(tracking ? { trackingNumber: tracking } : {}), contents: order.lines.map((l) => ({ lineRef: l.lineRef, sku: l.sku, quantity: l.quantity })) }]);
    },
  };
  function guard(): void {
    if (wms.down) throw new AppError('transient', 'The warehouse is not reachable (memory warehouse is down)');
  }
  return wms;
}

/** The memory warehouse's settings: nothing but its id. */
export const memoryWmsSettingsSchema = z.object({ adapter: z.literal('memory') });

/**
 * The memory warehouse as a registry entry, registered by tests exactly as a production adapter is (registry.ts):
 * `wms` is the instance the test steers, or a function making one per build.
 */
export function memoryWmsDescriptor(wms: WmsAdapter | (() => WmsAdapter) = createMemoryWms): WmsAdapterDescriptor<z.infer<typeof memoryWmsSettingsSchema>> {
  return {
    id: 'memory',
    label: 'In-memory warehouse (tests)',
    offered: 'when-chosen',
    settingsSchema: memoryWmsSettingsSchema,
    secretsFor: () => [],
    create: () => (typeof wms === 'function' ? wms() : wms),
    cli: { options: [], settingsFrom: () => ({ adapter: 'memory' }) },
  };
}

/** The production adapters plus the memory warehouse: pass to createSettingsStore (the core reads it from there). */
export function withMemoryWms(wms?: WmsAdapter | (() => WmsAdapter)): WmsRegistry {
  return [...builtInWmsAdapters, memoryWmsDescriptor(wms)];
}

/** Settings read as a settings file is, with the memory warehouse registered (for an engine built without a core). */
export function memorySettings(input: unknown): Settings {
  return parseSettings(input, '(test settings)', settingsSchemaOf(withMemoryWms()));
}
