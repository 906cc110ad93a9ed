// The engine's loop: runs a cycle, then sleeps until the poll interval is up or a retry falls due, whichever comes
// first; wake() cuts the sleep short. stop() lets the running cycle finish and starts nothing new.
import type { Clock } from '../clock.js';
import type { StepContext } from './context.js';
import type { SideHealth } from './side-health.js';

export interface LoopDeps {
  clock: Clock;
  paused: () => boolean;
  runCycle: () => Promise<unknown>;
  onCycleError: (e: unknown) => void;
  /** When the next cycle should start (ms); recorded before the loop sleeps. */
  nextWakeAt: () => number;
  onSleep: (until: number) => void;
}

export type Loop = ReturnType<typeof createLoop>;

export function createLoop(deps: LoopDeps) {
  let stopping = false;
  let loop: Promise<void> | null = null;
  let wake = new AbortController();

  async function run(): Promise<void> {
    while (!stopping) {
      if (!deps.paused()) {
        try {
          await deps.runCycle();
        } catch (e) {
          deps.onCycleError(e);
        }
      }
      if (stopping) break;
      const at = deps.nextWakeAt();
      deps.onSleep(at);
      wake = new AbortController();
      await deps.clock.sleep(at - deps.clock.now(), wake.signal);
    }
  }

  return {
    /** Starts the loop (idempotent). */
    start(): void {
      stopping = false;
      loop ??= run().finally(() => {
        loop = null;
      });
    },
    /** Nothing new starts; resolves when the loop has ended. */
    stop(): Promise<void> {
      stopping = true;
      wake.abort();
      return loop ?? Promise.resolve();
    },
    /** Cuts the loop's sleep short; false when the loop is not started. */
    wake(): boolean {
      if (!loop) return false;
      wake.abort();
      return true;
    },
    isStopping: (): boolean => stopping,
  };
}

/** The poll interval from now, or sooner when a step of a side that is not waiting falls due; at least 1 s away. */
export function nextWakeAt(ctx: Pick<StepContext, 'clock' | 'settings' | 'store'>, health: Pick<SideHealth, 'blockedUntil'>): number {
  const now = ctx.clock.now();
  const candidates = [now + ctx.settings().app.pollIntervalSeconds * 1000];
  const sides = [
    { kinds: ['send-order', 'cancel-order'] as const, blocked: health.blockedUntil('wms') },
    { kinds: ['writeback'] as const, blocked: health.blockedUntil('acumatica') },
  ];
  for (const side of sides) {
    const due = ctx.store.jobs.nextDueAt([...side.kinds]);
    if (due !== null) candidates.push(Math.max(due, side.blocked));
  }
  return Math.max(Math.min(...candidates), now + 1000);
}
