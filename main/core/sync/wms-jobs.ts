// Jobs against the warehouse: send an order (new or change) and cancel it. The order reference is the idempotency
// key: when an earlier attempt's outcome is unknown, the order is looked up at the WMS before anything is created.
import { attention, type Order } from '../domain/index.js';
import { AppError, errorInfo } from '../errors.js';
import type { Job, OrderRecord } from '../store/index.js';
import type { WmsAdapter, WmsOrderRef } from '../wms/adapter.js';
import { contentHash, withShippedBack } from '../domain/content.js';
import { note, transition, type StepContext } from './context.js';
import type { FailureHooks, FinalWrites, JobHandler } from './job-runner.js';
import { writtenBackByLine } from './shipped.js';
import { skuLookup, toWarehouseOrder } from '../domain/sku-mapping.js';
import { statusMeaning } from '../domain/statuses.js';

export const UNKNOWN_SKU_NOTE = 'Unknown SKU at the warehouse';

/** The order as the warehouse gets it now, and the Acumatica-side hash it corresponds to. */
export function warehouseOrderFor(ctx: StepContext, ref: string): { order: Order; hash: string } | null {
  const rec = ctx.store.orders.get(ref);
  if (!rec?.order) return null;
  const total = withShippedBack(rec.order, writtenBackByLine(ctx.store, rec));
  return { order: toWarehouseOrder(total, skuLookup(ctx.store.sku.all())), hash: contentHash(total) };
}

/** The order if it is still one to send: open in Acumatica and not cancelled, done or held here. */
function toSend(ctx: StepContext, ref: string): OrderRecord | null {
  const rec = ctx.store.orders.get(ref);
  if (!rec?.order || rec.state === 'cancelled' || rec.state === 'done' || rec.state === 'held') return null;
  const openStatuses = ctx.settings().acumatica?.statuses ?? ['Open'];
  return statusMeaning(rec.order.status, openStatuses) === 'open' ? rec : null;
}

export function sendOrderHandler(ctx: StepContext, wms: WmsAdapter): JobHandler {
  return async (job: Job, effect) => {
    const rec = toSend(ctx, job.subject);
    if (!rec) return;
    const prepared = warehouseOrderFor(ctx, rec.ref);
    if (!prepared) return;
    // The warehouse already has exactly this (e.g. the process stopped after recording the send but before closing
    // the job): nothing to send.
    if (rec.revision > 0 && rec.sentHash === prepared.hash) return;
    const action = rec.revision > 0 ? 'change' : 'new';
    const revision = rec.revision + 1;

    if (job.outcomeUnknown && action === 'new') {
      const found = await wms.findOrder(rec.ref);
      if (found) return sentRecord(ctx, rec.ref, prepared, revision, found.wmsRef, 'Found at the warehouse after an interrupted send: not sent again');
    }
    effect();
    try {
      const res = await wms.sendOrder(prepared.order, action, revision);
      return sentRecord(ctx, rec.ref, prepared, revision, res.wmsRef, action === 'new' ? `Sent to the warehouse (${res.wmsRef})` : `Change sent to the warehouse (revision ${revision})`);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'business' && e.fields?.sku) {
        return () =>
          transition(
            ctx,
            rec.ref,
            'unknown-sku',
            { kind: 'unknown-sku', message: `${UNKNOWN_SKU_NOTE}: ${e.fields?.sku ?? ''}`, level: 'warn' },
            { attention: attention('unknown-sku', `${UNKNOWN_SKU_NOTE}: ${e.fields?.sku ?? ''}. Add a SKU mapping, then retry.`), lastError: errorInfo(e) },
          );
      }
      throw e;
    }
  };
}

/** What a send records, committed with the job's completion. */
function sentRecord(ctx: StepContext, ref: string, prepared: { order: Order; hash: string }, revision: number, wmsRef: string, message: string): FinalWrites {
  return () => {
    ctx.store.orders.markSent(ref, prepared.order, prepared.hash, revision, wmsRef, ctx.nowIso());
    ctx.store.orders.addSearchTerms(ref, [wmsRef, ...prepared.order.lines.map((l) => l.sku)]);
    transition(ctx, ref, 'sent', { kind: 'sent-to-wms', message }, { attention: null, lastError: null });
  };
}

