// What every step of the engine works with. Built once by the engine from its deps.
import type { AcumaticaGateway } from '../acumatica/gateway.js';
import type { Clock } from '../clock.js';
import { nextState, type ActivityKind, type ActivityLevel, type Attention, type OrderEvent } from '../domain/index.js';
import type { ErrorInfo } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Settings } from '../settings/schema.js';
import type { Store } from '../store/index.js';
import type { WmsAdapter } from '../wms/adapter.js';
import type { Events } from '../../ipc/contract.js';
import { StepTracker } from './slow-steps.js';

/** What every run over the two systems works with (the sync engine, a reconciliation): one set-up for both. */
export interface RunParts {
  store: Store;
  /** null until Acumatica is configured. */
  acumatica: AcumaticaGateway | null;
  /** null until a WMS is configured. */
  wms: WmsAdapter | null;
  settings: () => Settings;
  clock: Clock;
  logger: Logger;
}

/** The clock's time as an ISO string, as the store records it. */
export function isoNow(clock: Pick<Clock, 'now'>): () => string {
  return () => new Date(clock.now()).toISOString();
}

export interface EngineDeps extends RunParts {
  random?: () => number;
  emit?: <E extends keyof Events>(event: E, payload: Events[E]) => void;
}

export interface StepContext extends Required<Omit<EngineDeps, 'acumatica' | 'wms'>> {
  acumatica: AcumaticaGateway | null;
  wms: WmsAdapter | null;
  nowIso(): string;
  /** Refs changed during the current step, announced together at its end. */
  changed: Set<string>;
  /** The steps running now, with what each is doing and since when (the status shows the slow ones). */
  steps: StepTracker;
}

export function makeContext(deps: EngineDeps): StepContext {
  return {
    ...deps,
    random: deps.random ?? Math.random,
    emit: deps.emit ?? (() => undefined),
    nowIso: isoNow(deps.clock),
    changed: new Set(),
    steps: new StepTracker(),
  };
}

/**
 * A lifecycle event on an order: the move the table in domain/lifecycle.ts allows (an unlisted move throws, a bug),
 * written together with its activity entry. Call inside store.tx.
 */
export function transition(
  ctx: StepContext,
  ref: string,
  event: OrderEvent,
  activity: { kind: ActivityKind; message: string; level?: ActivityLevel },
  extra: { attention?: Attention | null; lastError?: ErrorInfo | null } = {},
): void {
  const now = ctx.nowIso();
  const from = ctx.store.orders.stateOf(ref);
  // An order gone from the store (never the case today) has no state to move; its activity is still worth keeping.
  if (from !== undefined) ctx.store.orders.setState(ref, nextState(from, event), now, extra);
  ctx.store.activity.add(now, ref, activity.level ?? 'info', activity.kind, activity.message);
  ctx.changed.add(ref);
}

export function note(ctx: StepContext, ref: string | null, kind: ActivityKind, message: string, level: ActivityLevel = 'info'): void {
  ctx.store.activity.add(ctx.nowIso(), ref, level, kind, message);
  if (ref) ctx.changed.add(ref);
}

/** Announces what changed since the last flush. */
export function flushChanges(ctx: StepContext): void {
  if (ctx.changed.size === 0) return;
  const refs = [...ctx.changed];
  ctx.changed.clear();
  ctx.emit('orders.changed', { refs });
  ctx.emit('counts.changed', {});
  ctx.emit('activity.added', { count: refs.length });
}
