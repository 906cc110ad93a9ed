// StatusView and activity values for the tray and notification tests.
import { ORDER_STATE_FILTERS, type StateCounts } from '../../../main/core/domain/states.js';
import type { ActivityEntry, StatusView } from '../../../main/ipc/views.js';

export function status(overrides: Omit<Partial<StatusView>, 'counts'> & { counts?: Partial<StateCounts> } = {}): StatusView {
  const counts = Object.fromEntries(ORDER_STATE_FILTERS.map((s) => [s, 0])) as StateCounts;
  return {
    acumatica: { state: 'connected', message: 'Connected' },
    wms: { state: 'connected', message: 'Connected' },
    paused: false,
    syncing: false,
    lastPollAt: null,
    lastSuccessfulPollAt: null,
    nextPollAt: null,
    progress: null,
    slowSteps: [],
    throughput: [],
    warnings: [],
    demo: false,
    ...overrides,
    counts: { ...counts, ...overrides.counts },
  };
}

export function entry(id: number, kind: string, orderRef: string | null = 'SO000123', message = 'Something happened.'): ActivityEntry {
  return { id, at: '2026-11-27T10:00:00.000Z', orderRef, level: 'info', kind, message };
}
