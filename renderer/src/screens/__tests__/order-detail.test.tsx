import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi, fail } from '../../test/fake-api.js';
import { orderDetail } from '../../test/fixtures.js';
import { renderWith } from '../../test/render.js';
import { OrderDetailScreen } from '../OrderDetail.js';

describe('Order detail', () => {
  it('shows refs, lines InventoryID -> SKU, packages, timeline, payloads and the server message', async () => {
    const api = createFakeApi({ 'orders.get': () => orderDetail() });
    renderWith(api, <OrderDetailScreen orderRef="SO-000042" />);
    expect(await screen.findByTestId('order-refs')).toHaveTextContent('WMS-42');
    const lines = screen.getByTestId('order-lines');
    expect(within(lines).getByText('WIDGET')).toBeInTheDocument();
    expect(within(lines).getByText('→ WDG-01')).toBeInTheDocument();
    expect(screen.getByTestId('order-packages')).toHaveTextContent('1Z999AA10123456784');
    expect(screen.getByTestId('order-timeline')).toHaveTextContent('Imported from Acumatica');
    expect(screen.getByTestId('server-message')).toHaveTextContent('Inventory Item WIDGET is not in warehouse MAIN.');
    expect(screen.getByTestId('wms-payload')).toHaveTextContent('"order_ref": "SO-000042"');
  });

  it('Retry and Mark resolved send this order', async () => {
    const api = createFakeApi({
      'orders.get': () => orderDetail(),
      'orders.retry': () => ({ retried: 1 }),
      'orders.markResolved': () => ({ resolved: 1 }),
    });
    renderWith(api, <OrderDetailScreen orderRef="SO-000042" />);
    await userEvent.click(await screen.findByTestId('order-retry'));
    await waitFor(() => expect(api.callsTo('orders.retry')).toEqual([{ refs: ['SO-000042'] }]));
    await userEvent.click(screen.getByTestId('order-resolve'));
    await waitFor(() => expect(api.callsTo('orders.markResolved')).toEqual([{ refs: ['SO-000042'] }]));
  });

  it('refetches when this order changes', async () => {
    let d = orderDetail();
    const api = createFakeApi({ 'orders.get': () => d });
    renderWith(api, <OrderDetailScreen orderRef="SO-000042" />);
    expect(await screen.findByTestId('order-state')).toHaveTextContent('Write-back failed');
    d = { ...d, row: { ...d.row, state: 'done', lastError: null } };
    act(() => api.emit('orders.changed', { refs: ['SO-999999'] }));
    act(() => api.emit('orders.changed', { refs: ['SO-000042'] }));
    await waitFor(() => expect(screen.getByTestId('order-state')).toHaveTextContent('Done'));
    expect(api.callsTo('orders.get')).toHaveLength(2);
  });

  it('says when the order is not found', async () => {
    const api = createFakeApi({ 'orders.get': () => fail({ kind: 'not-found', message: 'No order SO-1.' }) });
    renderWith(api, <OrderDetailScreen orderRef="SO-1" />);
    expect(await screen.findByTestId('error-box')).toHaveTextContent('It no longer exists');
  });
});
