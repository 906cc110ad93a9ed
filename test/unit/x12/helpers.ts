// Shared pieces of the X12 tests: an in-memory AdapterState, a partner profile, a sample order and a lookup.
import { X12Parser } from 'node-x12';
import type { KnownOrder, OrderLookup } from '../../../main/core/wms/adapter.js';
import type { AdapterState } from '../../../main/core/wms/adapter.js';
import type { FormatContext } from '../../../main/core/wms/file-exchange/format.js';
import { x12ProfileSchema, type X12Profile } from '../../../main/core/wms/file-exchange/x12/settings.js';
import type { Order } from '../../../main/core/domain/index.js';

export class MemoryState implements AdapterState {
  readonly values = new Map<string, string>();
  readonly counters = new Map<string, number>();
  constructor(start: Record<string, number> = {}) {
    for (const [k, v] of Object.entries(start)) this.counters.set(k, v - 1);
  }
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  setMany(values: Record<string, string>): void {
    for (const [k, v] of Object.entries(values)) this.values.set(k, v);
  }
  next(sequence: string): number {
    const n = (this.counters.get(sequence) ?? 0) + 1;
    this.counters.set(sequence, n);
    return n;
  }
}

export const FIXED_NOW = new Date('2025-03-14T15:32:00Z');

export function ctxOf(state: AdapterState, now = FIXED_NOW): FormatContext {
  return { state, now };
}

/** The profile of the FACTS.md sample: us ACMEERP, the warehouse WHSE3PL, test usage. */
export function profileOf(overrides: Record<string, unknown> = {}): X12Profile {
  return x12ProfileSchema.parse({
    sender: 'ZZ:ACMEERP',
    receiver: 'ZZ:WHSE3PL',
    usage: 'T',
    newlineAfterSegment: true,
    shipVia: { 'UPS GROUND': { scac: 'UPSN', method: 'U' } },
    depositor: { name: 'ACME GOODS INC', id: 'ACME' },
    ...overrides,
  });
}

export function sampleOrder(overrides: Partial<Order> = {}): Order {
  return {
    ref: 'SO-100045',
    source: 'sales-order',
    key: { kind: 'sales-order', orderType: 'SO', orderNbr: '100045' },
    acumaticaId: '00000000-0000-0000-0000-000000000001',
    status: 'Open',
    customerId: 'C001',
    customerPo: 'PO-55521',
    orderDate: '2025-03-13',
    requestedOn: '2025-03-14',
    shipVia: 'UPS GROUND',
    warehouseId: 'WH1',
    notes: 'Leave at front door',
    shipTo: {
      address: { line1: '123 Main St', line2: 'Apt 4', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
      contact: { name: 'Jane Customer', company: '', phone: '2175550100', email: '' },
    },
    lines: [
      { lineRef: '1', inventoryId: 'WIDGET-BLUE', alternateId: '', sku: 'WIDGET-BLUE', quantity: 2, uom: 'EA', description: 'Blue widget', warehouseId: 'WH1' },
      { lineRef: '2', inventoryId: 'GADGET-RED', alternateId: '', sku: 'GADGET-RED', quantity: 1, uom: 'EA', description: 'Red gadget', warehouseId: 'WH1' },
      { lineRef: '3', inventoryId: 'GIZMO-XL', alternateId: '', sku: 'GIZMO-XL', quantity: 3, uom: 'EA', description: 'Gizmo XL', warehouseId: 'WH1' },
    ],
    lastModified: '2025-03-13T10:00:00+00:00',
    skippedLines: [],
    ...overrides,
  };
}

export function lookupOf(orders: Order[], shipped: Record<string, Record<string, number>> = {}, packages: Record<string, string[]> = {}): OrderLookup {
  return (ref) => {
    const order = orders.find((o) => o.ref === ref);
    if (!order) return undefined;
    const known: KnownOrder = { order, shippedByLine: shipped[ref] ?? {}, knownPackages: new Set(packages[ref] ?? []) };
    return known;
  };
}

/** Re-reads generated X12 with the independent parser in strict mode (throws on a bad envelope or count). */
export function strictParse(text: string) {
  return new X12Parser(true).parse(text);
}

/** Joins segments into an interchange with a correctly padded ISA (for hand-written inbound test files). */
export function isa(sender: string, receiver: string, control: number, usage = 'T'): string {
  const [sq, sid] = sender.split(':') as [string, string];
  const [rq, rid] = receiver.split(':') as [string, string];
  return `ISA*00*          *00*          *${sq}*${sid.padEnd(15)}*${rq}*${rid.padEnd(15)}*250314*1532*U*00401*${String(control).padStart(9, '0')}*0*${usage}*>~`;
}

/** A whole 945/997 interchange from the warehouse WHSE3PL to ACMEERP with computed counts. */
export function inbound(functionalId: 'SW' | 'FA', sets: { id: string; control: string; body: string[] }[], isaControl = 123, gsControl = isaControl): string {
  const lines = [isa('ZZ:WHSE3PL', 'ZZ:ACMEERP', isaControl), `GS*${functionalId}*WHSE3PL*ACMEERP*20250314*1532*${gsControl}*X*004010~`];
  for (const s of sets) {
    lines.push(`ST*${s.id}*${s.control}~`, ...s.body.map((b) => `${b}~`), `SE*${s.body.length + 2}*${s.control}~`);
  }
  lines.push(`GE*${sets.length}*${gsControl}~`, `IEA*1*${String(isaControl).padStart(9, '0')}~`);
  return lines.join('\n') + '\n';
}
