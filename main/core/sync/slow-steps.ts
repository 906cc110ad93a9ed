// Steps that are taking long, for the status ("Confirming shipment 000123 for 40 s", issue #18). The job runner
// registers each running step in memory; while a cycle runs, the engine publishes the ones older than SLOW_AFTER_MS
// to sync_state every few seconds, so `dropstream status` in another process and the UI can show them.
import type { Store } from '../store/index.js';

export const SLOW_STEPS_KEY = 'status.slowSteps';
export const SLOW_AFTER_MS = 10_000;
export const PUBLISH_EVERY_MS = 5_000;

export interface RunningStep {
  ref: string | null;
  label: string;
  startedAt: number;
}

export interface SlowStepsRecord {
  /** When this list was written; an old list (the process ended) is not shown. */
  updatedAt: string;
  steps: { ref: string | null; label: string; startedAt: string }[];
}

export interface SlowStepView {
  ref: string | null;
  label: string;
  startedAt: string;
  seconds: number;
}

export class StepTracker {
  private readonly steps = new Map<string, RunningStep>();

  start(id: string, ref: string | null, label: string, now: number): void {
    this.steps.set(id, { ref, label, startedAt: now });
  }

  /** A new phase of a running step ("Confirming shipment 000123"); its clock keeps running. */
  relabel(id: string, label: string): void {
    const s = this.steps.get(id);
    if (s) s.label = label;
  }

  end(id: string): void {
    this.steps.delete(id);
  }

  slow(now: number): RunningStep[] {
    return [...this.steps.values()].filter((s) => now - s.startedAt >= SLOW_AFTER_MS);
  }
}

export function publishSlowSteps(store: Store, steps: RunningStep[], now: number): void {
  const before = store.syncState.get<SlowStepsRecord>(SLOW_STEPS_KEY);
  if (steps.length === 0 && (!before || before.steps.length === 0)) return;
  const record: SlowStepsRecord = {
    updatedAt: new Date(now).toISOString(),
    steps: steps.map((s) => ({ ref: s.ref, label: s.label, startedAt: new Date(s.startedAt).toISOString() })),
  };
  store.syncState.set(SLOW_STEPS_KEY, record);
}

/** What the status shows: the published list while it is current (written within two publish periods). */
export function readSlowSteps(store: Store, now: number): SlowStepView[] {
  const rec = store.syncState.get<SlowStepsRecord>(SLOW_STEPS_KEY);
  if (!rec || now - Date.parse(rec.updatedAt) > 3 * PUBLISH_EVERY_MS) return [];
  return rec.steps.map((s) => ({ ...s, seconds: Math.max(0, Math.round((now - Date.parse(s.startedAt)) / 1000)) }));
}

/** "Confirming shipment 000123 for 40 s". */
export function slowStepLine(s: SlowStepView): string {
  return `${s.label} for ${s.seconds} s`;
}
