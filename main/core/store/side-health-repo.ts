// The durable half of each side's health (Acumatica, the warehouse): the connection state the status shows, and
// when the engine last polled, last got through and polls next. Kept in sync_state under the keys it always had, so
// `dropstream status` in another process reads what the running engine wrote (no migration).
import type { AcumaticaConnection } from '../acumatica/gateway.js';
import type { WmsConnection } from '../../ipc/views.js';
import type { SyncStateRepo } from './state-repo.js';

export type Side = 'acumatica' | 'wms';

/** The connection record of each side. */
export interface SideConnections {
  acumatica: AcumaticaConnection;
  wms: WmsConnection;
}

export interface PollTimes {
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
}

/** The sync_state keys (unchanged from before the repository, so existing data directories read the same). */
export const SIDE_HEALTH_KEYS = {
  acumatica: 'status.acumatica',
  wms: 'status.wms',
  lastPollAt: 'poll.lastAt',
  lastSuccessAt: 'poll.lastSuccessAt',
  nextPollAt: 'poll.nextAt',
} as const;

export function createSideHealthRepo(state: SyncStateRepo) {
  return {
    connection<S extends Side>(side: S): SideConnections[S] | undefined {
      return state.get<SideConnections[S]>(SIDE_HEALTH_KEYS[side]);
    },
    /** Records the side's connection; true when what the status shows changed (state or message). */
    setConnection<S extends Side>(side: S, conn: SideConnections[S]): boolean {
      const before = state.get<SideConnections[S]>(SIDE_HEALTH_KEYS[side]);
      state.set(SIDE_HEALTH_KEYS[side], conn);
      return before?.state !== conn.state || before.message !== conn.message;
    },
    pollTimes(): PollTimes {
      return {
        lastPollAt: state.get<string>(SIDE_HEALTH_KEYS.lastPollAt) ?? null,
        lastSuccessAt: state.get<string>(SIDE_HEALTH_KEYS.lastSuccessAt) ?? null,
        nextPollAt: state.get<string>(SIDE_HEALTH_KEYS.nextPollAt) ?? null,
      };
    },
    polled(atIso: string): void {
      state.set(SIDE_HEALTH_KEYS.lastPollAt, atIso);
    },
    /** The import got through. */
    succeeded(atIso: string): void {
      state.set(SIDE_HEALTH_KEYS.lastSuccessAt, atIso);
    },
    nextPoll(atIso: string): void {
      state.set(SIDE_HEALTH_KEYS.nextPollAt, atIso);
    },
  };
}

export type SideHealthRepo = ReturnType<typeof createSideHealthRepo>;
