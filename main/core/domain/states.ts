// The order lifecycle. Every state is a queue in the UI; every transition is written with its activity entry.

export const ORDER_STATES = [
  'imported', // in the database, not yet queued for the WMS
  'held', // cannot go on without the operator (unmappable record, unknown SKU, shipped after cancel…)
  'awaiting-wms', // queued to be sent; retried while the WMS is unreachable
  'at-wms', // the WMS has the order
  'shipped', // the WMS reported (part of) a shipment, write-back not started
  'writeback-pending', // a write-back to Acumatica is queued or retrying
  'done', // everything the warehouse shipped is in Acumatica
  'failed', // a step was refused; the server's words are kept and the operator can retry
  'cancelled', // cancelled in Acumatica before shipping
] as const;

export type OrderState = (typeof ORDER_STATES)[number];

export function isOrderState(value: string): value is OrderState {
  return (ORDER_STATES as readonly string[]).includes(value);
}

/** States in which a change in Acumatica must be forwarded to (or flagged for) the warehouse. */
export const SENT_STATES: readonly OrderState[] = ['at-wms', 'shipped', 'writeback-pending', 'done', 'failed'];

/** Operator-facing names (also used by the CLI). */
export const STATE_LABELS: Record<OrderState, string> = {
  imported: 'Imported',
  held: 'Held',
  'awaiting-wms': 'Awaiting WMS',
  'at-wms': 'At WMS',
  shipped: 'Shipped',
  'writeback-pending': 'Write-back pending',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
