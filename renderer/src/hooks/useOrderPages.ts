// Fetches the pages of an order list that are in view. While a new search or sort loads, each page keeps showing
// its previous rows (no flicker); a live refetch updates rows in place.
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { RequestInput } from '../../../main/ipc/contract.js';
import type { OrderRow } from '../../../main/ipc/views.js';
import { useCall } from '../api/context.js';
import { keys } from '../api/keys.js';

export const PAGE_SIZE = 200;

export function useOrderPages(params: RequestInput<'orders.list'>, first: number, last: number) {
  const run = useCall();
  const pages = useMemo(() => {
    const out: number[] = [];
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) out.push(p);
    return out;
  }, [first, last]);

  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: keys.ordersPage(params, page),
      queryFn: () => run('orders.list', { ...params, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
      // Keep the previous rows of the same page while new parameters load (not another page's rows).
      placeholderData: (prev: { total: number; rows: OrderRow[] } | undefined, prevQuery?: { queryKey: readonly unknown[] }) =>
        prevQuery?.queryKey[3] === page ? prev : undefined,
    })),
  });

  const byPage = new Map<number, OrderRow[]>();
  let total: number | undefined;
  results.forEach((r, i) => {
    const page = pages[i];
    if (r.data && page !== undefined) {
      byPage.set(page, r.data.rows);
      if (total === undefined || !r.isPlaceholderData) total = r.data.total;
    }
  });
  const error = results.find((r) => r.isError && !r.data)?.error ?? null;
  const loading = results.some((r) => r.isPending);
  const fetching = results.some((r) => r.isFetching);
  const getRow = (index: number): OrderRow | undefined => byPage.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return { total, getRow, error, loading, fetching, refetch: () => Promise.all(results.map((r) => r.refetch())) };
}
