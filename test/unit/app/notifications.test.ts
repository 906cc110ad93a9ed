import { describe, expect, it } from 'vitest';
import { decideNotifications, watchForNotifications } from '../../../main/app/notifications.js';
import type { EventListener } from '../../../main/core/host.js';
import type { ActivityEntry, StatusView } from '../../../main/ipc/views.js';
import { entry, status } from './status-fixtures.js';

const ok = status();
const conn = (s: StatusView) => ({ acumatica: s.acumatica, wms: s.wms });
const acuRejected = status({ acumatica: { state: 'credentials-rejected', message: 'The shared secret was rejected: issue a new one.' } });
const wmsRejected = status({ wms: { state: 'credentials-rejected', message: 'The SFTP password was rejected.' } });

describe('decideNotifications', () => {
  it('says nothing when nothing needs a person', () => {
    expect(decideNotifications(conn(ok), conn(ok), [entry(1, 'imported'), entry(2, 'written-back'), entry(3, 'writeback-retry')])).toEqual([]);
  });

  it('announces one failed write-back with its order and the server words', () => {
    const notices = decideNotifications(conn(ok), conn(ok), [entry(5, 'writeback-failed', 'SO000777', 'Acumatica refused the write-back: Ship Via UPSX does not exist.')]);
    expect(notices).toEqual([
      {
        kind: 'writeback-failed',
        title: 'Write-back of SO000777 failed',
        body: 'Acumatica refused the write-back: Ship Via UPSX does not exist. Open DropStream to retry it.',
      },
    ]);
  });

  it('groups several failed write-backs into one notice', () => {
    const notices = decideNotifications(conn(ok), conn(ok), [entry(5, 'writeback-failed'), entry(6, 'sent-to-wms'), entry(7, 'writeback-failed')]);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toBe('2 write-backs to Acumatica failed');
  });

  it('announces rejected credentials once, when they become rejected', () => {
    expect(decideNotifications(conn(ok), conn(acuRejected), [])).toEqual([
      { kind: 'credentials-rejected', title: 'Acumatica rejected the sign-in', body: 'The shared secret was rejected: issue a new one.' },
    ]);
    expect(decideNotifications(conn(acuRejected), conn(acuRejected), [])).toEqual([]);
    expect(decideNotifications(conn(ok), conn(wmsRejected), [])).toEqual([
      { kind: 'credentials-rejected', title: 'The warehouse rejected the credentials', body: 'The SFTP password was rejected.' },
    ]);
  });

  it('announces credentials already rejected at start-up', () => {
    expect(decideNotifications(null, conn(acuRejected), []).map((n) => n.kind)).toEqual(['credentials-rejected']);
  });

  it('does not announce retrying or not-configured connections', () => {
    const retrying = status({ acumatica: { state: 'retrying', message: 'Acumatica did not answer' }, wms: { state: 'not-configured', message: '' } });
    expect(decideNotifications(conn(ok), conn(retrying), [])).toEqual([]);
  });
});

describe('watchForNotifications', () => {
  function fakeCore() {
    let current = ok;
    const rows: ActivityEntry[] = [];
    let listener: EventListener | null = null;
    const core = {
      handlers: {
        'status.get': async () => ({ ok: true as const, value: current }),
        'activity.list': async () => ({ ok: true as const, value: { total: rows.length, rows: [...rows].sort((a, b) => b.id - a.id) } }),
      },
      subscribe: (l: EventListener) => {
        listener = l;
        return () => (listener = null);
      },
    };
    return {
      core: core as never,
      setStatus: (s: StatusView) => (current = s),
      add: (...e: ActivityEntry[]) => rows.push(...e),
      emit: (name: string) => (listener as unknown as ((n: string, p: unknown) => void) | null)?.(name, {}),
      subscribed: () => listener !== null,
    };
  }

  it('ignores failures from before start-up and announces new ones from the events', async () => {
    const f = fakeCore();
    f.add(entry(1, 'writeback-failed', 'SO-OLD'));
    const shown: string[] = [];
    const watcher = watchForNotifications({ core: f.core, show: (n) => shown.push(n.title) });
    await watcher.ready;
    expect(shown).toEqual([]);

    f.add(entry(2, 'writeback-failed', 'SO-NEW'));
    f.emit('activity.added');
    await watcher.idle();
    expect(shown).toEqual(['Write-back of SO-NEW failed']);

    f.emit('activity.added'); // nothing new since
    await watcher.idle();
    expect(shown).toHaveLength(1);
  });

  it('announces a credentials rejection on connection.changed, once', async () => {
    const f = fakeCore();
    const shown: string[] = [];
    const watcher = watchForNotifications({ core: f.core, show: (n) => shown.push(n.title) });
    await watcher.ready;
    f.setStatus(acuRejected);
    f.emit('connection.changed');
    f.emit('connection.changed');
    await watcher.idle();
    expect(shown).toEqual(['Acumatica rejected the sign-in']);
  });

  it('ignores unrelated events and stops cleanly', async () => {
    const f = fakeCore();
    const shown: string[] = [];
    const watcher = watchForNotifications({ core: f.core, show: (n) => shown.push(n.title) });
    await watcher.ready;
    f.add(entry(9, 'writeback-failed'));
    f.emit('orders.changed');
    await watcher.idle();
    expect(shown).toEqual([]);
    watcher.stop();
    expect(f.subscribed()).toBe(false);
  });
});
