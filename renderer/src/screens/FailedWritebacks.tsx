// Failed write-backs: reason, attempts, next automatic attempt; Retry one, Retry selected, Retry all. Only orders
// whose write-back Acumatica refused (writeback-failed): send failures and rejections have their own queues.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RequestInput } from '../../../main/ipc/contract.js';
import type { OrderRow } from '../../../main/ipc/views.js';
import { useCall } from '../api/context.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Empty, Loading } from '../components/Loading.js';
import { formatCount, formatDateTime } from '../format.js';
import { useMarkReady } from '../hooks/useReady.js';
import { useShortcut } from '../hooks/useShortcut.js';
import { useNavigate } from '../nav.js';

const LIMIT = 2_000;

function reason(r: OrderRow): string {
  return r.lastError?.serverMessage ?? r.lastError?.message ?? r.attention ?? 'No reason recorded';
}

export function FailedWritebacks() {
  const run = useCall();
  const go = useNavigate();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const failed = useQuery({
    queryKey: [...keys.failed, 'failed'],
    queryFn: () => run('orders.list', { state: 'writeback-failed', sort: 'updatedAt', direction: 'desc', offset: 0, limit: LIMIT }),
  });
  const retrying = useQuery({
    queryKey: [...keys.failed, 'retrying'],
    queryFn: () => run('orders.list', { state: 'writeback-pending', sort: 'updatedAt', direction: 'desc', offset: 0, limit: LIMIT }),
  });
  useMarkReady(failed.isSuccess || failed.isError);

  const retry = useMutation({
    mutationFn: (input: RequestInput<'orders.retry'>) => run('orders.retry', input),
    onSuccess: (r) => {
      setSelected(new Set());
      setNotice(`${formatCount(r.retried)} write-back(s) queued for retry.`);
      void qc.invalidateQueries({ queryKey: keys.orders });
      void qc.invalidateQueries({ queryKey: keys.status });
    },
  });
  useShortcut('r', () => {
    if (selected.size > 0 && !retry.isPending) retry.mutate({ refs: [...selected] });
  });

  const toggle = (ref: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(ref)) next.delete(ref);
      else next.add(ref);
      return next;
    });

  const rows = failed.data?.rows ?? [];
  const pendingWithErrors = (retrying.data?.rows ?? []).filter((r) => r.lastError !== null);

  return (
    <div className="failed" data-testid="failed-writebacks">
      <h2>Failed write-backs</h2>
      <div className="toolbar">
        <button type="button" data-testid="retry-selected" disabled={selected.size === 0 || retry.isPending} onClick={() => retry.mutate({ refs: [...selected] })}>
          Retry selected ({selected.size}) <kbd>r</kbd>
        </button>
        <button type="button" data-testid="retry-all" disabled={rows.length === 0 || retry.isPending} onClick={() => retry.mutate({ allFailed: true, state: 'writeback-failed' })}>
          Retry all
        </button>
      </div>
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {retry.isError ? <ErrorBox title="Retry failed" error={retry.error} /> : null}
      {failed.isPending ? (
        <Loading what="failed write-backs" />
      ) : failed.isError ? (
        <ErrorBox title="The failed write-backs could not be loaded" error={failed.error} onRetry={() => void failed.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>Nothing has failed. Every shipment so far was written back to Acumatica.</Empty>
      ) : (
        <table className="data" data-testid="failed-table">
          <caption>
            {formatCount(failed.data.total)} failed{failed.data.total > rows.length ? ` (showing the newest ${formatCount(rows.length)})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all failed"
                  checked={rows.length > 0 && selected.size === rows.length}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.ref)) : new Set())}
                />
              </th>
              <th scope="col">Order</th>
              <th scope="col">Reason</th>
              <th scope="col">Attempts</th>
              <th scope="col">Next automatic attempt</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ref} data-testid="failed-row" aria-selected={selected.has(r.ref)}>
                <td>
                  <input type="checkbox" aria-label={`Select order ${r.ref}`} checked={selected.has(r.ref)} onChange={() => toggle(r.ref)} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => go({ name: 'order', ref: r.ref })}>
                    {r.ref}
                  </button>
                </td>
                <td className="reason">{reason(r)}</td>
                <td>{r.attempts}</td>
                <td>{r.nextAttemptAt ? formatDateTime(r.nextAttemptAt) : 'None: waits for you'}</td>
                <td>
                  <button type="button" aria-label={`Retry ${r.ref}`} disabled={retry.isPending} onClick={() => retry.mutate({ refs: [r.ref] })}>
                    Retry
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pendingWithErrors.length > 0 ? (
        <section aria-labelledby="retrying-title">
          <h3 id="retrying-title">Retrying by themselves</h3>
          <table className="data" data-testid="retrying-table">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Last problem</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next attempt</th>
              </tr>
            </thead>
            <tbody>
              {pendingWithErrors.map((r) => (
                <tr key={r.ref}>
                  <td>{r.ref}</td>
                  <td>{reason(r)}</td>
                  <td>{r.attempts}</td>
                  <td>{formatDateTime(r.nextAttemptAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
