// The optional daily reconciliation: at the time of day set in the settings (the machine's local time), once a day,
// through the same service as a run started by hand (so two never overlap). A day missed while the app was closed
// is caught up when it next runs.
import type { Clock } from '../clock.js';
import { errorInfo } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Settings } from '../settings/schema.js';
import type { ReconcileService } from './service.js';

/** How often the schedule looks again at the settings while it waits. */
const RECHECK_MS = 60_000;

/**
 * When the next scheduled run is due (ms): now when today's slot has passed and no run started since it, otherwise
 * the next slot. `dailyAt` is HH:MM in local time.
 */
export function nextDueAt(dailyAt: string, lastStartedAt: string | null, now: number): number {
  const [h, m] = dailyAt.split(':').map(Number) as [number, number];
  const slot = new Date(now);
  slot.setHours(h, m, 0, 0);
  const today = slot.getTime();
  const last = lastStartedAt ? Date.parse(lastStartedAt) : Number.NEGATIVE_INFINITY;
  if (now >= today) return last < today ? now : new Date(slot.setDate(slot.getDate() + 1)).getTime();
  // Before today's slot: yesterday's is still owed if nothing ran since it.
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  return last < yesterday.getTime() && lastStartedAt !== null ? now : today;
}

export interface ReconcileSchedule {
  start(): void;
  stop(): Promise<void>;
}

export function createReconcileSchedule(deps: {
  clock: Clock;
  logger: Logger;
  settings: () => Settings;
  service: ReconcileService;
  /** When the newest run (finished or not) started. */
  lastStartedAt: () => string | null;
}): ReconcileSchedule {
  let stop = new AbortController();
  let loop: Promise<void> | null = null;

  async function body(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const dailyAt = deps.settings().app.reconcileDailyAt;
      const now = deps.clock.now();
      const due = dailyAt ? nextDueAt(dailyAt, deps.lastStartedAt(), now) : Number.POSITIVE_INFINITY;
      if (due <= now && !deps.service.isRunning()) {
        deps.logger.info('Scheduled reconciliation starts', { dailyAt });
        try {
          // Stopping the app stops the run at its next page; the next run goes on from there.
          const report = await deps.service.run(undefined, signal);
          deps.logger.info('Scheduled reconciliation finished', { discrepancies: report.discrepancies.length });
        } catch (e) {
          deps.logger.warn('Scheduled reconciliation did not finish', { error: errorInfo(e).message });
          await deps.clock.sleep(RECHECK_MS, signal).catch(() => undefined);
        }
        continue;
      }
      await deps.clock.sleep(Math.min(Math.max(due - now, 1000), RECHECK_MS), signal).catch(() => undefined);
    }
  }

  return {
    start() {
      if (loop) return;
      stop = new AbortController();
      loop = body(stop.signal).finally(() => {
        loop = null;
      });
    },
    async stop() {
      stop.abort();
      await loop;
    },
  };
}
