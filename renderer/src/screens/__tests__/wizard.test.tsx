import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '../../../../main/ipc/views.js';
import { createFakeApi } from '../../test/fake-api.js';
import { settingsView } from '../../test/fixtures.js';
import { renderWith } from '../../test/render.js';
import { Wizard } from '../Wizard.js';

const CLIENT_ID = '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Company';

const failing: CheckResult[] = [
  { id: 'reachable', label: 'Instance reachable', ok: true, message: 'HTTPS answered' },
  { id: 'token', label: 'Sign-in', ok: false, message: 'The shared secret was refused: copy a current secret from Connected Applications (SM303010).' },
  { id: 'endpoint', label: 'Endpoint', ok: false, skipped: true, message: 'needs a sign-in' },
];
const passing: CheckResult[] = [
  { id: 'reachable', label: 'Instance reachable', ok: true, message: 'HTTPS answered' },
  { id: 'token', label: 'Sign-in', ok: true, message: 'Signed in as admin' },
  { id: 'endpoint', label: 'Endpoint', ok: true, message: 'Endpoint Default 24.200.001' },
];

async function fillAcumatica(overrides: { url?: string; clientId?: string; secret?: string } = {}) {
  const u = userEvent.setup();
  await u.type(screen.getByLabelText('Instance URL'), overrides.url ?? 'https://acme.acumatica.com');
  await u.type(screen.getByLabelText('Client ID'), overrides.clientId ?? CLIENT_ID);
  await u.type(screen.getByLabelText('Shared secret'), overrides.secret ?? 'wrong-secret');
  await u.type(screen.getByLabelText('User name'), 'admin');
  await u.type(screen.getByLabelText('Password'), 'pw');
  return u;
}

