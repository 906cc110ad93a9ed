// Order detail: references, lines (InventoryID -> SKU, ordered/sent/shipped), packages with tracking, the timeline,
// the exact payloads, and for problems the server's own words with Retry / Mark resolved.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FulfillmentView, OrderDetail } from '../../../main/ipc/views.js';
import { useCall } from '../api/context.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Json } from '../components/Json.js';
import { Loading } from '../components/Loading.js';
import { formatDateTime } from '../format.js';
import { useMarkReady } from '../hooks/useReady.js';
import { useShortcut } from '../hooks/useShortcut.js';
import { useNavigate } from '../nav.js';
import { needsOperator, STATE_LABELS } from '../states.js';

const FULFILLMENT_STATE: Record<FulfillmentView['state'], string> = {
  pending: 'Write-back pending',
  written: 'Written to Acumatica',
  failed: 'Write-back failed',
  held: 'Held',
};

function Refs({ d }: { d: OrderDetail }) {
  const key = d.order?.key;
  return (
    <dl className="refs" data-testid="order-refs">
      <dt>Order</dt>
      <dd>{d.row.ref}</dd>
      <dt>Acumatica document</dt>
      <dd>{key ? (key.kind === 'sales-order' ? `Sales order ${key.orderType} ${key.orderNbr}` : `Shipment ${key.shipmentNbr}`) : d.row.source}</dd>
      <dt>Acumatica status</dt>
      <dd>{d.order?.status ?? '—'}</dd>
      <dt>State</dt>
      <dd data-testid="order-state">{STATE_LABELS[d.row.state]}</dd>
      <dt>Customer</dt>
      <dd>
        {d.row.customerId} · {d.row.shipToName}
      </dd>
      <dt>WMS reference</dt>
      <dd>{d.row.wmsRef ?? 'Not sent yet'}</dd>
      <dt>Acumatica shipments</dt>
      <dd>{d.row.shipmentNbrs.join(', ') || '—'}</dd>
      <dt>Updated</dt>
      <dd>{formatDateTime(d.row.updatedAt)}</dd>
    </dl>
  );
}

function Problem({ d }: { d: OrderDetail }) {
  const run = useCall();
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.order(d.row.ref) });
    void qc.invalidateQueries({ queryKey: keys.orders });
    void qc.invalidateQueries({ queryKey: keys.status });
  };
  const retry = useMutation({ mutationFn: () => run('orders.retry', { refs: [d.row.ref] }), onSuccess: refresh });
  const resolve = useMutation({ mutationFn: () => run('orders.markResolved', { refs: [d.row.ref] }), onSuccess: refresh });
  const hasProblem = d.row.lastError !== null || d.row.attention !== null || needsOperator(d.row.state);
  useShortcut('r', () => retry.mutate(), hasProblem && !retry.isPending);
  if (!hasProblem) return null;
  return (
    <section className="card problem" aria-labelledby="problem-title" data-testid="order-problem">
      <h3 id="problem-title">Needs attention</h3>
      {d.row.attention ? <p>{d.row.attention}</p> : null}
      {d.row.lastError ? (
        <>
          <p>{d.row.lastError.message}</p>
          {d.row.lastError.serverMessage ? (
            <p className="server-message" data-testid="server-message">
              Server said: <q>{d.row.lastError.serverMessage}</q>
            </p>
          ) : null}
        </>
      ) : null}
      <p>
        Attempts: {d.row.attempts}
        {d.row.nextAttemptAt ? ` · next automatic attempt ${formatDateTime(d.row.nextAttemptAt)}` : ''}
      </p>
      <div className="controls">
        <button type="button" data-testid="order-retry" onClick={() => retry.mutate()} disabled={retry.isPending}>
          Retry <kbd>r</kbd>
        </button>
        <button type="button" data-testid="order-resolve" onClick={() => resolve.mutate()} disabled={resolve.isPending}>
          Mark resolved
        </button>
      </div>
      {retry.isSuccess ? <p role="status">Queued for retry.</p> : null}
      {resolve.isSuccess ? <p role="status">Marked resolved.</p> : null}
      {retry.isError ? <ErrorBox title="Retry failed" error={retry.error} /> : null}
      {resolve.isError ? <ErrorBox title="Could not mark resolved" error={resolve.error} /> : null}
    </section>
  );
}

