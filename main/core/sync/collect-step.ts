// Step 3 of a cycle: take what the warehouse reported. Each inbound batch is recorded in ONE transaction (its
// fulfillments, their packages, the write-back jobs and the batch id) and only then committed at the adapter
// (file archived, 997 sent), so a crash in between offers the batch again and the batch id / package keys make the
// second sighting a no-op.
import { attention, packageKey, type Fulfillment } from '../domain/index.js';
import { AppError, errorInfo } from '../errors.js';
import type { AttentionNote, InboundBatch } from '../wms/adapter.js';
import { flushChanges, note, transition, type StepContext } from './context.js';
import { knownOrder } from './shipped.js';
import { statusMeaning } from '../domain/statuses.js';

export interface CollectReport {
  fulfillments: number;
  rejectedFiles: number;
  duplicates: number;
}

export async function collectStep(ctx: StepContext): Promise<CollectReport> {
  const report: CollectReport = { fulfillments: 0, rejectedFiles: 0, duplicates: 0 };
  const wms = ctx.wms;
  if (!wms) return report;
  const result = await wms.collect((ref) => knownOrder(ctx.store, ref));
  for (const r of result.rejected) {
    ctx.store.tx(() => note(ctx, null, 'wms-file-rejected', `Rejected ${r.source}: ${r.reasons.join('; ')}`, 'error'));
    report.rejectedFiles++;
  }
  if ((result.attention ?? []).length > 0) {
    ctx.store.tx(() => {
      for (const a of result.attention ?? []) applyAttention(ctx, a);
    });
    flushChanges(ctx);
  }
  for (const batch of result.batches) {
    if (!ctx.store.fulfillments.batchApplied(batch.id)) {
      ctx.store.tx(() => applyBatch(ctx, batch, report));
    } else {
      report.duplicates++;
    }
    flushChanges(ctx);
    try {
      await batch.commit();
    } catch (e) {
      // Recorded already; the adapter offers the batch again and it is recognised as applied.
      ctx.logger.warn('Could not finish an inbound batch at the warehouse side', { source: batch.source, error: errorInfo(e).message });
    }
  }
  return report;
}

/** An adapter's attention note on an order still at the warehouse; never replaces a note of another reason. */
function applyAttention(ctx: StepContext, a: AttentionNote): void {
  const rec = ctx.store.orders.get(a.orderRef);
  if (!rec) return;
  const ours = rec.attention !== null && rec.attentionReason === a.reason;
  if (a.note === null) {
    if (ours) transition(ctx, rec.ref, 'flag-cleared', { kind: 'attention-cleared', message: 'Acknowledged by the warehouse' }, { attention: null });
    return;
  }
  if (rec.state !== 'at-wms' || rec.attention === a.note || (rec.attention !== null && !ours)) return;
  transition(ctx, rec.ref, 'flagged', { kind: 'attention', message: a.note, level: 'warn' }, { attention: attention(a.reason, a.note) });
}

function applyBatch(ctx: StepContext, batch: InboundBatch, report: CollectReport): void {
  for (const f of batch.fulfillments) {
    if (applyFulfillment(ctx, f)) report.fulfillments++;
    else report.duplicates++;
  }
  for (const r of batch.rejectedOrders) {
    const rec = ctx.store.orders.get(r.orderRef);
    if (!rec) continue;
    const error = errorInfo(new AppError('business', `The warehouse rejected the order: ${r.reason}`, { serverMessage: r.reason }));
    transition(
      ctx,
      r.orderRef,
      'rejected-by-wms',
      { kind: 'rejected-by-wms', message: error.message, level: 'error' },
      { lastError: error, attention: attention('rejected-by-wms', 'Rejected by the warehouse: fix the cause, then retry to send it again.') },
    );
  }
  ctx.store.fulfillments.recordBatch(batch.id, batch.source, ctx.nowIso());
}

/** Returns false when nothing of it was new. */
function applyFulfillment(ctx: StepContext, f: Fulfillment): boolean {
  const rec = ctx.store.orders.get(f.orderRef);
  if (!rec) {
    note(ctx, null, 'unknown-order', `The warehouse reported a shipment for ${f.orderRef}, which this app never sent`, 'warn');
    return false;
  }
  if (ctx.store.fulfillments.get(f.id)) return false;
  const known = new Set(ctx.store.fulfillments.packageKeys(f.orderRef).map((p) => packageKey(f.orderRef, p)));
  const packages = f.packages.filter((p) => !known.has(packageKey(f.orderRef, p)));
  if (f.packages.length > 0 && packages.length === 0) return false;
  const fresh: Fulfillment = { ...f, packages };
  const tracking = packages.map((p) => p.trackingNumber).filter(Boolean);
  const cancelled = statusMeaning(rec.acumaticaStatus, ctx.settings().acumatica?.statuses ?? ['Open']) === 'cancelled' || rec.state === 'cancelled';
  ctx.store.fulfillments.insert(fresh, cancelled ? 'held' : 'pending', ctx.nowIso());
  ctx.store.orders.addSearchTerms(f.orderRef, tracking);
  const what = `${packages.length} package(s)${tracking.length ? `, tracking ${tracking.join(', ')}` : ''}`;
  if (cancelled) {
    transition(
      ctx,
      f.orderRef,
      'shipped-after-cancel',
      { kind: 'shipped-after-cancel', message: `The warehouse shipped it after it was cancelled in Acumatica: ${what}`, level: 'warn' },
      {
        attention: attention(
          'shipped-after-cancel',
          'Shipped by the warehouse after it was cancelled in Acumatica: tracking is not written back until you check. Retry to write it back anyway, or mark it resolved.',
        ),
      },
    );
    return true;
  }
  const untracked = packages.filter((p) => !p.trackingNumber).map((p) => p.boxId);
  if (untracked.length > 0) {
    // Legitimate for freight, but more often a partner profile that looks for tracking in the wrong place.
    note(ctx, f.orderRef, 'no-tracking', `No tracking number for package(s) ${untracked.join(', ')}: if the carrier gave one, check where the warehouse sends it (e.g. the X12 tracking setting)`, 'warn');
  }
  ctx.store.jobs.enqueue('writeback', f.id, ctx.clock.now(), ctx.nowIso());
  transition(ctx, f.orderRef, 'shipped', { kind: 'shipped', message: `Shipped by the warehouse on ${f.shipDate}: ${what}` });
  return true;
}
