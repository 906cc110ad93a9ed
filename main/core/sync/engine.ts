// The sync engine, in three parts: the loop (loop.ts: start, stop, wake, the poll interval), one cycle (cycle.ts:
// import -> send -> collect -> write back, within its time limit) and the health of each side (side-health.ts over
// store.sideHealth). This module puts them together and is the engine's public face. All state is in the store, so
// a restart goes on where it was.
import { SIDE_HEALTH_KEYS } from '../store/side-health-repo.js';
import { flushChanges, makeContext, note, type EngineDeps, type StepContext } from './context.js';
import { createCycleRunner } from './cycle.js';
import { createLoop, nextWakeAt } from './loop.js';
import { markResolved, retryAllFailed, retryOrders } from './operator.js';
import { createSideHealth } from './side-health.js';

export type { CycleReport } from './cycle-report.js';

/** The sync_state keys of the status; read them through store.sideHealth. */
export const STATUS_KEYS = SIDE_HEALTH_KEYS;

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(deps: EngineDeps) {
  const ctx: StepContext = makeContext(deps);

  const recovered = ctx.store.tx(() => {
    const n = ctx.store.jobs.recoverInterrupted(ctx.nowIso());
    if (n > 0) note(ctx, null, 'recovered', `${n} step(s) were interrupted last time; each looks before it acts again`, 'warn');
    return n;
  });
  if (recovered > 0) ctx.logger.warn('Recovered interrupted jobs', { count: recovered });

  const health = createSideHealth(ctx);
  const cycles = createCycleRunner(ctx, health, () => loop.isStopping());
  const loop = createLoop({
    clock: ctx.clock,
    paused: () => ctx.settings().app.paused,
    runCycle: () => cycles.run(),
    onCycleError: (e) => ctx.logger.error('Sync cycle failed', { error: cycles.describeFailure(e) }),
    nextWakeAt: () => nextWakeAt(ctx, health),
    onSleep: (at) => ctx.store.sideHealth.nextPoll(new Date(at).toISOString()),
  });

  function finish(n: number): number {
    flushChanges(ctx);
    loop.wake();
    return n;
  }

  return {
    context: ctx,
    /** Runs one cycle now; a call while a cycle runs joins that cycle. */
    runCycle: () => cycles.run(),
    /** Starts the loop (idempotent). */
    start: (): void => loop.start(),
    /** Runs a cycle as soon as possible (wakes the loop, or runs one when the loop is not started). */
    syncNow(): boolean {
      if (!loop.wake()) void cycles.run().catch(() => undefined);
      return true;
    },
    /** Graceful: the running step finishes, nothing new starts. */
    async stop(): Promise<void> {
      const ended = loop.stop();
      await cycles.current()?.catch(() => undefined);
      await ended;
    },
    isRunning: (): boolean => cycles.current() !== null,
    /** The user saved new credentials: whatever waited for them goes again now. */
    credentialsChanged(): void {
      health.unblockAll();
      ctx.store.jobs.wakeCredentialWaits(ctx.clock.now());
      loop.wake();
    },
    retry: (refs: string[]) => finish(retryOrders(ctx, refs)),
    retryAllFailed: (only?: Parameters<typeof retryAllFailed>[1]) => finish(retryAllFailed(ctx, only)),
    markResolved: (refs: string[]) => finish(markResolved(ctx, refs)),
  };
}
