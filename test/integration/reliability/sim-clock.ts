// A simulated clock for long runs: time moves only when the test advances it or when something sleeps on it (a sleep
// of an hour returns at once with the clock an hour later). The engine, the Acumatica client, both doubles and the
// log writer all read this one clock, so tokens expire and backoff falls due as they would over real days.
import type { Clock } from '../../../main/core/clock.js';

export class SimClock implements Clock {
  private t: number;

  constructor(start: number = Date.parse('2025-03-03T08:00:00Z')) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    this.t += Math.max(0, ms);
    // Yield to the event loop so a sleeping loop never starves I/O.
    return new Promise((resolve) => setImmediate(resolve));
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
