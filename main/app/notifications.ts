// OS notifications for the two things that need a person: a write-back Acumatica refused, and credentials that were
// rejected (the sync waits until someone renews them). The decision is a pure function of the status and the new
// activity entries; the watcher feeds it from the core's events and hands each notice to the shell to show.
import type { Core } from '../core/host.js';
import type { Logger } from '../core/log/logger.js';
import type { ActivityEntry, StatusView } from '../ipc/views.js';

export interface Notice {
  kind: 'writeback-failed' | 'credentials-rejected';
  title: string;
  body: string;
}

export type ConnectionStates = { acumatica: Pick<StatusView['acumatica'], 'state' | 'message'>; wms: Pick<StatusView['wms'], 'state' | 'message'> };

/**
 * What to notify, given the connection states before (null at start-up) and now, and the activity entries added
 * since the last check. A rejected credential is announced once, when it becomes rejected, not on every check.
 */
export function decideNotifications(previous: ConnectionStates | null, current: ConnectionStates, newEntries: readonly ActivityEntry[]): Notice[] {
  const notices: Notice[] = [];
  const failed = newEntries.filter((e) => e.kind === 'writeback-failed');
  const first = failed[0];
  if (failed.length === 1 && first) {
    notices.push({
      kind: 'writeback-failed',
      title: first.orderRef ? `Write-back of ${first.orderRef} failed` : 'A write-back to Acumatica failed',
      body: `${first.message} Open DropStream to retry it.`,
    });
  } else if (failed.length > 1) {
    notices.push({
      kind: 'writeback-failed',
      title: `${failed.length} write-backs to Acumatica failed`,
      body: 'Open DropStream to see the reasons and retry them.',
    });
  }
  if (current.acumatica.state === 'credentials-rejected' && previous?.acumatica.state !== 'credentials-rejected') {
    notices.push({ kind: 'credentials-rejected', title: 'Acumatica rejected the sign-in', body: current.acumatica.message });
  }
  if (current.wms.state === 'credentials-rejected' && previous?.wms.state !== 'credentials-rejected') {
    notices.push({ kind: 'credentials-rejected', title: 'The warehouse rejected the credentials', body: current.wms.message });
  }
  return notices;
}

const WATCHED = new Set(['activity.added', 'connection.changed']);

/**
 * Watches the core and calls `show` for each notice. Checks run one at a time (events can come in bursts).
 * Returns the stop function and a promise of the first check (start-up), for tests and for ordering.
 */
export function watchForNotifications(options: {
  core: Pick<Core, 'subscribe' | 'handlers'>;
  show: (notice: Notice) => void;
  logger?: Logger;
}): { stop: () => void; ready: Promise<void>; idle: () => Promise<void> } {
  const { core, show, logger } = options;
  let previous: ConnectionStates | null = null;
  let lastActivityId: number | null = null;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  const check = async (): Promise<void> => {
    const status = await core.handlers['status.get']({});
    const activity = await core.handlers['activity.list']({ offset: 0, limit: 200 });
    if (!status.ok || !activity.ok) {
      logger?.warn('Could not check for notifications', { error: !status.ok ? status.error.message : !activity.ok ? activity.error.message : '' });
      return;
    }
    const newest = activity.value.rows[0]?.id ?? 0;
    // At start-up older failures are on screen already: only entries that arrive from now on are announced.
    const fresh = lastActivityId === null ? [] : activity.value.rows.filter((e) => e.id > (lastActivityId ?? 0));
    lastActivityId = Math.max(lastActivityId ?? 0, newest);
    const current = { acumatica: status.value.acumatica, wms: status.value.wms };
    const notices = decideNotifications(previous, current, fresh);
    previous = current;
    if (stopped) return;
    for (const n of notices) show(n);
  };
  const enqueue = (): Promise<void> => {
    queue = queue.then(check).catch((e: unknown) => {
      logger?.warn('Notification check failed', { error: e instanceof Error ? e.message : String(e) });
    });
    return queue;
  };

  const ready = enqueue();
  const unsubscribe = core.subscribe((event) => {
    if (!stopped && WATCHED.has(event)) void enqueue();
  });
  return {
    ready,
    idle: () => queue,
    stop: () => {
      stopped = true;
      unsubscribe();
    },
  };
}
