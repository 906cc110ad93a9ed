// Queues: a tab per state with counts, search, sort, multi-select with bulk retry, and CSV export of the view.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RowSelectionState, SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RequestInput } from '../../../main/ipc/contract.js';
import type { OrderState } from '../../../main/ipc/views.js';
import { useCall } from '../api/context.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Empty, Loading } from '../components/Loading.js';
import { OrderTable } from '../components/OrderTable.js';
import { downloadText } from '../download.js';
import { formatCount } from '../format.js';
import { SEARCH_DEBOUNCE_MS, useDebounced } from '../hooks/useDebounced.js';
import { useOrderPages } from '../hooks/useOrderPages.js';
import { useMarkReady } from '../hooks/useReady.js';
import { useShortcut } from '../hooks/useShortcut.js';
import { useNavigate } from '../nav.js';
import { QUEUE_TABS, STATE_LABELS } from '../states.js';

type SortKey = NonNullable<RequestInput<'orders.list'>['sort']>;
const SORT_KEYS: readonly string[] = ['ref', 'customerId', 'orderDate', 'state', 'updatedAt'] satisfies SortKey[];

function QueueTabs({ state }: { state: OrderState }) {
  const run = useCall();
  const go = useNavigate();
  const status = useQuery({ queryKey: keys.status, queryFn: () => run('status.get', {}) });
  return (
    <div role="tablist" aria-label="Queues" className="tabs">
      {QUEUE_TABS.map((s) => (
        <button
          type="button"
          role="tab"
          key={s}
          aria-selected={s === state}
          data-testid={`tab-${s}`}
          onClick={() => go({ name: 'queues', state: s })}
        >
          {STATE_LABELS[s]}
          {status.data ? <span className="tab-count"> {formatCount(status.data.counts[s])}</span> : null}
        </button>
      ))}
    </div>
  );
}

export function Queues({ state }: { state: OrderState }) {
  const run = useCall();
  const go = useNavigate();
  const qc = useQueryClient();
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'updatedAt', desc: true }]);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const sortId = sorting[0]?.id ?? 'updatedAt';
  const params = useMemo<RequestInput<'orders.list'>>(
    () => ({
      state,
      ...(search ? { search } : {}),
      sort: (SORT_KEYS.includes(sortId) ? sortId : 'updatedAt') as SortKey,
      direction: sorting[0]?.desc === false ? 'asc' : 'desc',
    }),
    [state, search, sortId, sorting],
  );
  const pages = useOrderPages(params, range[0], range[1]);
  useMarkReady(pages.total !== undefined || pages.error !== null);

  // A new tab starts with a clean selection.
  useEffect(() => {
    setSelection({});
    setNotice(null);
  }, [state]);

  const selectedRefs = Object.keys(selection).filter((r) => selection[r]);
  const afterAction = (message: string) => {
    setSelection({});
    setNotice(message);
    void qc.invalidateQueries({ queryKey: keys.orders });
    void qc.invalidateQueries({ queryKey: keys.status });
  };
  const retry = useMutation({
    mutationFn: (refs: string[]) => run('orders.retry', { refs }),
    onSuccess: (r) => afterAction(`${formatCount(r.retried)} order(s) queued for retry.`),
  });
  const resolve = useMutation({
    mutationFn: (refs: string[]) => run('orders.markResolved', { refs }),
    onSuccess: (r) => afterAction(`${formatCount(r.resolved)} order(s) marked resolved.`),
  });
  const exportCsv = useMutation({
    mutationFn: () => run('orders.exportCsv', { ...params, offset: 0, limit: 100_000 }),
    onSuccess: (r) => downloadText(r.fileName, r.csv),
  });

  useShortcut('/', () => searchRef.current?.focus());
  useShortcut('r', () => {
    if (selectedRefs.length > 0 && !retry.isPending) retry.mutate(selectedRefs);
  });

  const onRange = useCallback((a: number, b: number) => setRange((old) => (old[0] === a && old[1] === b ? old : [a, b])), []);
  const onOpen = useCallback((ref: string) => go({ name: 'order', ref }), [go]);

  let body: React.ReactNode;
  if (pages.error) body = <ErrorBox title="The orders could not be loaded" error={pages.error} onRetry={() => void pages.refetch()} />;
  else if (pages.total === undefined) body = <Loading what="orders" />;
  else if (pages.total === 0)
    body = <Empty>{search ? `No orders in “${STATE_LABELS[state]}” match “${search}”.` : `No orders are ${STATE_LABELS[state].toLowerCase()} right now.`}</Empty>;
  else
    body = (
      <OrderTable
        getRow={pages.getRow}
        total={pages.total}
        sorting={sorting}
        onSortingChange={setSorting}
        selection={selection}
        onSelectionChange={setSelection}
        onRangeChange={onRange}
        onOpen={onOpen}
        resetKey={`${state}|${search}|${params.sort}|${params.direction}`}
        showState={false}
      />
    );

  return (
    <div className="queues" data-testid="queues">
      <h2>Queues</h2>
      <QueueTabs state={state} />
      <div className="toolbar" role="tabpanel" aria-label={STATE_LABELS[state]}>
        <label className="search">
          <span>Search (order, customer, SKU, tracking) — press /</span>
          <input
            ref={searchRef}
            type="search"
            data-testid="queue-search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            placeholder="Order number, customer, SKU or tracking number"
          />
        </label>
        <span className="count" data-testid="queue-total" aria-live="polite">
          {pages.total !== undefined ? `${formatCount(pages.total)} orders` : ''}
          {pages.fetching ? ' · updating…' : ''}
        </span>
        <button type="button" data-testid="retry-selected" disabled={selectedRefs.length === 0 || retry.isPending} onClick={() => retry.mutate(selectedRefs)}>
          Retry selected ({selectedRefs.length}) <kbd>r</kbd>
        </button>
        <button type="button" data-testid="resolve-selected" disabled={selectedRefs.length === 0 || resolve.isPending} onClick={() => resolve.mutate(selectedRefs)}>
          Mark resolved
        </button>
        <button type="button" data-testid="export-csv" disabled={!pages.total || exportCsv.isPending} onClick={() => exportCsv.mutate()}>
          Export CSV
        </button>
      </div>
      {notice ? (
        <p role="status" className="notice" data-testid="queue-notice">
          {notice}
        </p>
      ) : null}
      {retry.isError ? <ErrorBox title="Retry failed" error={retry.error} /> : null}
      {resolve.isError ? <ErrorBox title="Could not mark resolved" error={resolve.error} /> : null}
      {exportCsv.isError ? <ErrorBox title="Export failed" error={exportCsv.error} /> : null}
      {body}
    </div>
  );
}
