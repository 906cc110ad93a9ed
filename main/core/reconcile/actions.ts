// What an operator can do about a discrepancy. Each action only queues work for the engine (or records the
// operator's word); nothing remote is written here, so reconciliation stays read-only until the engine's next cycle.
import { orderRefFor, type AcumaticaKey } from '../domain/index.js';
import { AppError } from '../errors.js';
import { note, transition, type StepContext } from '../sync/context.js';
import { applyHeldImport, applyImported } from '../sync/import-step.js';
import { retryOrders } from '../sync/operator.js';
import type { DiscrepancyKind, ReconcileAction } from './views.js';

export interface ActionRequest {
  reference: string;
  kind: DiscrepancyKind;
  action: ReconcileAction;
  /** The discrepancy's detail as reported (a resolution holds while the detail stays the same). */
  detail: string;
  /** Required for mark-resolved: what the operator checked or did. */
  note?: string;
}

/** Applies one action; returns what was done, in an operator's words. */
export async function applyReconcileAction(ctx: StepContext, req: ActionRequest): Promise<string> {
  const ref = req.reference;
  switch (req.action) {
    case 'send-now':
      return sendNow(ctx, ref);
    case 're-read':
      return reRead(ctx, ref);
    case 'write-back-now':
      return writeBackNow(ctx, ref);
    case 'mark-resolved': {
      const text = (req.note ?? '').trim();
      if (!text) throw new AppError('config', 'Say what you checked or did in the note before marking it resolved.');
      ctx.store.tx(() => {
        ctx.store.reconcile.resolve({ ref, kind: req.kind, detail: req.detail, note: text, resolvedAt: ctx.nowIso() });
        note(ctx, ctx.store.orders.get(ref) ? ref : null, 'reconcile-resolved', `Reconciliation (${req.kind}) of ${ref} marked resolved: ${text}`);
      });
      return `Marked resolved: ${ref}.`;
    }
  }
}

/** Queues the order for the warehouse as a new order (the warehouse does not have it, whatever DropStream recorded). */
function sendNow(ctx: StepContext, ref: string): string {
  const rec = ctx.store.orders.get(ref);
  if (!rec?.order) throw new AppError('not-found', `DropStream has no copy of ${ref} to send: use "Re-read from Acumatica" first.`);
  if (rec.state === 'cancelled' || rec.state === 'done') throw new AppError('business', `${ref} is ${rec.state} in DropStream: it is not sent again.`);
  ctx.store.tx(() => {
    if (rec.revision > 0) ctx.store.orders.resetRevision(ref, ctx.nowIso());
    for (const job of ctx.store.jobs.forSubjects([ref])) {
      if (job.kind === 'send-order' && job.status !== 'running' && job.status !== 'done') ctx.store.jobs.retryNow(job.id, ctx.clock.now(), ctx.nowIso());
    }
    ctx.store.jobs.enqueue('send-order', ref, ctx.clock.now(), ctx.nowIso());
    transition(ctx, ref, 'reconcile-send', { kind: 'reconcile-send', message: 'Send requested from reconciliation' }, { attention: null });
  });
  return `${ref} is queued for the warehouse.`;
}

/** The key of a reference, from DropStream's record or, for an order it never knew, from the reference itself. */
function keyOf(ctx: StepContext, ref: string): AcumaticaKey {
  const known = ctx.store.orders.get(ref)?.key;
  if (known) return known;
  if (ctx.settings().acumatica?.mode === 'shipments') return { kind: 'shipment', shipmentNbr: ref };
  const dash = ref.indexOf('-');
  if (dash <= 0) throw new AppError('config', `${ref} is not a sales order reference (<OrderType>-<OrderNbr>).`);
  return { kind: 'sales-order', orderType: ref.slice(0, dash), orderNbr: ref.slice(dash + 1) };
}

/** Reads the document from Acumatica now and takes it in as the import would (a new open order is queued). */
async function reRead(ctx: StepContext, ref: string): Promise<string> {
  const gateway = ctx.acumatica;
  if (!gateway) throw new AppError('config', 'Acumatica is not set up: connect it in Settings first.');
  const key = keyOf(ctx, ref);
  const doc = await gateway.fetchOrder(key);
  if (doc === null) {
    ctx.store.tx(() => note(ctx, ctx.store.orders.get(ref) ? ref : null, 'reconcile-reread', `${orderRefFor(key)} is not in Acumatica any more`, 'warn'));
    return `${ref} is not in Acumatica any more.`;
  }
  const statuses = ctx.settings().acumatica?.statuses ?? ['Open'];
  ctx.store.tx(() => {
    if ('reason' in doc) applyHeldImport(ctx, doc);
    else applyImported(ctx, doc, statuses);
    if (ctx.store.orders.get(ref)) note(ctx, ref, 'reconcile-reread', 'Re-read from Acumatica from reconciliation');
  });
  return ctx.store.orders.get(ref) ? `${ref} was re-read from Acumatica.` : `${ref} was re-read; it is not in an import status, so it is not taken in.`;
}

/** Every shipment of the order not in Acumatica goes (again) to the write-back queue. */
function writeBackNow(ctx: StepContext, ref: string): string {
  const rec = ctx.store.orders.get(ref);
  if (!rec) throw new AppError('not-found', `DropStream has no record of ${ref}.`);
  const nowIso = ctx.nowIso();
  let queued = 0;
  ctx.store.tx(() => {
    for (const f of ctx.store.fulfillments.forOrder(ref)) {
      if (f.state === 'written' && f.shipmentNbr) {
        // Only reached for a written shipment that reconciliation found gone from Acumatica (see compare.ts).
        ctx.store.reconcile.forgetShipment(f.id, nowIso);
        ctx.store.jobs.enqueue('writeback', f.id, ctx.clock.now(), nowIso);
        queued++;
      } else if (f.state === 'pending') {
        if (ctx.store.jobs.enqueue('writeback', f.id, ctx.clock.now(), nowIso)) queued++;
      }
    }
  });
  const gone = queued > 0;
  // Failed and held ones: the operator's retry (which also overrides a cancellation the operator has checked).
  const retried = retryOrders(ctx, [ref]);
  if (gone && retried === 0) {
    ctx.store.tx(() => transition(ctx, ref, 'reconcile-writeback', { kind: 'reconcile-writeback', message: 'Write-back requested from reconciliation' }, { attention: null }));
  }
  if (!gone && retried === 0) return `Nothing of ${ref} waits to be written back in DropStream; the next collect picks up what the warehouse reported.`;
  return `${ref} is queued to be written back.`;
}
