// Step 1 of a cycle: bring Acumatica's changes in. New open documents are queued for the warehouse; documents the
// app already sent are checked for edits, holds and cancellations, which go on to the warehouse or to the operator.
import { attention, type Attention, type HeldImport, type Order } from '../domain/index.js';
import type { OrderRecord } from '../store/index.js';
import { contentHash, withShippedBack } from '../domain/content.js';
import { note, transition, type StepContext } from './context.js';
import { writtenBackByLine } from './shipped.js';
import { writebackOrder } from '../domain/sku-mapping.js';
import { statusMeaning } from '../domain/statuses.js';

export const ACUMATICA_HOLD_NOTE = 'On hold in Acumatica';

export interface ImportReport {
  imported: number;
  updated: number;
  held: number;
  full: boolean;
}

export async function importStep(ctx: StepContext, signal?: AbortSignal): Promise<ImportReport> {
  const gateway = ctx.acumatica;
  const acu = ctx.settings().acumatica;
  if (!gateway || !acu) return { imported: 0, updated: 0, held: 0, full: false };
  const cursorKey = `import.cursor.${acu.mode}`;
  const fullKey = `import.lastFull.${acu.mode}`;
  const cursor = ctx.store.syncState.get<string>(cursorKey) ?? null;
  const lastFull = ctx.store.syncState.get<number>(fullKey) ?? 0;
  const now = ctx.clock.now();
  const full = cursor === null || now - lastFull >= acu.reconcileMinutes * 60_000;

  const result = await gateway.importOrders({
    since: full ? null : cursor,
    signal,
    onProgress: (done) => ctx.emit('progress', { phase: 'import', done, total: null }),
  });

  const report: ImportReport = { imported: 0, updated: 0, held: 0, full };
  ctx.store.tx(() => {
    for (const order of result.orders) {
      const outcome = applyImported(ctx, order, acu.statuses);
      if (outcome === 'new') report.imported++;
      else if (outcome === 'updated') report.updated++;
    }
    for (const held of result.held) {
      applyHeldImport(ctx, held);
      report.held++;
    }
    const next = maxIso(cursor, result.cursor);
    if (next) ctx.store.syncState.set(cursorKey, next);
    if (full) ctx.store.syncState.set(fullKey, now);
  });
  return report;
}

