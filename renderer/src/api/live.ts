// Live updates: each pushed event invalidates only the queries it touches; a reconnect refetches everything.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { StatusView } from '../../../main/ipc/views.js';
import { useApi } from './context.js';
import { keys } from './keys.js';

export function useLiveUpdates(): void {
  const api = useApi();
  const qc = useQueryClient();
  useEffect(() => {
    const offs = [
      api.subscribe('orders.changed', ({ refs }) => {
        for (const ref of refs) void qc.invalidateQueries({ queryKey: keys.order(ref) });
        // Active lists refetch in place (data kept while fetching: no flicker, scroll kept).
        void qc.invalidateQueries({ queryKey: keys.orders });
        void qc.invalidateQueries({ queryKey: keys.skuHeld });
      }),
      api.subscribe('counts.changed', () => void qc.invalidateQueries({ queryKey: keys.status })),
      api.subscribe('connection.changed', () => void qc.invalidateQueries({ queryKey: keys.status })),
      api.subscribe('settings.changed', () => void qc.invalidateQueries({ queryKey: keys.settings })),
      api.subscribe('activity.added', () => void qc.invalidateQueries({ queryKey: keys.activity })),
      api.subscribe('progress', (progress) => {
        qc.setQueryData<StatusView>(keys.status, (old) => (old ? { ...old, progress } : old));
      }),
    ];
    if (api.onReconnect) offs.push(api.onReconnect(() => void qc.invalidateQueries()));
    return () => {
      for (const off of offs) off();
    };
  }, [api, qc]);
}
