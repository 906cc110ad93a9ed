import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../../main/ipc/views.js';
import { createFakeApi, fail } from '../../test/fake-api.js';
import { configuredAcumatica, settingsView } from '../../test/fixtures.js';
import { renderWith } from '../../test/render.js';
import { Activity } from '../Activity.js';
import { SettingsScreen } from '../Settings.js';

const entry = (id: number, message: string): ActivityEntry => ({ id, at: '2026-03-01T10:00:00Z', orderRef: null, level: 'info', kind: 'x', message });

describe('Activity', () => {
  it('searches the log and follows activity.added', async () => {
    let rows = [entry(1, 'Imported 3 orders'), entry(2, 'Sent SO-1 to the warehouse')];
    const api = createFakeApi({
      'activity.list': (input) => {
        const found = rows.filter((r) => !input?.search || r.message.includes(input.search));
        return { total: found.length, rows: found };
      },
    });
    renderWith(api, <Activity />);
    expect(await screen.findAllByTestId('activity-row')).toHaveLength(2);
    await userEvent.type(screen.getByTestId('activity-search'), 'Sent');
    await waitFor(() => expect(screen.getAllByTestId('activity-row')).toHaveLength(1));
    rows = [...rows, entry(3, 'Sent SO-2 to the warehouse')];
    act(() => api.emit('activity.added', { count: 1 }));
    await waitFor(() => expect(screen.getAllByTestId('activity-row')).toHaveLength(2));
  });

  it('empty and error states', async () => {
    const api = createFakeApi({ 'activity.list': () => ({ total: 0, rows: [] }) });
    const { unmount } = renderWith(api, <Activity />);
    expect(await screen.findByTestId('empty')).toHaveTextContent('Nothing has happened yet');
    unmount();
    renderWith(createFakeApi({ 'activity.list': () => fail({ kind: 'internal', message: 'Unexpected error: boom' }) }), <Activity />);
    expect(await screen.findByTestId('error-box')).toHaveTextContent('send the activity log to support');
  });
});

describe('Settings', () => {
  it('shows the data folder and saves app and Acumatica sections', async () => {
    const view = settingsView({ acumatica: configuredAcumatica });
    const api = createFakeApi({ 'settings.get': () => view, 'settings.save': () => view });
    renderWith(api, <SettingsScreen />);
    expect(await screen.findByTestId('data-dir')).toHaveTextContent('/home/op/.local/share/dropstream');
    const poll = screen.getByLabelText('Check Acumatica every (seconds)');
    await userEvent.clear(poll);
    await userEvent.type(poll, '120');
    await userEvent.selectOptions(screen.getByLabelText('Theme'), 'dark');
    await userEvent.clear(screen.getByLabelText('Acumatica statuses to import (comma separated)'));
    await userEvent.type(screen.getByLabelText('Acumatica statuses to import (comma separated)'), 'Open, Back Order');
    await userEvent.click(screen.getByLabelText('Confirm shipments in Acumatica after writing tracking back'));
    await userEvent.click(screen.getByLabelText("Package contents: send each box's items and lot/serial numbers to Acumatica"));
    await userEvent.type(screen.getByLabelText('Line Types sent to the warehouse (comma separated)'), 'Goods for Inventory');
    await userEvent.type(screen.getByLabelText('Lot/serial items (comma separated InventoryIDs)'), 'AALEGO500, APPLES');
    await userEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(api.callsTo('settings.save')).toHaveLength(2));
    expect(api.callsTo('settings.save')[0]).toMatchObject({ section: 'app', value: { pollIntervalSeconds: 120, theme: 'dark' } });
    expect(api.callsTo('settings.save')[1]).toMatchObject({
      section: 'acumatica',
      value: {
        statuses: ['Open', 'Back Order'],
        confirmShipments: false,
        packageContents: false,
        shipLineTypes: ['Goods for Inventory'],
        lotSerialItems: ['AALEGO500', 'APPLES'],
        url: configuredAcumatica.url,
      },
    });
  });

  it('refuses a too-short poll interval and keeps the values after a failed save', async () => {
    const api = createFakeApi({
      'settings.get': () => settingsView(),
      'settings.save': () => fail({ kind: 'keychain', message: 'The keychain is locked.' }),
    });
    renderWith(api, <SettingsScreen />);
    const poll = await screen.findByLabelText('Check Acumatica every (seconds)');
    await userEvent.clear(poll);
    await userEvent.type(poll, '5');
    await userEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByText('At least 10 seconds')).toBeInTheDocument();
    expect(api.callsTo('settings.save')).toHaveLength(0);
    await userEvent.clear(poll);
    await userEvent.type(poll, '30');
    await userEvent.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('error-box')).toHaveTextContent('unlock the keychain');
    expect(poll).toHaveValue(30);
  });
});
