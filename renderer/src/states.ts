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

// Kept here (not imported from main/core/domain/states.ts at run time) to keep the renderer bundle free of core code.
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
