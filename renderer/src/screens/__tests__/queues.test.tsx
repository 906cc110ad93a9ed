import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../../main/ipc/contract.js';
import type { OrderRow } from '../../../../main/ipc/views.js';
import { createFakeApi, fail } from '../../test/fake-api.js';
import { orderRow, statusView } from '../../test/fixtures.js';
import { deferred, renderWith } from '../../test/render.js';
import { Queues } from '../Queues.js';

/** A server of `n` orders that pages and searches like the real one. */
function ordersServer(n: number, rowFor: (i: number) => OrderRow = (i) => orderRow(i)) {
  return (input: RequestInput<'orders.list'>) => {
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 200;
    if (input.search) {
      const all = Array.from({ length: Math.min(n, 1000) }, (_, i) => rowFor(i)).filter((r) => r.ref.includes(input.search ?? ''));
      return { total: all.length, rows: all.slice(offset, offset + limit) };
    }
    const rows: OrderRow[] = [];
    for (let i = offset; i < Math.min(n, offset + limit); i++) rows.push(rowFor(i));
    return { total: n, rows };
  };
}

describe('Queues', () => {
  it('shows loading, then the empty state', async () => {
    const gate = deferred<{ total: number; rows: OrderRow[] }>();
    const api = createFakeApi({ 'status.get': () => statusView(), 'orders.list': () => gate.promise });
    renderWith(api, <Queues state="send-failed" />);
    expect(screen.getByTestId('loading')).toBeInTheDocument();
    gate.resolve({ total: 0, rows: [] });
    expect(await screen.findByTestId('empty')).toHaveTextContent('No orders are send failed right now');
    expect(document.documentElement.dataset.appState).toBe('ready');
  });

  it('shows an API error in words with what to do', async () => {
    const api = createFakeApi({
      'status.get': () => statusView(),
      'orders.list': () => fail({ kind: 'storage', message: 'The database is locked.' }),
    });
    renderWith(api, <Queues state="awaiting-wms" />);
    const box = await screen.findByTestId('error-box');
    expect(box).toHaveTextContent('The database is locked.');
    expect(box).toHaveTextContent('Check free disk space');
  });

  it('renders only a window of 100,000 rows and fetches only the pages in view', async () => {
    const api = createFakeApi({ 'status.get': () => statusView(), 'orders.list': ordersServer(100_000) });
    renderWith(api, <Queues state="awaiting-wms" />);
    expect(await screen.findByText('SO-000000')).toBeInTheDocument();
    expect(screen.getByTestId('queue-total')).toHaveTextContent('100,000 orders');
    const rows = screen.getAllByTestId('order-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByRole('table', { name: 'Orders' })).toHaveAttribute('aria-rowcount', '100001');
    expect(api.callsTo('orders.list').every((c) => c.limit === 200)).toBe(true);
    expect(api.callsTo('orders.list').length).toBeLessThanOrEqual(2);
  });

  it('searches by what is typed, with the current state and sort', async () => {
    const api = createFakeApi({ 'status.get': () => statusView(), 'orders.list': ordersServer(500) });
    renderWith(api, <Queues state="at-wms" />);
    await screen.findByText('SO-000000');
    await userEvent.type(screen.getByTestId('queue-search'), '000123');
    await waitFor(() => expect(screen.getAllByTestId('order-row')).toHaveLength(1));
    expect(screen.getByText('SO-000123')).toBeInTheDocument();
    const last = api.callsTo('orders.list').at(-1);
    expect(last).toMatchObject({ state: 'at-wms', search: '000123', sort: 'updatedAt', direction: 'desc' });
  });

  it('sorts on the server when a header is pressed', async () => {
    const api = createFakeApi({ 'status.get': () => statusView(), 'orders.list': ordersServer(50) });
    renderWith(api, <Queues state="awaiting-wms" />);
    await screen.findByText('SO-000000');
    await userEvent.click(screen.getByRole('button', { name: /^Order/ }));
    await waitFor(() => expect(api.callsTo('orders.list').at(-1)).toMatchObject({ sort: 'ref', direction: 'asc' }));
    expect(screen.getByRole('columnheader', { name: /Order/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('retries the selected orders with their refs (button and "r")', async () => {
    const api = createFakeApi({
      'status.get': () => statusView(),
      'orders.list': ordersServer(20, (i) => orderRow(i, { state: 'rejected-by-wms' })),
      'orders.retry': (input) => ({ retried: 'refs' in input ? input.refs.length : 0 }),
    });
    renderWith(api, <Queues state="rejected-by-wms" />);
    await screen.findByText('SO-000000');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select order SO-000003' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select order SO-000005' }));
    await userEvent.click(screen.getByTestId('retry-selected'));
    await waitFor(() => expect(api.callsTo('orders.retry')).toEqual([{ refs: ['SO-000003', 'SO-000005'] }]));
    expect(await screen.findByTestId('queue-notice')).toHaveTextContent('2 order(s) queued for retry');

    await userEvent.click(screen.getByRole('checkbox', { name: 'Select order SO-000007' }));
    await userEvent.keyboard('r');
    await waitFor(() => expect(api.callsTo('orders.retry').at(-1)).toEqual({ refs: ['SO-000007'] }));
  });

  it('"/" focuses the search box', async () => {
    const api = createFakeApi({ 'status.get': () => statusView(), 'orders.list': ordersServer(3) });
    renderWith(api, <Queues state="awaiting-wms" />);
    await screen.findByText('SO-000000');
    await userEvent.keyboard('/');
    expect(screen.getByTestId('queue-search')).toHaveFocus();
  });

  it('updates in place when the orders change, without going back to loading', async () => {
    let shipped = false;
    const api = createFakeApi({
      'status.get': () => statusView(),
      'orders.list': ordersServer(10, (i) => orderRow(i, i === 2 && shipped ? { trackingNumbers: ['1ZLIVE'] } : {})),
    });
    renderWith(api, <Queues state="at-wms" />);
    await screen.findByText('SO-000002');
    const before = api.callsTo('orders.list').length;
    shipped = true;
    act(() => api.emit('orders.changed', { refs: ['SO-000002'] }));
    expect(screen.queryByTestId('loading')).not.toBeInTheDocument();
    expect(await screen.findByText('1ZLIVE')).toBeInTheDocument();
    expect(api.callsTo('orders.list').length).toBe(before + 1);
  });

  it('shows counts on the tabs and exports the current view as CSV', async () => {
    const api = createFakeApi({
      'status.get': () => statusView(),
      'orders.list': ordersServer(3),
      'orders.exportCsv': () => ({ csv: 'ref\nSO-1\n', fileName: 'orders.csv' }),
    });
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    renderWith(api, <Queues state="writeback-failed" />);
    await screen.findByText('SO-000000');
    await waitFor(() => expect(within(screen.getByTestId('tab-writeback-failed')).getByText(/3/)).toBeInTheDocument());
    expect(screen.getByTestId('tab-writeback-failed')).toHaveAttribute('aria-selected', 'true');
    // Each failed step has its own tab (#17); send failures and rejections are not write-backs.
    expect(screen.getByTestId('tab-send-failed')).toHaveTextContent('Send failed');
    expect(screen.getByTestId('tab-rejected-by-wms')).toHaveTextContent('Rejected by WMS');
    await userEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(api.callsTo('orders.exportCsv')).toHaveLength(1));
    expect(api.callsTo('orders.exportCsv')[0]).toMatchObject({ state: 'writeback-failed', offset: 0, limit: 100_000 });
  });
});
