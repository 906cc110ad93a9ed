import { screen, waitFor } from '@testing-library/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Root } from './App.js';
import { createFakeApi } from './test/fake-api.js';
import { configuredAcumatica, settingsView, statusView } from './test/fixtures.js';

function fake(configured: boolean) {
  return createFakeApi({
    'settings.get': () => settingsView(configured ? { acumatica: configuredAcumatica, app: { ...settingsView().settings.app, theme: 'dark' } } : {}),
    'app.info': () => ({ version: '0.1.0', dataDir: '/d', shell: 'browser', demo: true }),
    'status.get': () => statusView(),
    'orders.list': () => ({ total: 0, rows: [] }),
  });
}

describe('App', () => {
  it('opens the wizard on first run', async () => {
    render(<Root api={fake(false)} />);
    expect(await screen.findByTestId('wizard')).toBeInTheDocument();
  });

  it('opens the dashboard when configured, applies the theme, and navigates by the menu', async () => {
    render(<Root api={fake(true)} />);
    expect(await screen.findByTestId('dashboard')).toBeInTheDocument();
    expect(screen.getByTestId('demo-badge')).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    await userEvent.click(screen.getByRole('link', { name: 'Queues' }));
    expect(await screen.findByTestId('queues')).toBeInTheDocument();
    expect(window.location.hash).toBe('#/queues/awaiting-wms');
    expect(screen.getByRole('link', { name: 'Queues' })).toHaveAttribute('aria-current', 'page');
  });
});
