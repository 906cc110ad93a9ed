// Reconciliation: run the three-way check, watch it read, and work through what disagrees, grouped by kind, with
// Acumatica, the warehouse and DropStream side by side and the actions that settle each discrepancy.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  DISCREPANCY_KINDS,
  KIND_LABELS,
  type Discrepancy,
  type ReconcileAction,
  type ReconcileProgress,
  type ReconcileReport,
} from '../../../main/ipc/reconcile-views.js';
import { useApi, useCall } from '../api/context.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Empty, Loading } from '../components/Loading.js';
import { downloadText } from '../download.js';
import { formatCount, formatDateTime } from '../format.js';
import { useMarkReady } from '../hooks/useReady.js';

const ACTION_LABELS: Record<ReconcileAction, string> = {
  'send-now': 'Send now',
  're-read': 'Re-read from Acumatica',
  'write-back-now': 'Write back now',
  'mark-resolved': 'Mark resolved',
};

const PHASE_LABELS: Record<ReconcileProgress['phase'], string> = {
  documents: 'Reading Acumatica documents',
  shipments: 'Reading Acumatica shipments',
  lookups: 'Looking up shipments DropStream wrote',
  warehouse: 'Asking the warehouse',
  compare: 'Comparing',
  done: 'Done',
};

function AcumaticaView({ d }: { d: Discrepancy }) {
  const a = d.acumatica;
  if (!a) return <p>Not listed in the period.</p>;
  return (
    <dl>
      <dt>Status</dt>
      <dd>{a.document ? a.document.status || `held: ${a.document.heldReason ?? ''}` : 'not in the period'}</dd>
      <dt>Shipments</dt>
      <dd>{a.shipments.length ? a.shipments.map((s) => `${s.shipmentNbr} (${s.status}, ${s.packageCount} pkg)`).join(', ') : 'none'}</dd>
      <dt>Tracking</dt>
      <dd>{a.shipments.flatMap((s) => s.trackingNumbers).join(', ') || 'none'}</dd>
      {a.missingShipments.length ? (
        <>
          <dt>Missing</dt>
          <dd>{a.missingShipments.join(', ')}</dd>
        </>
      ) : null}
    </dl>
  );
}

function WarehouseView({ d }: { d: Discrepancy }) {
  const w = d.warehouse;
  if (!w) return <p>Not known to the warehouse.</p>;
  return (
    <dl>
      <dt>Status</dt>
      <dd>{w.status}</dd>
      <dt>Reference</dt>
      <dd>{w.wmsRef || '—'}</dd>
      <dt>Tracking</dt>
      <dd>{w.trackingNumbers.join(', ') || 'none'}</dd>
      <dt>Units shipped</dt>
      <dd>{w.shippedUnits ?? 'not reported'}</dd>
    </dl>
  );
}

function DropStreamSide({ d }: { d: Discrepancy }) {
  const s = d.dropstream;
  if (!s) return <p>No record in DropStream.</p>;
  return (
    <dl>
      <dt>State</dt>
      <dd>{s.state}{s.attention ? ` (${s.attention})` : ''}</dd>
      <dt>Sent</dt>
      <dd>{s.sent ? `yes${s.wmsRef ? `, ${s.wmsRef}` : ''}` : 'no'}</dd>
      <dt>Shipments</dt>
      <dd>{s.fulfillments.length ? s.fulfillments.map((f) => `${f.shipmentNbr ?? 'not written'} (${f.state}: ${f.trackingNumbers.join(', ') || 'no tracking'})`).join('; ') : 'none'}</dd>
    </dl>
  );
}

function DiscrepancyRow({ d, onAction, busy }: { d: Discrepancy; onAction: (d: Discrepancy, action: ReconcileAction, note?: string) => void; busy: boolean }) {
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const id = `${d.kind}-${d.reference}`;
  return (
    <li className="card discrepancy" data-testid="discrepancy" data-kind={d.kind} data-ref={d.reference}>
      <h4>
        {d.reference} <span className="detail">{d.detail}</span>
      </h4>
      <div className="three-views">
        <section aria-label={`Acumatica, ${d.reference}`}>
          <h5>Acumatica</h5>
          <AcumaticaView d={d} />
        </section>
        <section aria-label={`Warehouse, ${d.reference}`}>
          <h5>Warehouse</h5>
          <WarehouseView d={d} />
        </section>
        <section aria-label={`DropStream, ${d.reference}`}>
          <h5>DropStream</h5>
          <DropStreamSide d={d} />
        </section>
      </div>
      <div className="toolbar">
        {d.actions
          .filter((a) => a !== 'mark-resolved')
          .map((a) => (
            <button key={a} type="button" disabled={busy} data-testid={`action-${a}`} onClick={() => onAction(d, a)}>
              {ACTION_LABELS[a]}
            </button>
          ))}
        <button type="button" disabled={busy} data-testid="action-mark-resolved" aria-expanded={resolving} onClick={() => setResolving((r) => !r)}>
          {ACTION_LABELS['mark-resolved']}…
        </button>
      </div>
      {resolving ? (
        <form
          className="resolve"
          onSubmit={(e) => {
            e.preventDefault();
            onAction(d, 'mark-resolved', note);
          }}
        >
          <label htmlFor={`note-${id}`}>What did you check or do?</label>
          <input id={`note-${id}`} data-testid="resolve-note" value={note} onChange={(e) => setNote(e.target.value)} required maxLength={2000} />
          <button type="submit" disabled={busy || note.trim() === ''} data-testid="resolve-submit">
            Mark resolved
          </button>
        </form>
      ) : null}
    </li>
  );
}

