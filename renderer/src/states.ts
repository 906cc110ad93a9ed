// The queues the operator sees, in the order of the flow, with the domain's labels.
import type { OrderState } from '../../main/ipc/views.js';
import { isFailedState } from '../../main/core/domain/states.js';

export const QUEUE_TABS: readonly OrderState[] = [
  'awaiting-wms',
  'at-wms',
  'shipped',
  'writeback-pending',
  // Each failed step has its own queue: send failures and rejections are not write-backs (those also have the
  // "Failed write-backs" screen).
  'send-failed',
  'rejected-by-wms',
  'writeback-failed',
  'held',
  'done',
  'imported',
  'cancelled',
];

export { STATE_LABELS } from '../../main/core/domain/states.js';

/** States whose count is a problem for the operator (shown in red when not zero). */
export const needsOperator = (state: OrderState): boolean => state === 'held' || isFailedState(state);
