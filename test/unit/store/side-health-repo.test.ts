// The typed side-health repository over sync_state, on a real database file: it reads and writes under the keys the
// status always used (a data directory from before the repository reads the same), says when what the status shows
// changed, and survives reopening (another process, `dropstream status`, reads what the engine wrote).
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/core/store/index.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('ds-side-health-');

describe('side health repository', () => {
  it('keeps each side connection and the poll times under the existing keys, across a reopen', () => {
    const dir = tempDir();
    const store = openStore(dir);
    // Written the way a version before the repository wrote it.
    store.syncState.set('status.acumatica', { state: 'retrying', message: 'Acumatica answered 503', retryAt: '2026-12-04T10:01:00.000Z' });
    store.syncState.set('poll.lastAt', '2026-12-04T10:00:00.000Z');
    expect(store.sideHealth.connection('acumatica')).toEqual({ state: 'retrying', message: 'Acumatica answered 503', retryAt: '2026-12-04T10:01:00.000Z' });
    expect(store.sideHealth.connection('wms')).toBeUndefined();

    store.sideHealth.setConnection('wms', { state: 'connected', message: 'Connected', adapter: 'extensiv' });
    store.sideHealth.succeeded('2026-12-04T10:00:05.000Z');
    store.sideHealth.nextPoll('2026-12-04T10:05:00.000Z');
    store.close();

    const again = openStore(dir);
    expect(again.syncState.get('status.wms')).toEqual({ state: 'connected', message: 'Connected', adapter: 'extensiv' });
    expect(again.sideHealth.pollTimes()).toEqual({
      lastPollAt: '2026-12-04T10:00:00.000Z',
      lastSuccessAt: '2026-12-04T10:00:05.000Z',
      nextPollAt: '2026-12-04T10:05:00.000Z',
    });
    again.close();
  });

  it('says when what the status shows changed (state or message), not when only the retry time moved', () => {
    const store = openStore(tempDir());
    const retrying = { state: 'retrying' as const, message: 'Extensiv answered 503', retryAt: '2026-12-04T10:01:00.000Z' };
    expect(store.sideHealth.setConnection('wms', retrying)).toBe(true);
    expect(store.sideHealth.setConnection('wms', { ...retrying, retryAt: '2026-12-04T10:02:00.000Z' })).toBe(false);
    expect(store.sideHealth.connection('wms')?.retryAt).toBe('2026-12-04T10:02:00.000Z');
    expect(store.sideHealth.setConnection('wms', { ...retrying, message: 'Extensiv answered 502' })).toBe(true);
    expect(store.sideHealth.setConnection('wms', { state: 'connected', message: 'Extensiv answered 502' })).toBe(true);
    store.close();
  });
});
