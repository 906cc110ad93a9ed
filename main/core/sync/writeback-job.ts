// The write-back of one fulfillment: create the Shipment (sales-order mode) or add packages to the existing one
// (shipment mode), then confirm it. Each remote effect is recorded as soon as it is known, and an attempt whose
// outcome is unknown looks for its shipment (by the order's shipments and package tracking numbers) before creating.
import type { AcumaticaGateway } from '../acumatica/gateway.js';
import { AppError, errorInfo } from '../errors.js';
import type { Job } from '../store/index.js';
import { note, transition, type StepContext } from './context.js';
import type { FailureHooks, JobHandler } from './job-runner.js';
import { cancelsRemainder } from '../acumatica/plan.js';
import { attention, writtenBackEvent, type Fulfillment, type Order } from '../domain/index.js';
import { remainderAttentionText, shippedAcumaticaByLine } from '../domain/shipped.js';
import { fullyShipped, writtenBackByLine } from './shipped.js';
import { toAcumaticaTerms, writebackOrder } from '../domain/sku-mapping.js';
import { statusMeaning } from '../domain/statuses.js';

export function writebackHandler(ctx: StepContext, gateway: AcumaticaGateway): JobHandler {
  return async (job: Job, effect) => {
    const f = ctx.store.fulfillments.get(job.subject);
    if (!f || f.state === 'written') return;
    const rec = ctx.store.orders.get(f.orderRef);
    if (!rec?.order) throw new AppError('business', `The order ${f.orderRef} is not known from Acumatica any more; check it there.`);
    const openStatuses = ctx.settings().acumatica?.statuses ?? ['Open'];
    const cancelled = statusMeaning(rec.acumaticaStatus, openStatuses) === 'cancelled';
    if (cancelled && !ctx.store.syncState.get<boolean>(overrideKey(f.id))) {
      throw new AppError(
        'business',
        `${rec.ref} was cancelled in Acumatica after the warehouse shipped it: check it, then retry to write the tracking back anyway.`,
      );
    }
    const sent = rec.sent ?? rec.order;
    const order = writebackOrder(rec.order, sent, writtenBackByLine(ctx.store, rec));
    const plan = gateway.planShipment(order, toAcumaticaTerms(f.fulfillment, sent));
    // One shipment per Acumatica warehouse: the first is the fulfillment's own, the others are kept in sync state.
    const parts = [plan, ...(plan.otherWarehouses ?? [])];
    const payload = (): unknown => (parts.length > 1 ? parts.map((p) => p.body) : plan.body);
    // The exact payload is kept for the operator: with the shipment number once it is known, or with the failure.
    const keepPayload = (): void => {
      if (JSON.stringify(f.payload) !== JSON.stringify(payload())) ctx.store.fulfillments.update(f.id, { payload: payload() }, ctx.nowIso());
    };

    const written: string[] = [];
    for (const [i, part] of parts.entries()) {
      const partKey = partNbrKey(f.id, part.warehouseId ?? '');
      let shipmentNbr = i === 0 ? f.shipmentNbr : (ctx.store.syncState.get<string>(partKey) ?? null);
      if (!shipmentNbr) {
        try {
          if (job.outcomeUnknown) {
            shipmentNbr = await gateway.findExistingShipment(order, part);
            const found = shipmentNbr;
            if (found) ctx.store.tx(() => note(ctx, rec.ref, 'writeback-found', `Shipment ${found} found in Acumatica from an interrupted attempt: not created again`));
          }
          if (!shipmentNbr) {
            effect();
            shipmentNbr = await gateway.putShipment(part);
          }
        } catch (e) {
          try {
            keepPayload();
          } catch {
            // The database refused even that (disk full): the failure being handled is the one to report.
          }
          throw e;
        }
        const nbr = shipmentNbr;
        ctx.store.tx(() => {
          keepPayload();
          if (i === 0) ctx.store.fulfillments.update(f.id, { shipmentNbr: nbr }, ctx.nowIso());
          else ctx.store.syncState.set(partKey, nbr);
          ctx.store.orders.addSearchTerms(rec.ref, [nbr]);
          const verb = part.mode === 'create' ? 'Shipment created in Acumatica' : 'Packages added to Shipment';
          const where = parts.length > 1 && part.warehouseId ? ` for warehouse ${part.warehouseId}` : '';
          note(ctx, rec.ref, 'shipment-written', `${verb} ${nbr}${where} (${part.trackingNumbers.join(', ') || 'no tracking'})`);
        });
      }
      written.push(shipmentNbr);
    }
    const confirm = ctx.settings().acumatica?.confirmShipments ?? true;
    if (confirm && !f.confirmed) {
      // Confirming an already confirmed shipment counts as done, so a retry may go over every part again.
      for (const nbr of written) {
        ctx.steps.relabel(String(job.id), `Confirming shipment ${nbr}`);
        await gateway.confirmShipment(nbr);
      }
    }
    const remainders = cancelledRemainders(order, f.fulfillment, sent);
    const nbr = written.join(', ');
    return () => {
      ctx.store.fulfillments.update(f.id, { state: 'written', confirmed: confirm || f.confirmed, lastError: null }, ctx.nowIso());
      const fresh = ctx.store.orders.get(rec.ref)!;
      const pending = ctx.store.fulfillments.forOrder(rec.ref).some((x) => x.state !== 'written');
      const event = writtenBackEvent(pending, !pending && fullyShipped(ctx.store, fresh));
      if (remainders.length) note(ctx, rec.ref, 'remainder-cancelled', `Remainder cancelled in Acumatica (Shipping Rule "Cancel Remainder"): ${remainders.join('; ')}`);
      const text = remainderAttentionText(remainders);
      transition(
        ctx,
        rec.ref,
        event,
        { kind: 'written-back', message: `Written back to Acumatica: Shipment ${nbr}${confirm ? ' confirmed' : ''}` },
        { lastError: null, attention: text === null ? null : attention('remainder-cancelled', text) },
      );
    };
  };
}

