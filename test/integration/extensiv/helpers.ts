// Shared kit of the Extensiv adapter tests: a double per test, settings pointing at it, in-memory state and secrets,
// a hand-moved clock, sample orders and an order lookup.
import type { Order, OrderLine } from '../../../main/core/domain/index.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import type { KnownOrder, OrderLookup, WmsAdapter } from '../../../main/core/wms/adapter.js';
import { createExtensivAdapter } from '../../../main/core/wms/extensiv/adapter.js';
import type { ExtensivSettings } from '../../../main/core/wms/extensiv/settings.js';
import { extensivSettingsFor, startExtensivDouble, type ExtensivDouble, type ExtensivDoubleOptions } from '../../fakes/extensiv/index.js';
import { manualClock } from '../../helpers/clocks.js';
import { memoryState } from '../../helpers/memory-state.js';
import { memorySecrets } from '../../helpers/secrets.js';

export { manualClock, memoryState };

export function line(lineRef: string, sku: string, quantity: number, uom = 'EA'): OrderLine {
  return { lineRef, inventoryId: sku, alternateId: '', sku, quantity, uom, description: `Item ${sku}`, warehouseId: 'MAIN' };
}

export function sampleOrder(ref = 'SO-000101', lines: OrderLine[] = [line('1', 'SKU-1', 2), line('2', 'SKU-2', 1)], shipVia = 'UPSGROUND'): Order {
  const [orderType = 'SO', orderNbr = ref] = ref.split('-', 2);
  return {
    ref,
    source: 'sales-order',
    key: { kind: 'sales-order', orderType, orderNbr },
    acumaticaId: '00000000-0000-0000-0000-000000000001',
    status: 'Open',
    customerId: 'C001',
    customerPo: 'PO-77',
    orderDate: '2026-11-26',
    requestedOn: '',
    shipVia,
    warehouseId: 'MAIN',
    notes: 'gift',
    shipTo: {
      address: { line1: '1 Main St', line2: 'Suite 5', city: 'Golden', state: 'CO', postalCode: '80401', country: 'US' },
      contact: { name: 'Jane Doe', company: 'Acme', phone: '555-0100', email: 'jane@example.com' },
    },
    lines,
    lastModified: '2026-11-26T10:00:00+00:00',
    skippedLines: [],
  };
}

export function lookupOf(orders: Order[], shipped: Record<string, Record<string, number>> = {}): OrderLookup {
  const byRef = new Map<string, KnownOrder>(orders.map((o) => [o.ref, { order: o, shippedByLine: shipped[o.ref] ?? {}, knownPackages: new Set<string>() }]));
  return (ref) => byRef.get(ref);
}

export interface Rig {
  wms: ExtensivDouble;
  adapter: WmsAdapter;
  settings: ExtensivSettings;
  state: ReturnType<typeof memoryState>;
  clock: ReturnType<typeof manualClock>;
  secrets: ReturnType<typeof memorySecrets>;
  close(): Promise<void>;
}

export async function rig(options: { double?: ExtensivDoubleOptions; settings?: Partial<ExtensivSettings>; secret?: string | null } = {}): Promise<Rig> {
  const wms = await startExtensivDouble({ knownSkus: ['SKU-1', 'SKU-2', 'SKU-3'], ...options.double });
  const settings = extensivSettingsFor(wms, options.settings);
  const secret = options.secret === undefined ? wms.credentials.clientSecret : options.secret;
  const secrets = memorySecrets(secret === null ? {} : { 'wms.extensiv.clientSecret': secret });
  const state = memoryState();
  const clock = manualClock();
  const adapter = createExtensivAdapter(settings, { secrets, state, clock, logger: silentLogger }, { timeoutMs: 5_000 });
  return {
    wms,
    adapter,
    settings,
    state,
    clock,
    secrets,
    close: async () => {
      await adapter.close();
      await wms.close();
    },
  };
}

/** Runs `fn`, expecting it to throw; returns what it threw. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure, got none');
}

/** Signs in to the double as the API user and GETs `path` there, for asserting on the wire text itself. */
export async function rawGet(wms: ExtensivDouble, path: string): Promise<Response> {
  const basic = Buffer.from(`${wms.credentials.clientId}:${wms.credentials.clientSecret}`).toString('base64');
  const res = await fetch(`${wms.url}/AuthServer/api/Token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', user_login: wms.credentials.userLoginId }),
  });
  const token = (await res.json()) as { access_token: string };
  return fetch(`${wms.url}${path}`, { headers: { Authorization: `Bearer ${token.access_token}` } });
}
