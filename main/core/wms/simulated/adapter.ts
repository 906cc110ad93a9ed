// The demo's warehouse: takes orders and "ships" them after a short delay, some in two parts, some in several
// boxes, so a newcomer sees the whole flow with no warehouse anywhere. Its state lives in the adapter state (SQLite),
// so it survives a restart like a real warehouse would.
import { createHash } from 'node:crypto';
import type { Fulfillment, Order, Package } from '../../domain/index.js';
import { linesFromPackages } from '../../domain/index.js';
import type { CollectResult, InboundBatch, WmsAdapter } from '../adapter.js';
import type { WmsDeps } from '../deps.js';
import type { SimulatedSettings } from './settings.js';

interface Received {
  order: Order;
  receivedAt: number;
  cancelled: boolean;
  /** Parts already reported (the demo ships at most two). */
  partsShipped: number;
}

export function createSimulatedWarehouse(settings: SimulatedSettings, deps: WmsDeps): WmsAdapter {
  const { state, clock } = deps;
  const index = (): string[] => JSON.parse(state.get('index') ?? '[]') as string[];
  const load = (ref: string): Received | undefined => {
    const raw = state.get(`order:${ref}`);
    return raw ? (JSON.parse(raw) as Received) : undefined;
  };
  const save = (r: Received): void => state.set(`order:${r.order.ref}`, JSON.stringify(r));

  return {
    name: 'simulated',
    supportsChange: true,
    supportsCancel: true,
    async testConnection() {
      return [{ id: 'simulated', label: 'Simulated warehouse', ok: true, message: 'The demo warehouse is ready' }];
    },
    async findOrder(ref) {
      return load(ref) ? { wmsRef: `SIM-${ref}` } : null;
    },
    async sendOrder(order) {
      const existing = load(order.ref);
      if (!existing) state.set('index', JSON.stringify([...index(), order.ref]));
      save({ order, receivedAt: existing?.receivedAt ?? clock.now(), cancelled: false, partsShipped: existing?.partsShipped ?? 0 });
      return { wmsRef: `SIM-${order.ref}` };
    },
    async cancelOrder(order) {
      const r = load(order.ref);
      if (!r) return { cancelled: true };
      if (r.partsShipped > 0) return { cancelled: false, reason: 'Already shipped (part of it)' };
      save({ ...r, cancelled: true });
      return { cancelled: true };
    },
    async collect(): Promise<CollectResult> {
      const batches: InboundBatch[] = [];
      const now = clock.now();
      for (const ref of index()) {
        const r = load(ref);
        if (!r || r.cancelled) continue;
        const variant = variantOf(ref);
        const parts = variant === 'partial' ? 2 : 1;
        if (r.partsShipped >= parts) continue;
        const dueAt = r.receivedAt + settings.shipAfterSeconds * 1000 * (r.partsShipped + 1);
        if (now < dueAt) continue;
        const part = r.partsShipped + 1;
        const f = fulfillmentFor(r.order, variant, part, parts, now);
        batches.push({
          id: f.id,
          source: `simulated warehouse, ${ref} part ${part}`,
          fulfillments: [f],
          rejectedOrders: [],
          commit: async () => save({ ...r, partsShipped: part }),
        });
      }
      return { batches, rejected: [] };
    },
    async close() {},
  };
}

type Variant = 'single' | 'multi-box' | 'partial';

function hashOf(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}

function variantOf(ref: string): Variant {
  const h = hashOf(ref) % 10;
  return h < 2 ? 'partial' : h < 5 ? 'multi-box' : 'single';
}

function fulfillmentFor(order: Order, variant: Variant, part: number, parts: number, now: number): Fulfillment {
  // Partial: the first part ships half of each line (rounded down), the second the rest.
  const lines = order.lines
    .map((l) => {
      const half = Math.floor(l.quantity / 2);
      const quantity = parts === 1 ? l.quantity : part === 1 ? half : l.quantity - half;
      return { lineRef: l.lineRef, sku: l.sku, quantity };
    })
    .filter((l) => l.quantity > 0);
  const boxes = variant === 'multi-box' && lines.length > 1 ? 2 : 1;
  const packages: Package[] = [];
  for (let b = 0; b < boxes; b++) {
    const contents = lines.filter((_, i) => i % boxes === b);
    const seed = hashOf(`${order.ref}:${part}:${b}`);
    packages.push({
      boxId: `CTN-${order.ref}-${part}${String.fromCharCode(65 + b)}`,
      trackingNumber: `1Z999AA1${String(seed).padStart(10, '0').slice(0, 10)}`,
      packageType: '',
      weight: Math.round((1 + (seed % 200) / 10) * 10) / 10,
      weightUom: 'LB',
      length: 12,
      width: 10,
      height: 8,
      dimensionUom: 'IN',
      contents,
    });
  }
  return {
    id: `sim:${order.ref}:${part}`,
    orderRef: order.ref,
    shipDate: new Date(now).toISOString().slice(0, 10),
    carrier: 'UPS',
    service: 'Ground',
    packages,
    lines: linesFromPackages(packages),
  };
}