/** How write-back failures show on the order and its fulfillment. */
export function writebackFailureHooks(ctx: StepContext): FailureHooks {
  return {
    onRetry(job, error, retryAt) {
      const f = ctx.store.fulfillments.get(job.subject);
      if (!f) return;
      const info = { ...errorInfo(error, ctx.clock.now()), retryAt: new Date(retryAt).toISOString() };
      ctx.store.fulfillments.update(f.id, { lastError: info }, ctx.nowIso());
      transition(ctx, f.orderRef, 'writeback-retry', { kind: 'writeback-retry', message: `Write-back will be retried: ${error.message}`, level: 'warn' }, { lastError: info });
    },
    onFailed(job, error) {
      const f = ctx.store.fulfillments.get(job.subject);
      if (!f) return;
      const info = errorInfo(error, ctx.clock.now());
      ctx.store.fulfillments.update(f.id, { state: 'failed', lastError: info }, ctx.nowIso());
      transition(
        ctx,
        f.orderRef,
        'writeback-failed',
        { kind: 'writeback-failed', message: `Acumatica refused the write-back: ${error.serverMessage ?? error.message}`, level: 'error' },
        { lastError: info },
      );
    },
  };
}

/** Sync-state key of the shipment written for a further warehouse of a fulfillment. */
export function partNbrKey(fulfillmentId: string, warehouseId: string): string {
  return `writeback.part.${fulfillmentId}.${warehouseId}`;
}

/** Lines shipped short whose Shipping Rule cancels the remainder: shown as cancelled, not waited for. */
function cancelledRemainders(order: Order, f: Fulfillment, sent: Order): string[] {
  const shipped = shippedAcumaticaByLine(f, sent);
  return order.lines
    .filter((l) => cancelsRemainder(l) && (shipped[l.lineRef] ?? 0) > 0 && (shipped[l.lineRef] ?? 0) + 1e-9 < l.quantity)
    .map((l) => `line ${l.lineRef} ${l.inventoryId}: ${qtyText(l.quantity - (shipped[l.lineRef] ?? 0))} ${l.uom}`.trim());
}

const qtyText = (n: number): string => String(Math.round(n * 10_000) / 10_000);

/** Set by the operator's retry: write back even though the order was cancelled in Acumatica. */
export function overrideKey(fulfillmentId: string): string {
  return `writeback.override.${fulfillmentId}`;
}
