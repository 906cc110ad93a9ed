// The queues the operator sees, in the order of the flow, with the domain's labels.
import type { OrderState } from '../../main/ipc/views.js';

export const QUEUE_TABS: readonly OrderState[] = [
  'awaiting-wms',
  'at-wms',
  'shipped',
  'writeback-pending',
  'failed',
  'held',
  'done',
  'imported',
  'cancelled',
];

export { STATE_LABELS } from '../../main/core/domain/states.js';
