// The kinds of activity-log entries: what happened, as one word the UI, the CLI and the throughput chart can rely on.
// The message beside each entry is the operator's text.

export const ACTIVITY_KINDS = [
  // Acumatica -> DropStream
  'imported',
  'import-skipped',
  'held',
  'released',
  'changed',
  'cancelled',
  'cancelled-after-ship',
  'cancel-queued',
  'attention',
  'attention-cleared',
  // DropStream -> warehouse
  'sent-to-wms',
  'unknown-sku',
  'wms-retry',
  'send-order-failed',
  'cancel-order-failed',
  'cancel-refused',
  // warehouse -> DropStream
  'rejected-by-wms',
  'wms-file-rejected',
  'unknown-order',
  'no-tracking',
  'shipped',
  'shipped-after-cancel',
  // DropStream -> Acumatica
  'writeback-found',
  'shipment-written',
  'remainder-cancelled',
  'written-back',
  'writeback-retry',
  'writeback-failed',
  // the operator and the engine
  'retry',
  'resolved',
  'recovered',
  'reconcile-send',
  'reconcile-writeback',
  'reconcile-reread',
  'reconcile-resolved',
] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type ActivityLevel = 'info' | 'warn' | 'error';

export function isActivityKind(value: string): value is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(value);
}
