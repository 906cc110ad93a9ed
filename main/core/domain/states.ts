// The order lifecycle's states. Every state is a queue in the UI; every move between them is in the table of
// lifecycle.ts and is written with its activity entry.

export const ORDER_STATES = [
  'imported', // in the database, not yet queued for the WMS
  'held', // cannot go on without the operator (unmappable record, unknown SKU, shipped after cancel…)
  'awaiting-wms', // queued to be sent; retried while the WMS is unreachable
  'at-wms', // the WMS has the order
  'shipped', // the WMS reported (part of) a shipment, write-back not started
  'writeback-pending', // a write-back to Acumatica is queued or retrying
  'done', // everything the warehouse shipped is in Acumatica
  'send-failed', // the warehouse refused a send or a cancellation (or never answered it); the operator can retry
  'rejected-by-wms', // the warehouse took the order, then rejected it (e.g. an X12 855/824); retry sends it anew
  'writeback-failed', // Acumatica refused the write-back; the server's words are kept and the operator can retry
  'cancelled', // cancelled in Acumatica before shipping
] as const;

export type OrderState = (typeof ORDER_STATES)[number];

export function isOrderState(value: string): value is OrderState {
  return (ORDER_STATES as readonly string[]).includes(value);
}

/** The three states a refused step ends in, one per step. Until #17 they were one state, `failed`. */
export const FAILED_STATES = ['send-failed', 'rejected-by-wms', 'writeback-failed'] as const satisfies readonly OrderState[];

export type FailedState = (typeof FAILED_STATES)[number];

export function isFailedState(state: OrderState): state is FailedState {
  return (FAILED_STATES as readonly string[]).includes(state);
}

/**
 * What a list of orders can be filtered by: a state, or `failed` for the three failed states together (the CLI's
 * `--state failed` and the API kept their meaning of "everything that failed" when `failed` was split by step).
 */
export const ORDER_STATE_FILTERS = [...ORDER_STATES, 'failed'] as const;

export type OrderStateFilter = (typeof ORDER_STATE_FILTERS)[number];

export function isOrderStateFilter(value: string): value is OrderStateFilter {
  return (ORDER_STATE_FILTERS as readonly string[]).includes(value);
}

/** The states a filter stands for. */
export function statesOf(filter: OrderStateFilter): readonly OrderState[] {
  return filter === 'failed' ? FAILED_STATES : [filter];
}

/** Counts per state plus `failed`, the total of the three failed states (kept for clients of the old `failed`). */
export type StateCounts = Record<OrderStateFilter, number>;

/** States in which a change in Acumatica must be forwarded to (or flagged for) the warehouse. */
export const SENT_STATES: readonly OrderState[] = ['at-wms', 'shipped', 'writeback-pending', 'done', ...FAILED_STATES];

/** Operator-facing names (also used by the CLI). */
export const STATE_LABELS: Record<OrderStateFilter, string> = {
  imported: 'Imported',
  held: 'Held',
  'awaiting-wms': 'Awaiting WMS',
  'at-wms': 'At WMS',
  shipped: 'Shipped',
  'writeback-pending': 'Write-back pending',
  done: 'Done',
  'send-failed': 'Send failed',
  'rejected-by-wms': 'Rejected by WMS',
  'writeback-failed': 'Write-back failed',
  cancelled: 'Cancelled',
  failed: 'Failed (all)',
};