function maxIso(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

type Outcome = 'new' | 'updated' | 'ignored';

export function applyImported(ctx: StepContext, order: Order, openStatuses: string[]): Outcome {
  const existing = ctx.store.orders.get(order.ref);
  const meaning = statusMeaning(order.status, openStatuses);
  const now = ctx.nowIso();
  if (!existing) {
    if (meaning !== 'open') return 'ignored';
    const skip = alreadyCovered(ctx, order);
    if (skip) {
      note(ctx, null, 'import-skipped', `Shipment ${order.ref} not sent: ${skip}`);
      return 'ignored';
    }
    ctx.store.orders.insert(order, 'awaiting-wms', contentHash(order), now);
    ctx.store.jobs.enqueue('send-order', order.ref, ctx.clock.now(), now);
    note(ctx, order.ref, 'imported', importedMessage(order));
    return 'new';
  }

  const shipped = writtenBackByLine(ctx.store, { ...existing, order });
  const current = keepPlannedLines(order, existing.order, shipped);
  const hash = contentHash(current.source === 'shipment' ? current : withShippedBack(current, shipped));
  ctx.store.orders.updateImported(current, hash, now, writebackOrder(current, existing.sent).lines.length);
  ctx.changed.add(order.ref);
  const rec = ctx.store.orders.get(order.ref)!;

  if (meaning === 'cancelled') onCancelled(ctx, rec);
  else if (meaning === 'on-hold') onHold(ctx, rec);
  else if (meaning === 'open') onOpen(ctx, rec, existing, hash);
  return 'updated';
}

/**
 * Shipment mode: the write-back sets each Shipment line's ShippedQty to what the warehouse shipped (#14 item 7), so
 * once anything was written back the Shipment's quantities are ours, not a new plan (a line still to ship reads 0 and
 * would be dropped). Its lines stay as first imported; everything else (ship-to, status, notes) is taken as read.
 */
function keepPlannedLines(order: Order, before: Order | null, shipped: Record<string, number>): Order {
  if (order.source !== 'shipment' || !before || Object.keys(shipped).length === 0) return order;
  return { ...order, lines: before.lines, skippedLines: before.skippedLines };
}

function importedMessage(order: Order): string {
  const skipped = order.skippedLines.length
    ? ` (${order.skippedLines.length} line(s) not for the warehouse: ${order.skippedLines.map((s) => `${s.lineRef} ${s.reason}`).join('; ')})`
    : '';
  return `Imported from Acumatica with ${order.lines.length} line(s)${skipped}`;
}

/**
 * Shipment mode after a switch from sales-order mode: a Shipment whose sales orders were already sent, or that this
 * app created itself while writing back, must not go to the warehouse a second time.
 */
function alreadyCovered(ctx: StepContext, order: Order): string | null {
  if (order.source !== 'shipment') return null;
  const origins = new Set(order.lines.flatMap((l) => (l.origin ? [`${l.origin.orderType}-${l.origin.orderNbr}`] : [])));
  if (origins.size === 0) return null;
  const sent = [...origins].filter((ref) => (ctx.store.orders.get(ref)?.revision ?? 0) > 0);
  return sent.length === origins.size ? `its sales order(s) ${sent.join(', ')} were already sent to the warehouse` : null;
}

function onCancelled(ctx: StepContext, rec: OrderRecord): void {
  switch (rec.state) {
    case 'imported':
    case 'awaiting-wms':
    case 'held': {
      if (rec.revision > 0 && ctx.wms?.supportsCancel) return queueCancel(ctx, rec);
      cancelOpenJob(ctx, 'send-order', rec.ref);
      transition(ctx, rec.ref, 'cancelled-in-acumatica', { kind: 'cancelled', message: 'Cancelled in Acumatica before it was sent' }, { attention: null });
      return;
    }
    case 'at-wms':
      if (ctx.wms?.supportsCancel) return queueCancel(ctx, rec);
      flag(ctx, rec, attention('cancelled-after-send', 'Cancelled in Acumatica after it was sent: this warehouse cannot take cancellations, cancel it there by hand'));
      return;
    // The three failed states act as `failed` did before the split (#17), so a send failure or a rejection is also
    // treated as "shipped" here: kept unchanged, to revisit.
    case 'shipped':
    case 'writeback-pending':
    case 'send-failed':
    case 'rejected-by-wms':
    case 'writeback-failed':
      transition(
        ctx,
        rec.ref,
        'cancelled-after-ship',
        { kind: 'cancelled-after-ship', message: 'Cancelled in Acumatica after the warehouse shipped it', level: 'warn' },
        {
          attention: attention(
            'cancelled-after-ship',
            'Cancelled in Acumatica after the warehouse shipped it: tracking is not written back until you check. Retry to write it back anyway, or mark it resolved.',
          ),
        },
      );
      return;
    default:
      return;
  }
}

function queueCancel(ctx: StepContext, rec: OrderRecord): void {
  cancelOpenJob(ctx, 'send-order', rec.ref);
  if (ctx.store.jobs.enqueue('cancel-order', rec.ref, ctx.clock.now(), ctx.nowIso())) {
    note(ctx, rec.ref, 'cancel-queued', 'Cancelled in Acumatica: cancelling it at the warehouse');
  }
}

function onHold(ctx: StepContext, rec: OrderRecord): void {
  const status = rec.acumaticaStatus;
  if (rec.state === 'awaiting-wms' || rec.state === 'imported') {
    if (rec.revision === 0) {
      cancelOpenJob(ctx, 'send-order', rec.ref);
      transition(
        ctx,
        rec.ref,
        'held-in-acumatica',
        { kind: 'held', message: `${ACUMATICA_HOLD_NOTE} (${status}); not sent` },
        { attention: attention('acumatica-hold', `${ACUMATICA_HOLD_NOTE} (${status}): it goes to the warehouse when it is open again.`) },
      );
      return;
    }
  }
  if (rec.state === 'at-wms' || rec.state === 'awaiting-wms') {
    flag(ctx, rec, attention('held-after-send', `Put ${status} in Acumatica after it was sent to the warehouse: stop it there if it must not ship`));
  }
}

function onOpen(ctx: StepContext, rec: OrderRecord, before: OrderRecord, hash: string): void {
  const wasHeldByAcumatica = rec.state === 'held' && (before.order === null || before.attentionReason === 'acumatica-hold');
  if (wasHeldByAcumatica && rec.revision === 0) {
    ctx.store.jobs.enqueue('send-order', rec.ref, ctx.clock.now(), ctx.nowIso());
    transition(ctx, rec.ref, 'released', { kind: 'released', message: 'Open in Acumatica again: queued for the warehouse' }, { attention: null });
    return;
  }
  if (rec.revision === 0 || rec.sentHash === null || rec.sentHash === hash) return;
  // Sent before, and the warehouse-relevant content changed since.
  if (rec.state === 'at-wms' || rec.state === 'awaiting-wms') {
    if (ctx.wms?.supportsChange) {
      if (ctx.store.jobs.enqueue('send-order', rec.ref, ctx.clock.now(), ctx.nowIso())) {
        transition(ctx, rec.ref, 'changed-in-acumatica', { kind: 'changed', message: 'Changed in Acumatica: sending the change to the warehouse' });
      }
    } else {
      flag(ctx, rec, attention('changed-after-send', 'Changed in Acumatica after it was sent: this warehouse cannot take changes, update it there by hand'));
    }
  } else if (rec.state !== 'cancelled' && rec.state !== 'done') {
    flag(ctx, rec, attention('changed-after-ship', 'Changed in Acumatica after the warehouse shipped (part of) it: check the shipment'));
  }
}

function flag(ctx: StepContext, rec: OrderRecord, why: Attention): void {
  if (rec.attention === why.text) return;
  transition(ctx, rec.ref, 'flagged', { kind: 'attention', message: why.text, level: 'warn' }, { attention: why });
}

function cancelOpenJob(ctx: StepContext, kind: 'send-order' | 'cancel-order', ref: string): void {
  const job = ctx.store.jobs.open(kind, ref);
  if (job && job.status !== 'running') ctx.store.jobs.cancel(job.id, ctx.nowIso());
}

export function applyHeldImport(ctx: StepContext, held: HeldImport): void {
  const existing = ctx.store.orders.get(held.ref);
  if (existing && existing.state !== 'held' && existing.state !== 'awaiting-wms' && existing.state !== 'imported') {
    // Already at the warehouse: keep going with what was sent, tell the operator the new version does not map.
    flag(ctx, existing, attention('unreadable-update', `The latest version in Acumatica cannot be read: ${held.reason}`));
    return;
  }
  if (existing) cancelOpenJob(ctx, 'send-order', held.ref);
  ctx.store.orders.upsertHeldImport(held, ctx.nowIso());
  const message = `Held: ${held.reason}`;
  if (existing && existing.state !== 'held') transition(ctx, held.ref, 'unreadable-update', { kind: 'held', message, level: 'warn' });
  else if (!existing || existing.attention !== held.reason) note(ctx, held.ref, 'held', message, 'warn');
  ctx.changed.add(held.ref);
}