function Lines({ d }: { d: OrderDetail }) {
  return (
    <table className="data" data-testid="order-lines">
      <caption>Lines</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">InventoryID</th>
          <th scope="col">SKU at the warehouse</th>
          <th scope="col">Description</th>
          <th scope="col">UOM</th>
          <th scope="col">Ordered</th>
          <th scope="col">Sent</th>
          <th scope="col">Shipped</th>
        </tr>
      </thead>
      <tbody>
        {d.lines.map((l) => (
          <tr key={l.lineRef}>
            <td>{l.lineRef}</td>
            <td>{l.inventoryId}</td>
            <td>{l.sku === l.inventoryId ? l.sku : `→ ${l.sku}`}</td>
            <td>{l.description}</td>
            <td>{l.uom}</td>
            <td>{l.ordered}</td>
            <td>{l.sent}</td>
            <td className={l.shipped < l.ordered ? 'partial' : ''}>{l.shipped}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Shipments({ d }: { d: OrderDetail }) {
  if (d.fulfillments.length === 0) return <p className="empty">Nothing shipped yet.</p>;
  return (
    <div data-testid="order-packages">
      {d.fulfillments.map((f) => (
        <section key={f.fulfillment.id} className="card">
          <h4>
            Shipped {f.fulfillment.shipDate} by {f.fulfillment.carrier} {f.fulfillment.service} — {FULFILLMENT_STATE[f.state]}
            {f.shipmentNbr ? ` (Acumatica shipment ${f.shipmentNbr}${f.confirmed ? ', confirmed' : ''})` : ''}
          </h4>
          {f.lastError ? <ErrorBox error={f.lastError} /> : null}
          {f.attempts > 0 ? (
            <p>
              Attempts: {f.attempts}
              {f.nextAttemptAt ? ` · next ${formatDateTime(f.nextAttemptAt)}` : ''}
            </p>
          ) : null}
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Box</th>
                <th scope="col">Tracking number</th>
                <th scope="col">Type</th>
                <th scope="col">Weight</th>
                <th scope="col">Contents</th>
              </tr>
            </thead>
            <tbody>
              {f.fulfillment.packages.map((p) => (
                <tr key={`${p.boxId}|${p.trackingNumber}`}>
                  <td>{p.boxId}</td>
                  <td className="tracking">{p.trackingNumber}</td>
                  <td>{p.packageType || '—'}</td>
                  <td>{p.weight !== null ? `${p.weight} ${p.weightUom}` : '—'}</td>
                  <td>{p.contents.map((c) => `${c.sku} × ${c.quantity}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Json label="Write-back to Acumatica (exact body)" value={f.payload} />
        </section>
      ))}
    </div>
  );
}

export function OrderDetailScreen({ orderRef }: { orderRef: string }) {
  const run = useCall();
  const go = useNavigate();
  const detail = useQuery({ queryKey: keys.order(orderRef), queryFn: () => run('orders.get', { ref: orderRef }) });
  useMarkReady(detail.isSuccess || detail.isError);

  const back = (
    <button type="button" className="link" onClick={() => go({ name: 'queues', state: detail.data?.row.state ?? 'awaiting-wms' })}>
      ← Back to the queue
    </button>
  );
  if (detail.isPending) return <Loading what={`order ${orderRef}`} />;
  if (detail.isError)
    return (
      <div>
        {back}
        <ErrorBox title={`Order ${orderRef} could not be loaded`} error={detail.error} onRetry={() => void detail.refetch()} />
      </div>
    );
  const d = detail.data;
  return (
    <div className="order-detail" data-testid="order-detail">
      {back}
      <h2>Order {d.row.ref}</h2>
      <Problem d={d} />
      <Refs d={d} />
      <Lines d={d} />
      <h3>Shipments and packages</h3>
      <Shipments d={d} />
      <h3>Timeline</h3>
      {d.timeline.length === 0 ? (
        <p className="empty">No activity yet.</p>
      ) : (
        <ol className="timeline" data-testid="order-timeline">
          {d.timeline.map((t) => (
            <li key={t.id} className={t.level}>
              <time dateTime={t.at}>{formatDateTime(t.at)}</time> {t.message}
            </li>
          ))}
        </ol>
      )}
      <h3>Payloads</h3>
      <Json label="Order sent to the warehouse (exact)" value={d.wmsPayload} testId="wms-payload" />
      {d.raw !== null && d.raw !== undefined ? <Json label="Record as received from Acumatica" value={d.raw} /> : null}
    </div>
  );
}
