// In-memory adapter state, for adapter tests that do not need the SQLite-backed state.
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
