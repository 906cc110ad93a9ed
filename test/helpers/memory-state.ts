// In-memory adapter state and a hand-moved clock, for adapter tests that do not need the SQLite-backed state.
import type { Clock } from '../../main/core/clock.js';
import type { AdapterState } from '../../main/core/wms/adapter.js';

export function memoryState(): AdapterState & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const seq = new Map<string, number>();
  return {
    entries,
    get: (k) => entries.get(k),
    set: (k, v) => void entries.set(k, v),
    setMany: (values) => {
      for (const [k, v] of Object.entries(values)) entries.set(k, v);
    },
    next: (name) => {
      const n = (seq.get(name) ?? 0) + 1;
      seq.set(name, n);
      return n;
    },
  };
}

export function manualClock(start = Date.parse('2026-11-27T10:00:00Z')): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, sleep: async (ms) => void (t += ms), advance: (ms) => void (t += ms) };
}
