// Issue 14 item 11: an endpoint version the app was not tested with is a warning the operator sees, on the dashboard's
// connection card and in the result of "Test connection", without turning a passed check into a failure.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CheckList } from '../../components/CheckList.js';
import { createFakeApi } from '../../test/fake-api.js';
import { statusView } from '../../test/fixtures.js';
import { renderWith } from '../../test/render.js';
import { Dashboard } from '../Dashboard.js';

const warning = 'This instance does not offer Default 24.200.001, the endpoint DropStream is tested with; it uses Default 23.200.001.';

describe('Endpoint version warning', () => {
  it('shows on the Acumatica connection card', async () => {
    const api = createFakeApi({
      'status.get': () => statusView({ acumatica: { state: 'connected', message: 'Connected.', endpointVersion: '23.200.001', warning } }),
    });
    renderWith(api, <Dashboard />);
    expect(await screen.findByTestId('health-acumatica-warning')).toHaveTextContent(warning);
    expect(screen.getByTestId('health-acumatica-state')).toHaveTextContent('Connected');
  });

  it('shows beside a passed endpoint check', () => {
    render(
      <CheckList
        testId="checks"
        results={[
          { id: 'token', label: 'Sign-in', ok: true, message: 'Signed in as admin.' },
          { id: 'endpoint', label: 'Web service endpoint', ok: true, message: 'Endpoint Default 23.200.001.', warning },
        ]}
      />,
    );
    expect(screen.getByTestId('check-endpoint-warning')).toHaveTextContent(warning);
    expect(screen.getByTestId('checks')).toHaveTextContent('All checks passed.');
  });
});
