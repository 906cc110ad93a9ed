// What the operator can do to orders that need a person: retry (after fixing the cause) and mark resolved.
import { isFailedState, type FailedState } from '../domain/index.js';
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
      if (!writeback && !send && rec.order && (isFailedState(rec.state) || rec.state === 'held')) {
        // Rejected: the warehouse dropped what it had, so the next send is a new order again.
        if (rec.attentionReason === 'rejected-by-wms') ctx.store.orders.resetRevision(ref, nowIso);
        ctx.store.jobs.enqueue('send-order', ref, now, nowIso);
        send = true;
      }
      if (!writeback && !send) continue;
      transition(
        ctx,
        ref,
        writeback ? 'retried-writeback' : 'retried-send',
        { kind: 'retry', message: 'Retry requested by the operator' },
        { attention: null },
      );
      retried++;
    }
  });
  return retried;
}

/**
 * Retries every order in a failed state, or only in `only` (the UI's "Failed write-backs" retries only
 * `writeback-failed`; the CLI's `retry --all-failed` retries all three).
 */
export function retryAllFailed(ctx: StepContext, only?: FailedState): number {
  return retryOrders(ctx, ctx.store.orders.refsInState(only ?? 'failed'));
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
      transition(ctx, ref, 'resolved', { kind: 'resolved', message: 'Marked resolved by the operator' }, { attention: null, lastError: null });
      resolved++;
    }
  });
  return resolved;
}
