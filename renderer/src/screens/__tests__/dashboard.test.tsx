import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StatusView } from '../../../../main/ipc/views.js';
import { formatTime } from '../../format.js';
import { createFakeApi, fail } from '../../test/fake-api.js';
import { statusView } from '../../test/fixtures.js';
import { deferred, renderWith } from '../../test/render.js';
import { Dashboard } from '../Dashboard.js';

describe('Dashboard', () => {
  it('shows loading, then health, polls, counts and the chart', async () => {
    const gate = deferred<StatusView>();
    const api = createFakeApi({ 'status.get': () => gate.promise });
    renderWith(api, <Dashboard />);
    expect(screen.getByTestId('loading')).toBeInTheDocument();
    gate.resolve(statusView());
    expect(await screen.findByTestId('health-acumatica-state')).toHaveTextContent('Connected');
    expect(screen.getByTestId('count-writeback-failed')).toHaveTextContent('3');
    expect(screen.getByTestId('count-done')).toHaveTextContent('120');
    expect(screen.getByTestId('throughput-chart')).toBeInTheDocument();
    expect(screen.getByTestId('next-poll')).not.toHaveTextContent('—');
    expect(document.documentElement.dataset.appState).toBe('ready');
  });

  it('says "retrying until HH:MM" and what to do when credentials are rejected', async () => {
    const retryAt = '2026-03-01T10:45:00Z';
    const api = createFakeApi({
      'status.get': () =>
        statusView({
          acumatica: { state: 'credentials-rejected', message: 'Acumatica refused the sign-in.', credential: 'acumatica-shared-secret', serverMessage: 'invalid_client' },
          wms: { state: 'retrying', message: 'The SFTP server did not answer.', retryAt },
        }),
    });
    const { navigate } = renderWith(api, <Dashboard />);
    expect(await screen.findByTestId('health-wms-state')).toHaveTextContent(`Retrying until ${formatTime(retryAt)}`);
    const acu = screen.getByTestId('health-acumatica');
    expect(acu).toHaveTextContent('Credentials rejected');
    expect(acu).toHaveTextContent('invalid_client');
    expect(acu).toHaveTextContent('add a new shared secret');
    await userEvent.click(screen.getByRole('button', { name: 'Open the connection wizard' }));
    expect(navigate).toHaveBeenCalledWith({ name: 'wizard' });
  });

  it('shows a step of the running cycle that is taking long', async () => {
    const slowSteps = [{ ref: 'SO-000123', label: 'Confirming shipment 000123', startedAt: '2026-03-01T10:44:20Z', seconds: 40 }];
    const api = createFakeApi({ 'status.get': () => statusView({ syncing: true, slowSteps }) });
    renderWith(api, <Dashboard />);
    expect(await screen.findByTestId('slow-steps')).toHaveTextContent('Confirming shipment 000123 for 40 s');
  });

  it('shows an error in words when the status cannot be loaded', async () => {
    const api = createFakeApi({ 'status.get': () => fail({ kind: 'transient', message: 'The DropStream server did not answer.' }) });
    renderWith(api, <Dashboard />);
    expect(await screen.findByTestId('error-box')).toHaveTextContent('usually temporary');
  });

  it('pauses, syncs now, shows progress and follows counts.changed', async () => {
    let status = statusView();
    const api = createFakeApi({
      'status.get': () => status,
      'sync.pause': () => {
        status = { ...status, paused: true };
        return { paused: true };
      },
      'sync.now': () => ({ started: true }),
    });
    renderWith(api, <Dashboard />);
    await screen.findByTestId('dashboard');
    await userEvent.click(screen.getByTestId('sync-now'));
    await waitFor(() => expect(api.callsTo('sync.now')).toHaveLength(1));
    await userEvent.click(screen.getByTestId('pause-toggle'));
    await waitFor(() => expect(screen.getByTestId('pause-toggle')).toHaveTextContent('Resume syncing'));
    expect(api.callsTo('sync.pause')).toHaveLength(1);

    act(() => api.emit('progress', { phase: 'import', done: 250, total: 1000 }));
    expect(await screen.findByTestId('progress')).toHaveTextContent('Importing from Acumatica: 250 of 1,000');

    status = { ...status, counts: { ...status.counts, 'send-failed': 9, failed: 12 } };
    act(() => api.emit('counts.changed', {}));
    await waitFor(() => expect(screen.getByTestId('count-send-failed')).toHaveTextContent('9'));
    // A failed step's count is shown as a problem.
    expect(screen.getByTestId('count-send-failed')).toHaveClass('bad');
  });
});
