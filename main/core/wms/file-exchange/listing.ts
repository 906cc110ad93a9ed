// What the exchange folders say about the orders of a reconciliation period (read-only: nothing is moved, no
// state is written). An order the outbox recorded as delivered is known to the warehouse: 'waiting' while its file
// is still in in/, 'open' once the warehouse took it. Confirmations in out/ (not yet collected) and out/archive/
// (applied) are parsed again to tell what the warehouse shipped; the same box in two files counts once.
import { packageKey } from '../../domain/index.js';
import { AppError } from '../../errors.js';
import type { AdapterState, OrderLookup } from '../adapter.js';
import type { WarehouseListQuery, WarehouseOrderView } from '../listing.js';
import type { ExchangeFormat } from './format.js';
import { ARCHIVE, IN, OUT } from './inbox.js';
import { lastKey, writtenKey } from './outbox.js';
import { exchangePath } from './transport/safe-path.js';
import type { ExchangeTransport } from './transport/transport.js';

/** Adapter state seen through a copy: parsing may draw control numbers for replies it never sends. */
function scratchState(state: AdapterState): AdapterState {
  const overlay = new Map<string, string>();
  let seq = 0;
  return {
    get: (key) => overlay.get(key) ?? state.get(key),
    set: (key, value) => void overlay.set(key, value),
    setMany: (values) => Object.entries(values).forEach(([k, v]) => overlay.set(k, v)),
    next: () => ++seq,
  };
}

/** Each confirmation is read against the order as sent with nothing shipped yet, so a later file still parses. */
function freshLookup(lookup: OrderLookup): OrderLookup {
  return (ref) => {
    const known = lookup(ref);
    return known ? { order: known.order, shippedByLine: {}, knownPackages: new Set() } : undefined;
  };
}

/** A folder that was never created (nothing sent yet) lists as empty. */
async function listOrEmpty(transport: ExchangeTransport, dir: string) {
  try {
    return await transport.list(dir);
  } catch (e) {
    if (e instanceof AppError && e.kind === 'not-found') return [];
    throw e;
  }
}

export async function listExchangeOrders(
  deps: { transport: ExchangeTransport; format: ExchangeFormat; state: AdapterState; now: Date },
  query: WarehouseListQuery,
): Promise<WarehouseOrderView[]> {
  const { transport, format } = deps;
  const views = new Map<string, WarehouseOrderView>();
  const waiting = new Set((await listOrEmpty(transport, IN)).filter((e) => e.isFile).map((e) => e.name));
  for (const ref of query.refs) {
    const name = deps.state.get(lastKey(ref));
    if (name === undefined) continue;
    const inIn = waiting.has(name);
    if (!inIn && deps.state.get(writtenKey(name)) === undefined) continue;
    views.set(ref, { orderRef: ref, status: inIn ? 'waiting' : 'open', wmsRef: name, trackingNumbers: [], shippedUnits: null });
  }

  const scratch = scratchState(deps.state);
  const lookup = freshLookup(query.lookup);
  const counted = new Set<string>();
  for (const folder of [OUT, ARCHIVE]) {
    for (const e of await listOrEmpty(transport, folder)) {
      if (!e.isFile || e.name.startsWith('.') || !format.accepts(e.name)) continue;
      const content = await transport.read(`${folder}/${exchangePath(e.name)}`);
      const parsed = format.parseInbound(e.name, content, lookup, { state: scratch, now: deps.now });
      if (parsed.errors.length > 0) continue;
      for (const f of parsed.fulfillments) {
        const view = views.get(f.orderRef) ?? { orderRef: f.orderRef, status: 'shipped', wmsRef: '', trackingNumbers: [], shippedUnits: null };
        view.status = 'shipped';
        for (const p of f.packages) {
          const key = packageKey(f.orderRef, p);
          if (counted.has(key)) continue;
          counted.add(key);
          if (p.trackingNumber.trim()) view.trackingNumbers.push(p.trackingNumber.trim());
          view.shippedUnits = (view.shippedUnits ?? 0) + p.contents.reduce((n, c) => n + c.quantity, 0);
        }
        views.set(f.orderRef, view);
      }
    }
  }
  return [...views.values()];
}