function Results({ report, onAction, busy }: { report: ReconcileReport; onAction: (d: Discrepancy, action: ReconcileAction, note?: string) => void; busy: boolean }) {
  const total = report.discrepancies.length;
  return (
    <>
      <section className="card" aria-label="Last reconciliation" data-testid="reconcile-summary">
        <p>
          Last run {formatDateTime(report.finishedAt)}, period from {report.since}: {formatCount(report.ordersCompared)} order(s) compared,{' '}
          <strong data-testid="reconcile-total">{total === 0 ? 'all three agree' : `${formatCount(total)} discrepanc${total === 1 ? 'y' : 'ies'}`}</strong>.
        </p>
        {report.warehouseNote ? (
          <p className="warnings" role="alert" data-testid="warehouse-note">
            {report.warehouseNote}
          </p>
        ) : null}
        {report.resolvedHidden ? <p>{formatCount(report.resolvedHidden)} marked resolved earlier and unchanged: not listed.</p> : null}
        <ul className="kind-counts">
          {DISCREPANCY_KINDS.map((k) => (
            <li key={k} data-testid={`kind-count-${k}`} className={report.counts[k] ? 'bad' : ''}>
              <span className="tile-count">{formatCount(report.counts[k])}</span> {KIND_LABELS[k]}
            </li>
          ))}
        </ul>
      </section>
      {total === 0 ? <Empty>Acumatica, the warehouse and DropStream agree on every order of the period.</Empty> : null}
      {DISCREPANCY_KINDS.filter((k) => report.counts[k] > 0).map((k) => (
        <section key={k} aria-labelledby={`group-${k}`} data-testid={`group-${k}`}>
          <h3 id={`group-${k}`}>
            {KIND_LABELS[k]} ({formatCount(report.counts[k])})
          </h3>
          <ul className="discrepancies">
            {report.discrepancies
              .filter((d) => d.kind === k)
              .map((d) => (
                <DiscrepancyRow key={`${d.kind}-${d.reference}`} d={d} onAction={onAction} busy={busy} />
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function Reconciliation() {
  const api = useApi();
  const run = useCall();
  const qc = useQueryClient();
  const [since, setSince] = useState('');
  const [progress, setProgress] = useState<ReconcileProgress | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const last = useQuery({ queryKey: keys.reconcile, queryFn: () => run('reconcile.last', {}) });
  useMarkReady(last.isSuccess || last.isError);

  useEffect(() => {
    const offs = [
      api.subscribe('reconcile.progress', (p) => setProgress(p)),
      api.subscribe('reconcile.finished', (f) => {
        setProgress(null);
        setFailure(f.ok ? null : (f.error?.message ?? 'The reconciliation stopped.'));
        void qc.invalidateQueries({ queryKey: keys.reconcile });
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api, qc]);

  const start = useMutation({
    mutationFn: () => run('reconcile.run', since ? { since } : {}),
    onMutate: () => {
      setNotice(null);
      setFailure(null);
      setProgress({ runId: 0, phase: 'documents', done: 0 });
    },
    onError: () => setProgress(null),
  });
  const apply = useMutation({
    mutationFn: (input: { d: Discrepancy; action: ReconcileAction; note?: string }) =>
      run('reconcile.apply', { reference: input.d.reference, kind: input.d.kind, action: input.action, detail: input.d.detail, ...(input.note ? { note: input.note } : {}) }),
    onSuccess: (r) => {
      setNotice(`${r.message} Run the reconciliation again to check.`);
      void qc.invalidateQueries({ queryKey: keys.orders });
    },
  });
  const exportCsv = useMutation({
    mutationFn: () => run('reconcile.exportCsv', {}),
    onSuccess: (r) => downloadText(r.fileName, r.csv),
  });

  const running = progress !== null;
  return (
    <div className="reconciliation" data-testid="reconciliation">
      <h2>Reconciliation</h2>
      <p>Compares Acumatica, the warehouse and what DropStream did, read-only. Nothing changes until you pick an action.</p>
      <div className="toolbar">
        <label htmlFor="reconcile-since">
          Period from
          <input id="reconcile-since" type="date" value={since} onChange={(e) => setSince(e.target.value)} data-testid="reconcile-since" />
        </label>
        <button type="button" data-testid="reconcile-run" disabled={running || start.isPending} onClick={() => start.mutate()}>
          Run reconciliation
        </button>
        <button type="button" data-testid="reconcile-export" disabled={!last.data || exportCsv.isPending} onClick={() => exportCsv.mutate()}>
          Export CSV
        </button>
      </div>
      <p className="hint">{since ? '' : 'Empty: the last 30 days.'}</p>
      <DailySchedule />
      {running ? (
        <div className="progress" data-testid="reconcile-progress">
          <label>
            {PHASE_LABELS[progress.phase]}: {formatCount(progress.done)}
            <progress />
          </label>
        </div>
      ) : null}
      {notice ? (
        <p role="status" className="notice" data-testid="reconcile-notice">
          {notice}
        </p>
      ) : null}
      {failure ? <p role="alert" className="warnings">The reconciliation stopped: {failure}</p> : null}
      {start.isError ? <ErrorBox title="The reconciliation could not start" error={start.error} /> : null}
      {apply.isError ? <ErrorBox title="The action was not applied" error={apply.error} /> : null}
      {exportCsv.isError ? <ErrorBox title="The export failed" error={exportCsv.error} /> : null}
      {last.isPending ? (
        <Loading what="the last reconciliation" />
      ) : last.isError ? (
        <ErrorBox title="The last reconciliation could not be loaded" error={last.error} onRetry={() => void last.refetch()} />
      ) : last.data ? (
        <Results report={last.data} busy={apply.isPending} onAction={(d, action, note) => apply.mutate({ d, action, ...(note ? { note } : {}) })} />
      ) : (
        <Empty>No reconciliation has run yet.</Empty>
      )}
    </div>
  );
}

/** The optional daily run: a local time of day saved in the app settings (empty: only by hand). */
function DailySchedule() {
  const run = useCall();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: keys.settings, queryFn: () => run('settings.get', {}) });
  const saved = settings.data?.settings.app.reconcileDailyAt ?? '';
  const [time, setTime] = useState<string | null>(null);
  const value = time ?? saved;
  const save = useMutation({
    mutationFn: () => {
      const app = settings.data!.settings.app;
      const { reconcileDailyAt: _old, ...rest } = app;
      return run('settings.save', { section: 'app', value: value ? { ...rest, reconcileDailyAt: value } : rest });
    },
    onSuccess: () => {
      setTime(null);
      void qc.invalidateQueries({ queryKey: keys.settings });
    },
  });
  if (!settings.data) return null;
  return (
    <form
      className="toolbar"
      data-testid="reconcile-schedule"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label htmlFor="reconcile-daily">
        Run daily at (this computer's time; empty: only by hand)
        <input id="reconcile-daily" type="time" value={value} onChange={(e) => setTime(e.target.value)} />
      </label>
      <button type="submit" disabled={save.isPending || value === saved}>
        Save schedule
      </button>
      {save.isError ? <ErrorBox title="The schedule was not saved" error={save.error} /> : null}
    </form>
  );
}

/** For the dashboard: when the last reconciliation ran and what it found. */
export function LastReconciliation({ onOpen }: { onOpen: () => void }) {
  const run = useCall();
  const last = useQuery({ queryKey: keys.reconcile, queryFn: () => run('reconcile.last', {}) });
  const r = last.data;
  return (
    <section className="card" aria-label="Reconciliation" data-testid="dashboard-reconcile">
      <p>
        Last reconciliation:{' '}
        <span data-testid="dashboard-reconcile-outcome">
          {last.isPending ? '…' : !r ? 'never run' : `${formatDateTime(r.finishedAt)}: ${r.discrepancies.length === 0 ? 'all three agree' : `${formatCount(r.discrepancies.length)} discrepanc${r.discrepancies.length === 1 ? 'y' : 'ies'}`}${r.warehouseLive ? '' : ' (warehouse not reachable)'}`}
        </span>{' '}
        <button type="button" className="link" onClick={onOpen}>
          Open reconciliation
        </button>
      </p>
    </section>
  );
}