/**
 * Sends whose outcome is unknown (the call may have reached the warehouse, the answer never came back) and that are
 * not running now (waiting out their backoff, queued again by the operator, or failed): looked up at the warehouse,
 * recorded as sent where found, and marked as known-not-there where not. Runs before every collect, because a
 * warehouse may ship such an order before the send is retried, and a shipment of an order the engine does not know
 * as sent would be skipped (and an adapter's cursor would move past it). Returns false when the warehouse could not
 * be asked: the collect must then wait. Each job is looked up until it is answered, so the list stays short.
 */
export async function settleUnknownSends(ctx: StepContext, wms: WmsAdapter): Promise<boolean> {
  for (const job of ctx.store.jobs.outcomeUnknown('send-order')) {
    const rec = toSend(ctx, job.subject);
    // A change (revision > 0) reports on an order the warehouse already had: it is known.
    if (!rec || rec.revision > 0) continue;
    const prepared = warehouseOrderFor(ctx, rec.ref);
    if (!prepared) continue;
    let found: WmsOrderRef | null;
    try {
      found = await wms.findOrder(rec.ref);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'transient') return false;
      ctx.logger.warn('Could not look up an interrupted send at the warehouse', { ref: rec.ref, error: errorInfo(e).message });
      continue;
    }
    if (!found) {
      // Not there: the interrupted attempt had no effect, and the next one need not look again.
      ctx.store.jobs.outcomeKnown(job.id);
      continue;
    }
    const record = sentRecord(ctx, rec.ref, prepared, 1, found.wmsRef, 'Found at the warehouse after an interrupted send: not sent again');
    ctx.store.tx(() => {
      record();
      ctx.store.jobs.complete(job.id, ctx.nowIso());
    });
  }
  return true;
}

export function cancelOrderHandler(ctx: StepContext, wms: WmsAdapter): JobHandler {
  return async (job: Job, effect) => {
    const rec = ctx.store.orders.get(job.subject);
    if (!rec || rec.state === 'cancelled') return;
    const order = rec.sent ?? rec.order;
    if (!order) return;
    effect();
    const outcome = await wms.cancelOrder(order, rec.revision + 1);
    return () => {
      if (outcome.cancelled) {
        transition(ctx, rec.ref, 'cancelled-at-wms', { kind: 'cancelled', message: 'Cancelled at the warehouse' }, { attention: null, lastError: null });
      } else {
        const message = `The warehouse refused to cancel it: ${outcome.reason}. Stop it at the warehouse by hand if it must not ship.`;
        transition(ctx, rec.ref, 'cancel-refused', { kind: 'cancel-refused', message, level: 'warn' }, { attention: attention('cancel-refused', message) });
      }
    };
  };
}

/** How WMS-side failures show on the order. */
export function wmsFailureHooks(ctx: StepContext): FailureHooks {
  return {
    onRetry(job, error, retryAt) {
      if (job.kind !== 'send-order') return note(ctx, job.subject, 'wms-retry', `${error.message} (next attempt ${new Date(retryAt).toISOString()})`, 'warn');
      const info = { ...errorInfo(error, ctx.clock.now()), retryAt: new Date(retryAt).toISOString() };
      transition(ctx, job.subject, 'send-retry', { kind: 'wms-retry', message: `Warehouse not reached: ${error.message}`, level: 'warn' }, { lastError: info });
    },
    onFailed(job, error) {
      const info = errorInfo(error, ctx.clock.now());
      const send = job.kind === 'send-order';
      const what = send ? 'Sending to the warehouse failed' : 'Cancelling at the warehouse failed';
      transition(
        ctx,
        job.subject,
        send ? 'send-failed' : 'cancel-failed',
        { kind: send ? 'send-order-failed' : 'cancel-order-failed', message: `${what}: ${error.serverMessage ?? error.message}`, level: 'error' },
        { lastError: info },
      );
    },
  };
}