describe('Connection wizard', () => {
  it('rejects a bad URL and a bad Client ID with what to type', async () => {
    const api = createFakeApi({ 'settings.get': () => settingsView(), 'connection.testAcumatica': () => passing });
    renderWith(api, <Wizard onDone={vi.fn()} />);
    await screen.findByTestId('wizard-acumatica');
    const u = await fillAcumatica({ url: 'acme dot com', clientId: 'not-a-guid' });
    await u.click(screen.getByTestId('acu-test'));
    expect(await screen.findByText('Enter the Instance URL, e.g. https://yourcompany.acumatica.com')).toBeInTheDocument();
    expect(screen.getByText(/The Client ID looks like 8E0761D9/)).toBeInTheDocument();
    expect(screen.getByLabelText('Instance URL')).toHaveAttribute('aria-invalid', 'true');
    expect(api.callsTo('connection.testAcumatica')).toHaveLength(0);
  });

  it('shows the tenant from the Client ID and a pinned version must look like 24.200.001', async () => {
    const api = createFakeApi({ 'settings.get': () => settingsView() });
    renderWith(api, <Wizard onDone={vi.fn()} />);
    await screen.findByTestId('wizard-acumatica');
    const u = await fillAcumatica();
    expect(screen.getByTestId('tenant')).toHaveTextContent('Tenant: Company');
    await u.click(screen.getByLabelText('Use a fixed version'));
    await u.type(screen.getByLabelText('Endpoint version'), '24.2');
    await u.click(screen.getByTestId('acu-test'));
    expect(await screen.findByText('Use a version like 24.200.001')).toBeInTheDocument();
  });

  it('shows a failed test with what to fix, then a passing one; secrets go to the keychain and show "saved"', async () => {
    let secretIsRight = false;
    const saved = settingsView();
    const api = createFakeApi({
      'settings.get': () => saved,
      'connection.testAcumatica': () => (secretIsRight ? passing : failing),
      'settings.save': (input) => {
        if (input.section === 'acumatica') saved.settings.acumatica = input.value as never;
        return saved;
      },
      'secrets.save': (input) => {
        saved.secretsSaved[input.name] = true;
        return { saved: true };
      },
    });
    renderWith(api, <Wizard onDone={vi.fn()} />);
    await screen.findByTestId('wizard-acumatica');
    const u = await fillAcumatica();
    await u.click(screen.getByTestId('acu-test'));
    const checks = await screen.findByTestId('acu-checks');
    expect(checks).toHaveTextContent('Some checks failed');
    expect(screen.getByTestId('check-token')).toHaveTextContent('failed');
    expect(screen.getByTestId('check-token')).toHaveTextContent('copy a current secret from Connected Applications');
    expect(screen.getByTestId('check-endpoint')).toHaveTextContent('Not checked');
    expect(api.callsTo('connection.testAcumatica')[0]).toMatchObject({
      settings: { url: 'https://acme.acumatica.com', clientId: CLIENT_ID, username: 'admin', mode: 'sales-orders' },
      sharedSecret: 'wrong-secret',
      password: 'pw',
    });

    secretIsRight = true;
    await u.clear(screen.getByLabelText('Shared secret'));
    await u.type(screen.getByLabelText('Shared secret'), 'right-secret');
    await u.click(screen.getByTestId('acu-test'));
    await waitFor(() => expect(screen.getByTestId('acu-checks')).toHaveTextContent('All checks passed.'));

    await u.click(screen.getByTestId('acu-save'));
    await screen.findByTestId('wizard-wms');
    expect(api.callsTo('secrets.save')).toEqual([
      { name: 'acumatica.sharedSecret', value: 'right-secret' },
      { name: 'acumatica.password', value: 'pw' },
    ]);
    expect(api.callsTo('settings.save')[0]).toMatchObject({ section: 'acumatica', value: { url: 'https://acme.acumatica.com' } });

    // Back to step 1: the secret is not shown again, only "saved".
    await u.click(screen.getByRole('button', { name: '1. Acumatica' }));
    expect(await screen.findByTestId('acu-secret-saved')).toHaveTextContent('saved');
    expect(screen.getByLabelText('Shared secret')).toHaveValue('');
  });

  it('keeps what was typed when the save fails, and marks the field the API named', async () => {
    const api = createFakeApi({
      'settings.get': () => settingsView(),
      'settings.save': () => ({ ok: false, error: { kind: 'invalid-input', message: 'The settings are not valid.', fields: { 'value.username': 'This user is not allowed' } } }),
    });
    renderWith(api, <Wizard onDone={vi.fn()} />);
    await screen.findByTestId('wizard-acumatica');
    const u = await fillAcumatica();
    await u.click(screen.getByTestId('acu-save'));
    expect(await screen.findByText('The Acumatica settings were not saved')).toBeInTheDocument();
    expect(screen.getAllByText('This user is not allowed').length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Instance URL')).toHaveValue('https://acme.acumatica.com');
    expect(screen.getByLabelText('Shared secret')).toHaveValue('wrong-secret');
    expect(api.callsTo('secrets.save')).toHaveLength(0);
  });

  it('WMS step: folder file exchange validates, tests and saves', async () => {
    const view = settingsView();
    const api = createFakeApi({
      'settings.get': () => view,
      'settings.save': (input) => {
        if (input.section === 'acumatica') view.settings.acumatica = input.value as never;
        if (input.section === 'wms') view.settings.wms = input.value as never;
        return view;
      },
      'secrets.save': () => ({ saved: true }),
      'connection.testWms': () => [{ id: 'folder', label: 'Exchange folder', ok: true, message: 'in/ and out/ are writable' }],
    });
    renderWith(api, <Wizard onDone={vi.fn()} />);
    await screen.findByTestId('wizard-acumatica');
    const u = await fillAcumatica();
    await u.click(screen.getByTestId('acu-save'));
    await screen.findByTestId('wizard-wms');
    await u.click(screen.getByTestId('wms-test'));
    expect(await screen.findByText('Choose the exchange folder')).toBeInTheDocument();
    await u.type(screen.getByLabelText('Exchange folder (holds in/ and out/)'), '/srv/exchange');
    await u.click(screen.getByTestId('wms-test'));
    expect(await screen.findByTestId('wms-checks')).toHaveTextContent('All checks passed.');
    expect(api.callsTo('connection.testWms')[0]).toEqual({
      settings: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: '/srv/exchange' }, stableForMs: 2000 },
    });
    await u.click(screen.getByTestId('wms-save'));
    expect(await screen.findByTestId('wizard-review')).toHaveTextContent('CSV files in /srv/exchange');
  });

  it('WMS step: SFTP needs its password, which is saved before the test', async () => {
    const view = settingsView({ acumatica: undefined });
    const api = createFakeApi({
      'settings.get': () => view,
      'secrets.save': () => ({ saved: true }),
      'connection.testWms': () => [{ id: 'login', label: 'SFTP sign-in', ok: true, message: 'ok' }],
    });
    const { container } = renderWith(api, <Wizard onDone={vi.fn()} />);
    await screen.findByTestId('wizard-acumatica');
    // Jump straight to the warehouse step by saving a valid Acumatica step.
    api.handlers['settings.save'] = () => view;
    const u = await fillAcumatica();
    await u.click(screen.getByTestId('acu-save'));
    await screen.findByTestId('wizard-wms');
    await u.click(screen.getByLabelText('An SFTP server'));
    await u.type(screen.getByLabelText('SFTP host'), 'sftp.example.com');
    await u.type(screen.getByLabelText('SFTP user name'), 'acme');
    await u.click(screen.getByTestId('wms-test'));
    expect(await screen.findByText('Enter the SFTP password')).toBeInTheDocument();
    await u.type(screen.getByLabelText('SFTP password'), 's3cret');
    await u.click(screen.getByTestId('wms-test'));
    await screen.findByTestId('wms-checks');
    expect(api.callsTo('secrets.save').at(-1)).toEqual({ name: 'wms.sftp.password', value: 's3cret' });
    expect(screen.getByLabelText('SFTP password')).toHaveValue('');
    expect(container.textContent).not.toContain('s3cret');
  });
});
