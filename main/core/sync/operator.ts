// What the operator can do to orders that need a person: retry (after fixing the cause) and mark resolved.
import { transition, type StepContext } from './context.js';
import { overrideKey } from './writeback-job.js';

/** Puts every failed or waiting step of these orders back in the queue now. Returns how many orders were retried. */
export function retryOrders(ctx: StepContext, refs: string[]): number {
  let retried = 0;
  const now = ctx.clock.now();
  const nowIso = ctx.nowIso();
  ctx.store.tx(() => {
    for (const ref of refs) {
      const rec = ctx.store.orders.get(ref);
      if (!rec) continue;
      const fulfillments = ctx.store.fulfillments.forOrder(ref);
      const jobs = ctx.store.jobs.forSubjects([ref, ...fulfillments.map((f) => f.id)]);
      let writeback = false;
      let send = false;
      for (const job of jobs) {
        if (job.status === 'running') continue;
        ctx.store.jobs.retryNow(job.id, now, nowIso);
        if (job.kind === 'writeback') writeback = true;
        else send = true;
      }
      for (const f of fulfillments) {
        if (f.state === 'held' || f.state === 'failed') {
          // The operator has checked it: write back even if Acumatica cancelled the order meanwhile.
          ctx.store.syncState.set(overrideKey(f.id), true);
          ctx.store.fulfillments.update(f.id, { state: 'pending', lastError: null }, nowIso);
          ctx.store.jobs.enqueue('writeback', f.id, now, nowIso);
          writeback = true;
        }
      }
      if (!writeback && !send && rec.order && (rec.state === 'failed' || rec.state === 'held')) {
        if (rec.attention?.startsWith('Rejected by the warehouse')) ctx.store.orders.resetRevision(ref, nowIso);
        ctx.store.jobs.enqueue('send-order', ref, now, nowIso);
        send = true;
      }
      if (!writeback && !send) continue;
      transition(
        ctx,
        ref,
        writeback ? 'writeback-pending' : 'awaiting-wms',
        { kind: 'retry', message: 'Retry requested by the operator' },
        { attention: null },
      );
      retried++;
    }
  });
  return retried;
}

export function retryAllFailed(ctx: StepContext): number {
  return retryOrders(ctx, ctx.store.orders.refsInState('failed'));
}

/** The operator settled it by hand: stop every pending step and close the order. */
export function markResolved(ctx: StepContext, refs: string[]): number {
  let resolved = 0;
  const nowIso = ctx.nowIso();
  ctx.store.tx(() => {
    for (const ref of refs) {
      const rec = ctx.store.orders.get(ref);
      if (!rec) continue;
      const subjects = [ref, ...ctx.store.fulfillments.forOrder(ref).map((f) => f.id)];
      for (const job of ctx.store.jobs.forSubjects(subjects)) if (job.status !== 'running') ctx.store.jobs.cancel(job.id, nowIso);
      transition(ctx, ref, 'done', { kind: 'resolved', message: 'Marked resolved by the operator' }, { attention: null, lastError: null });
      resolved++;
    }
  });
  return resolved;
}
