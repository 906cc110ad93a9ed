// Why an order needs a person. The code decides by the reason; the text beside it is for the operator and may
// change wording freely. Stored in orders.attention_reason (migration 005) next to orders.attention.

export const ATTENTION_REASONS = [
  'unreadable-record', // the Acumatica document could not be mapped; held with the raw record
  'unreadable-update', // a later version of an order already sent could not be mapped
  'acumatica-hold', // on hold (or another hold status) in Acumatica before it was sent
  'held-after-send', // put on hold in Acumatica after it was sent
  'changed-after-send', // changed in Acumatica after it was sent, and this warehouse cannot take changes
  'changed-after-ship', // changed in Acumatica after the warehouse shipped (part of) it
  'cancelled-after-send', // cancelled in Acumatica after it was sent, and this warehouse cannot take cancellations
  'cancelled-after-ship', // cancelled in Acumatica after the warehouse shipped it
  'shipped-after-cancel', // the warehouse shipped it after it was cancelled in Acumatica
  'cancel-refused', // the warehouse refused to cancel it
  'unknown-sku', // the warehouse does not know a SKU of it
  'rejected-by-wms', // the warehouse rejected it after taking it
  'ack-overdue', // X12: no 997 for its 940 within the window
  'ack-with-errors', // X12: the 997 accepted its 940 with errors
  'remainder-cancelled', // Acumatica cancelled remainders the warehouse still has open
  'other', // migrated from before reason codes, text not recognised
] as const;

export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export function isAttentionReason(value: string): value is AttentionReason {
  return (ATTENTION_REASONS as readonly string[]).includes(value);
}

/** What the operator reads on the order, and the code's reason for it. */
export interface Attention {
  reason: AttentionReason;
  text: string;
}

export const attention = (reason: AttentionReason, text: string): Attention => ({ reason, text });
