// The order lifecycle: one event per outcome of a step, and ONE table of the moves each event may make. Every state
// change in the core goes through `nextState`; a move not in the table is a bug in the caller, never an input
// problem, so it throws an `internal` error instead of writing a state nobody planned for.
//
// Outcomes of steps that run against a remote side (a send, a cancel, a write-back) may land after the operator or
// Acumatica moved the order while the call was in flight (e.g. "Mark resolved" does not stop a running step), so
// those events are allowed from every state, as the code has always recorded them; the table says so plainly.
import { AppError } from '../errors.js';
import { FAILED_STATES, ORDER_STATES, type OrderState } from './states.js';

/** Every state: for outcomes that may land on an order in whatever state it reached meanwhile. */
const ANY: readonly OrderState[] = ORDER_STATES;
const NOT_SENT: readonly OrderState[] = ['imported', 'awaiting-wms', 'held'];

/** `unchanged`: the event changes what the order says (its attention), not its state. */
export type Target = OrderState | 'unchanged';

export interface Move {
  from: readonly OrderState[];
  to: Target;
  /** One line for the README's table. */
  what: string;
}

export const LIFECYCLE = {
  // Acumatica -> DropStream (import step)
  'held-in-acumatica': { from: ['imported', 'awaiting-wms'], to: 'held', what: 'on hold in Acumatica before it was sent' },
  released: { from: ['held'], to: 'awaiting-wms', what: 'open in Acumatica again (or readable again)' },
  'changed-in-acumatica': { from: ['awaiting-wms', 'at-wms'], to: 'awaiting-wms', what: 'changed in Acumatica: the change goes to the warehouse' },
  'cancelled-in-acumatica': { from: NOT_SENT, to: 'cancelled', what: 'cancelled in Acumatica before it was sent' },
  'cancelled-after-ship': { from: ['shipped', 'writeback-pending', ...FAILED_STATES], to: 'held', what: 'cancelled in Acumatica after the warehouse shipped it' },
  'unreadable-update': { from: ['imported', 'awaiting-wms'], to: 'held', what: 'a new version in Acumatica cannot be read' },
  flagged: { from: ANY, to: 'unchanged', what: 'something needs a look (attention set)' },
  'flag-cleared': { from: ANY, to: 'unchanged', what: 'the attention no longer applies' },
  // DropStream -> warehouse (send and cancel jobs)
  sent: { from: ANY, to: 'at-wms', what: 'the warehouse has the order (or the change)' },
  'unknown-sku': { from: ANY, to: 'held', what: 'the warehouse does not know a SKU' },
  'send-retry': { from: ANY, to: 'awaiting-wms', what: 'the warehouse was not reached; retried by itself' },
  'send-failed': { from: ANY, to: 'send-failed', what: 'the warehouse refused the send (or attempts ran out)' },
  'cancel-failed': { from: ANY, to: 'send-failed', what: 'the warehouse refused the cancellation (or attempts ran out)' },
  'cancelled-at-wms': { from: ANY, to: 'cancelled', what: 'the warehouse cancelled it' },
  'cancel-refused': { from: ANY, to: 'unchanged', what: 'the warehouse would not cancel it' },
  // warehouse -> DropStream (collect step)
  'rejected-by-wms': { from: ANY, to: 'rejected-by-wms', what: 'the warehouse rejected the order' },
  shipped: {
    from: ORDER_STATES.filter((s) => s !== 'cancelled'),
    to: 'shipped',
    what: 'the warehouse reported a shipment',
  },
  'shipped-after-cancel': { from: ANY, to: 'held', what: 'the warehouse shipped it after it was cancelled in Acumatica' },
  // DropStream -> Acumatica (write-back job)
  'written-back': { from: ANY, to: 'done', what: 'every shipment is in Acumatica and nothing is left to ship' },
  'written-back-partly': { from: ANY, to: 'at-wms', what: 'the shipments so far are in Acumatica; the rest is still at the warehouse' },
  'written-back-one': { from: ANY, to: 'unchanged', what: 'one shipment is in Acumatica; others still wait to be written' },
  'writeback-retry': { from: ANY, to: 'writeback-pending', what: 'Acumatica was not reached; retried by itself' },
  'writeback-failed': { from: ANY, to: 'writeback-failed', what: 'Acumatica refused the write-back (or attempts ran out)' },
  // the operator
  'retried-send': { from: ANY, to: 'awaiting-wms', what: 'the operator retried its warehouse steps' },
  'retried-writeback': { from: ANY, to: 'writeback-pending', what: 'the operator retried its write-back' },
  resolved: { from: ANY, to: 'done', what: 'the operator marked it resolved' },
  'reconcile-send': { from: ORDER_STATES.filter((s) => s !== 'cancelled' && s !== 'done'), to: 'awaiting-wms', what: 'reconciliation: send it (again)' },
  'reconcile-writeback': { from: ANY, to: 'writeback-pending', what: 'reconciliation: write it back (again)' },
} as const satisfies Record<string, Move>;

export type OrderEvent = keyof typeof LIFECYCLE;

export const ORDER_EVENTS = Object.keys(LIFECYCLE) as OrderEvent[];

/** Whether the table allows `event` on an order in `from`. */
export function canApply(from: OrderState, event: OrderEvent): boolean {
  return (LIFECYCLE[event].from as readonly OrderState[]).includes(from);
}

/** The state an order in `from` goes to on `event`; throws (a bug) when the table does not allow it. */
export function nextState(from: OrderState, event: OrderEvent): OrderState {
  const move: Move = LIFECYCLE[event];
  if (!canApply(from, event)) {
    throw new AppError(
      'internal',
      `Lifecycle bug: "${event}" is not an allowed move for an order in state "${from}" (allowed from: ${move.from.join(', ')}); see LIFECYCLE in main/core/domain/lifecycle.ts.`,
    );
  }
  return move.to === 'unchanged' ? from : move.to;
}

/** Which write-back outcome this is: the last one of a fully shipped order, one of several, or a partial one. */
export function writtenBackEvent(otherShipmentsPending: boolean, fullyShipped: boolean): OrderEvent {
  if (otherShipmentsPending) return 'written-back-one';
  return fullyShipped ? 'written-back' : 'written-back-partly';
}
