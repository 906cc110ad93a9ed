import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi, fail } from '../../test/fake-api.js';
import { orderRow } from '../../test/fixtures.js';
import { renderWith } from '../../test/render.js';
import { FailedWritebacks } from '../FailedWritebacks.js';

const failedRows = [1, 2, 3].map((i) =>
  orderRow(i, { state: 'writeback-failed', attempts: i, lastError: { kind: 'business', message: 'Refused', serverMessage: `Box ${i} is not defined` } }),
);

describe('Failed write-backs', () => {
  it('lists reason and attempts; retries one, the selection and all', async () => {
    const api = createFakeApi({
      // Only write-back failures: send failures and rejections are not listed here (#17).
      'orders.list': (input) => (input.state === 'writeback-failed' ? { total: 3, rows: failedRows } : { total: 0, rows: [] }),
      'orders.retry': () => ({ retried: 1 }),
    });
    renderWith(api, <FailedWritebacks />);
    expect(await screen.findAllByTestId('failed-row')).toHaveLength(3);
    expect(screen.getByText('Box 2 is not defined')).toBeInTheDocument();
    expect(screen.getAllByText('None: waits for you')).toHaveLength(3);

    await userEvent.click(screen.getByRole('button', { name: 'Retry SO-000002' }));
    await waitFor(() => expect(api.callsTo('orders.retry').at(-1)).toEqual({ refs: ['SO-000002'] }));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Select order SO-000001' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select order SO-000003' }));
    await userEvent.click(screen.getByTestId('retry-selected'));
    await waitFor(() => expect(api.callsTo('orders.retry').at(-1)).toEqual({ refs: ['SO-000001', 'SO-000003'] }));

    await userEvent.click(screen.getByTestId('retry-all'));
    await waitFor(() => expect(api.callsTo('orders.retry').at(-1)).toEqual({ allFailed: true, state: 'writeback-failed' }));
  });

  it('empty and error states', async () => {
    const empty = createFakeApi({ 'orders.list': () => ({ total: 0, rows: [] }) });
    const { unmount } = renderWith(empty, <FailedWritebacks />);
    expect(await screen.findByTestId('empty')).toHaveTextContent('Nothing has failed');
    unmount();
    const broken = createFakeApi({ 'orders.list': () => fail({ kind: 'storage', message: 'disk full' }) });
    renderWith(broken, <FailedWritebacks />);
    expect(await screen.findByTestId('error-box')).toHaveTextContent('disk full');
  });
});
