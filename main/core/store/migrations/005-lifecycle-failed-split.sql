-- Issue #17: the order lifecycle as a typed domain module.
-- 1. `failed` is split by the step that failed: 'writeback-failed' (Acumatica refused a write-back: the order has a
--    failed fulfillment or a failed write-back job), 'rejected-by-wms' (the warehouse rejected it: its attention is
--    the rejection note), else 'send-failed' (the warehouse refused a send or a cancellation).
-- 2. Why an order needs a look becomes a reason code beside the operator's text (attention_reason), derived here
--    once from the texts the app wrote; from now on the code decides by the code, never by the text.

ALTER TABLE orders ADD COLUMN attention_reason TEXT;

UPDATE orders SET state = CASE
    WHEN EXISTS (SELECT 1 FROM fulfillments f WHERE f.order_ref = orders.ref AND f.state = 'failed')
      OR EXISTS (SELECT 1 FROM jobs j JOIN fulfillments f ON f.id = j.subject
                 WHERE j.kind = 'writeback' AND j.status = 'failed' AND f.order_ref = orders.ref)
      THEN 'writeback-failed'
    WHEN attention LIKE 'Rejected by the warehouse%' THEN 'rejected-by-wms'
    ELSE 'send-failed'
  END
WHERE state = 'failed';

-- The texts' beginnings as the app wrote them up to now (LIKE is case-insensitive for ASCII; these are exact).
UPDATE orders SET attention_reason = CASE
    WHEN attention LIKE 'Rejected by the warehouse%' THEN 'rejected-by-wms'
    WHEN attention LIKE 'Unknown SKU at the warehouse%' THEN 'unknown-sku'
    WHEN attention LIKE 'On hold in Acumatica%' THEN 'acumatica-hold'
    WHEN attention LIKE 'Shipped by the warehouse after it was cancelled in Acumatica%' THEN 'shipped-after-cancel'
    WHEN attention LIKE 'Cancelled in Acumatica after the warehouse shipped it%' THEN 'cancelled-after-ship'
    WHEN attention LIKE 'Cancelled in Acumatica after it was sent%' THEN 'cancelled-after-send'
    WHEN attention LIKE 'Remainder cancelled in Acumatica%' THEN 'remainder-cancelled'
    WHEN attention LIKE 'The warehouse refused to cancel it%' THEN 'cancel-refused'
    WHEN attention LIKE 'No 997 from the warehouse%' THEN 'ack-overdue'
    WHEN attention LIKE 'The warehouse accepted the 940 with errors%' THEN 'ack-with-errors'
    WHEN attention LIKE 'Changed in Acumatica after the warehouse shipped%' THEN 'changed-after-ship'
    WHEN attention LIKE 'Changed in Acumatica after it was sent%' THEN 'changed-after-send'
    WHEN attention LIKE 'The latest version in Acumatica cannot be read%' THEN 'unreadable-update'
    WHEN attention LIKE 'Put % in Acumatica after it was sent to the warehouse%' THEN 'held-after-send'
    WHEN order_json IS NULL AND state = 'held' THEN 'unreadable-record'
    ELSE 'other'
  END
WHERE attention IS NOT NULL;
