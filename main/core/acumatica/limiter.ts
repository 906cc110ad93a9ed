// Client-side throttle: at most N requests at once and M per rolling minute, so the app never trips the licence's
// own limits (above half the per-minute limit Acumatica delays every request; beyond that it declines).
import type { Clock } from '../clock.js';
import { queueAbandoned } from './cycle-time.js';

export interface Limiter {
  /** Runs the task when a place is free; a signal that aborts while the task still waits takes it out of the queue. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}


export function createLimiter(opts: { requestsPerMinute: number; maxConcurrent: number; clock: Clock }): Limiter {
  const windowMs = 60_000;
  const started: number[] = [];
  const waiting: (() => void)[] = [];
  let active = 0;
  let timerArmed = false;

  function pump(): void {
    while (waiting.length > 0) {
      const now = opts.clock.now();
      while (started.length > 0 && (started[0] ?? 0) <= now - windowMs) started.shift();
      if (active >= opts.maxConcurrent) return;
      if (started.length >= opts.requestsPerMinute) {
        if (!timerArmed) {
          timerArmed = true;
          const wait = Math.max(1, (started[0] ?? now) + windowMs - now);
          void opts.clock.sleep(wait).then(() => {
            timerArmed = false;
            pump();
          });
        }
        return;
      }
      active++;
      started.push(now);
      waiting.shift()?.();
    }
  }

  return {
    async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) throw queueAbandoned();
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          const i = waiting.indexOf(go);
          if (i >= 0) waiting.splice(i, 1);
          reject(queueAbandoned());
        };
        function go(): void {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }
        waiting.push(go);
        signal?.addEventListener('abort', onAbort, { once: true });
        pump();
      });
      try {
        return await task();
      } finally {
        active--;
        pump();
      }
    },
  };
}
