// The test kit's clocks. Every part of the core reads time through main/core/clock.ts, so a test picks how time moves:
// - systemClock: real time (the subprocess CLI tests, the short-token rig);
// - SimClock: time moves only when the test advances it or when something sleeps on it (a sleep of an hour returns
//   at once with the clock an hour later). The engine, the Acumatica client, both doubles and the log writer all
//   read this one clock, so tokens expire and backoff falls due as they would over real days;
// - ManualClock: a sleep waits until the test advances the clock past its end (or its signal aborts), so a test can
//   hold a running loop asleep and see what wakes it;
// - manualClock(): a bare hand-moved clock whose sleep moves it (adapter and job-runner unit tests).
import { systemClock, type Clock } from '../../main/core/clock.js';

export { systemClock };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Where simulated time starts unless a test says otherwise. */
const SIM_START = Date.parse('2025-03-03T08:00:00Z');

export class SimClock implements Clock {
  private t: number;

  constructor(start: number = SIM_START) {
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

interface Sleeper {
  until: number;
  wake: () => void;
}

export class ManualClock implements Clock {
  private t: number;
  private readonly sleepers = new Set<Sleeper>();

  constructor(start: number = SIM_START) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** How many sleeps are waiting (a loop that has gone to sleep shows here). */
  get sleeping(): number {
    return this.sleepers.size;
  }

  /** Moves time on and wakes every sleep that has ended by then. */
  advance(ms: number): void {
    this.t += ms;
    for (const s of [...this.sleepers]) if (s.until <= this.t) s.wake();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        until: this.t + ms,
        wake: () => {
          this.sleepers.delete(sleeper);
          signal?.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      this.sleepers.add(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
    });
  }
}

/** A hand-moved clock whose sleep moves it at once (no waiting, no yielding). */
export function manualClock(start = Date.parse('2026-11-27T10:00:00Z')): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, sleep: async (ms) => void (t += ms), advance: (ms) => void (t += ms) };
}
