// Order files into in/. The name for one (order ref, action, revision) is chosen once and kept in the adapter
// state, so a retry after a crash rewrites the same file instead of giving the WMS a second one.
import type { Order } from '../../domain/index.js';
import type { AdapterState } from '../adapter.js';
import type { ExchangeFormat, OrderAction } from './format.js';
import { assertSafeName, exchangePath, nameCandidates, noFreeName } from './transport/safe-path.js';
import type { ExchangeTransport } from './transport/transport.js';

const fileKey = (ref: string, action: OrderAction, revision: number): string => `order-file:${JSON.stringify([ref, action, revision])}`;
const ownerKey = (name: string): string => `order-file-owner:${name}`;
export const lastKey = (ref: string): string => `order-last:${ref}`;
export const writtenKey = (name: string): string => `order-written:${name}`;

export interface Outbox {
  write(order: Order, action: OrderAction, revision: number, now: Date): Promise<string>;
  /** The last order file for this ref if it was written completely or is still in in/. */
  find(orderRef: string): Promise<string | null>;
}

export function createOutbox(transport: ExchangeTransport, format: ExchangeFormat, state: AdapterState): Outbox {
  /**
   * The file's name, chosen once and recorded (with "the last file of this order") before the file is written.
   * Synchronous on purpose: the engine may send several orders at once, and two refs that clean up to the same name
   * ("SO/1", "SO_1") must not both see it free.
   */
  function nameFor(order: Order, action: OrderAction, revision: number, proposed: string): string {
    const key = fileKey(order.ref, action, revision);
    const remembered = state.get(key);
    if (remembered !== undefined) {
      if (state.get(lastKey(order.ref)) !== remembered) state.set(lastKey(order.ref), remembered);
      return remembered;
    }
    // Two sends of one order in the same second would get the same timestamped name: give the later one _2.
    for (const name of nameCandidates(assertSafeName(proposed))) {
      const owner = state.get(ownerKey(name));
      if (owner !== undefined && owner !== key) continue;
      state.setMany({ [ownerKey(name)]: key, [key]: name, [lastKey(order.ref)]: name });
      return name;
    }
    throw noFreeName(proposed);
  }

  return {
    async write(order, action, revision, now) {
      const file = format.renderOrder(order, action, revision, { state, now });
      const name = nameFor(order, action, revision, file.name);
      await transport.writeAtomic(exchangePath('in', name), file.content);
      state.set(writtenKey(name), '1');
      return name;
    },
    async find(orderRef) {
      const name = state.get(lastKey(orderRef));
      if (name === undefined) return null;
      if (state.get(writtenKey(name)) !== undefined) return name;
      return (await transport.exists(exchangePath('in', name))) ? name : null;
    },
  };
}
