// The health of each side (Acumatica, the warehouse) as the engine keeps it: until when a side waits (an outage, a
// refused credential, a full disk) in memory, so a new process tries at once; and the connection the status shows,
// in the store (store.sideHealth), announced when it changes.
import type { AppError } from '../errors.js';
import type { Side, SideConnections } from '../store/side-health-repo.js';
import type { WmsConnection } from '../../ipc/views.js';
import type { StepContext } from './context.js';

export type SideHealth = ReturnType<typeof createSideHealth>;

export function createSideHealth(ctx: Pick<StepContext, 'store' | 'emit' | 'clock'>) {
  const blockedUntil: Record<Side, number> = { acumatica: 0, wms: 0 };
  return {
    /** The side may be tried now: it is not waiting out an outage, a credential refusal or a full disk. */
    isOpen: (side: Side): boolean => ctx.clock.now() >= blockedUntil[side],
    blockedUntil: (side: Side): number => blockedUntil[side],
    /** The side waits until `until` (null: it may go again at once). */
    block(side: Side, until: number | null): void {
      blockedUntil[side] = until ?? 0;
    },
    /** The user saved new credentials: whatever waited goes again now. */
    unblockAll(): void {
      blockedUntil.acumatica = 0;
      blockedUntil.wms = 0;
    },
    /** Records what the status shows for the side and announces it when it changed. */
    report<S extends Side>(side: S, conn: SideConnections[S]): void {
      if (ctx.store.sideHealth.setConnection(side, conn)) ctx.emit('connection.changed', { side });
    },
  };
}

/** What the status shows for the warehouse after a cycle: connected, or why not and until when. */
export function wmsConnection(adapter: string, err: AppError | null, until: number | null): WmsConnection {
  if (!err) return { state: 'connected', message: 'Connected', adapter };
  const named = adapter ? { adapter } : {};
  if (err.kind === 'credentials-rejected') return { state: 'credentials-rejected', message: err.message, ...named };
  if (err.kind === 'transient') {
    return { state: 'retrying', message: err.message, ...(until ? { retryAt: new Date(until).toISOString() } : {}), ...named };
  }
  return { state: 'error', message: err.message, ...named };
}
